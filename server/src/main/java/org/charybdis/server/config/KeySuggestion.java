package org.charybdis.server.config;

import java.util.Collection;

/**
 * The known configuration key an unknown one was most likely meant to be: a typo (letters swapped, missing or extra)
 * or Cassandra's other spelling of a word. Nothing is suggested when no key is close.
 */
final class KeySuggestion {
    private KeySuggestion() { }

    /** The closest of {@code known} to {@code unknown}, or null when none is within a few edits. */
    static String closest(String unknown, Collection<String> known) {
        String best = null;
        int bestDistance = Math.max(2, unknown.length() / 4) + 1; // beyond this, a "suggestion" would be a guess
        for (String candidate : known) {
            int distance = distance(unknown, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Edits (insertions, deletions, substitutions, swaps of neighbours) from a to b: optimal string alignment. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
