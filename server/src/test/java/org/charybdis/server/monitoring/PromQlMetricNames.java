package org.charybdis.server.monitoring;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression (as written in a Grafana panel) selects. A name is an identifier that is
 * not a function or aggregation call (followed by {@code (}, or by {@code by} / {@code without}), not a keyword or binary operator word, not a label
 * inside a {@code {...}} matcher or a {@code by (...)} / {@code on (...)} list, and not part of a string, a range
 * or a duration; a {@code __name__="..."} matcher names one too. Grafana variables ({@code $shard},
 * {@code ${DS}}, {@code [[x]]}, {@code $__rate_interval}) stand for values, never for metric names.
 * Names are returned as written: {@code x_bucket} stays {@code x_bucket}, the exposition decides what it belongs to.
 */
public final class PromQlMetricNames {
    /** Words that take a parenthesised list of label names: that list holds no metric. */
    private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    /** Words that are neither metrics nor calls: set operators, modifiers, number literals. */
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan");
    private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\[\\[[^]]*]]|\\$\\w+");
    private static final Pattern NAME_MATCHER = Pattern.compile("__name__\\s*=\\s*\"([a-zA-Z_:][a-zA-Z0-9_:]*)\"");

    private PromQlMetricNames() {}

    /** The metric names {@code expr} reads, in the order they appear. */
    public static Set<String> of(String expr) {
        String text = GRAFANA_VARIABLE.matcher(expr).replaceAll("1");
        Set<String> names = new LinkedHashSet<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(text, i);
            } else if (c == '{') {
                int end = closing(text, i, '{', '}');
                Matcher name = NAME_MATCHER.matcher(text.substring(i, end));
                while (name.find()) names.add(name.group(1));
                i = end;
            } else if (c == '[') {
                i = closing(text, i, '[', ']'); // a range or subquery: durations only
            } else if (c == '#') {
                int newline = text.indexOf('\n', i);
                i = newline < 0 ? text.length() : newline;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)))) {
                i = skipNumber(text, i);
            } else if (isNameStart(c)) {
                int end = i;
                while (end < text.length() && isNamePart(text.charAt(end))) end++;
                String word = text.substring(i, end);
                int next = skipSpaces(text, end);
                boolean call = next < text.length() && text.charAt(next) == '(' || aggregationModifierAt(text, next);
                if (LABEL_LIST_KEYWORDS.contains(word.toLowerCase())) {
                    i = call ? closing(text, next, '(', ')') : end;
                } else if (word.equalsIgnoreCase("offset")) {
                    i = skipNumber(text, next); // offset 5m: a duration follows
                } else {
                    if (!call && !KEYWORDS.contains(word.toLowerCase())) names.add(word);
                    i = end;
                }
            } else {
                i++;
            }
        }
        return names;
    }

    /** {@code sum by (le) (...)}: a word followed by by/without is an aggregation, whose parentheses come later. */
    private static boolean aggregationModifierAt(String text, int i) {
        int end = i;
        while (end < text.length() && isNamePart(text.charAt(end))) end++;
        String word = text.substring(i, end).toLowerCase();
        return word.equals("by") || word.equals("without");
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_' || c == ':';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || Character.isDigit(c);
    }

    private static int skipSpaces(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
        return i;
    }

    /** Past a number or duration literal: 1, 0.99, 1e3, 0x1f, 5m, 1h30m. */
    private static int skipNumber(String text, int i) {
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '.')) i++;
        return i;
    }

    /** Past the closing quote of the string starting at {@code i} (backslash escapes in quoted strings). */
    private static int skipString(String text, int i) {
        char quote = text.charAt(i);
        int j = i + 1;
        while (j < text.length() && text.charAt(j) != quote) j += text.charAt(j) == '\\' && quote != '`' ? 2 : 1;
        if (j >= text.length()) throw new IllegalArgumentException("unterminated string at " + i + " in: " + text);
        return j + 1;
    }

    /** Past the bracket closing the one at {@code i}, strings inside skipped. */
    private static int closing(String text, int i, char open, char close) {
        int depth = 0;
        int j = i;
        while (j < text.length()) {
            char c = text.charAt(j);
            if (c == '"' || c == '\'' || c == '`') {
                j = skipString(text, j);
                continue;
            }
            if (c == open) depth++;
            if (c == close && --depth == 0) return j + 1;
            j++;
        }
        throw new IllegalArgumentException("'" + open + "' at " + i + " is never closed in: " + text);
    }
}
