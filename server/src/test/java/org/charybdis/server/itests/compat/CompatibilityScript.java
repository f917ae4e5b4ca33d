package org.charybdis.server.itests.compat;

import java.util.ArrayList;
import java.util.List;

/**
 * A compatibility script: CQL statements, one a line, each followed by the answer Cassandra 5.0 gave.
 *
 * <pre>
 * # a comment (kept when answers are re-recorded); blank lines are kept too
 * INSERT INTO ks.t (k, v) VALUES (?, ?)
 * ? 1 | 'text'                    bind values as CQL literals ('unset' leaves one unset): run prepared
 * SELECT k, v FROM ks.t
 * > k | v                         answer: the result's column names, then one line per row
 * > 1 | 'text'
 * UPDATE ks.t SET nope = 1 WHERE k = 1
 * ! InvalidQueryException: ...    answer: the error (driver exception and server message)
 * ~! InvalidQueryException: ...   Charybdis's answer where it is known to differ (lines starting with ~;
 *                                 {@code ~ok} when Charybdis succeeds without a result)
 * </pre>
 *
 * A statement without answer lines succeeded without a result (e.g. an INSERT).
 */
public record CompatibilityScript(List<Entry> entries) {
    /** The known-difference line of a statement that succeeds on Charybdis without a result. */
    static final String SUCCEEDED = "ok";

    /** A line kept as it is (comment or blank), or a statement with its binds and answers. */
    public sealed interface Entry permits Text, Case {}

    public record Text(String line) implements Entry {}

    /**
     * One statement. {@code binds} is null for a statement run as simple text; {@code expected} is Cassandra's
     * answer; {@code known} Charybdis's different answer, empty when both agree.
     */
    public record Case(int line, String cql, String binds, List<String> expected, List<String> known) implements Entry {
        public Case withExpected(List<String> answer) {
            return new Case(line, cql, binds, answer, known);
        }

        /** This case with Charybdis's answer noted as a known difference, or none when it is Cassandra's. */
        public Case withCharybdisAnswer(List<String> answer) {
            if (answer.equals(expected)) return new Case(line, cql, binds, expected, new ArrayList<>());
            return new Case(line, cql, binds, expected, new ArrayList<>(answer.isEmpty() ? List.of(SUCCEEDED) : answer));
        }

        /** The answer Charybdis must give: its known difference when there is one, else Cassandra's. */
        public List<String> charybdisAnswer() {
            if (known.equals(List.of(SUCCEEDED))) return List.of();
            return known.isEmpty() ? expected : known;
        }
    }

    public static CompatibilityScript parse(String text) {
        List<Entry> entries = new ArrayList<>();
        Case current = null;
        String[] lines = text.split("\n", -1);
        int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
        for (int i = 0; i < count; i++) {
            String line = lines[i];
            if (line.startsWith("? ") && current != null) {
                current = new Case(current.line, current.cql, line.substring(2), current.expected, current.known);
            } else if ((line.startsWith("> ") || line.startsWith("! ") || line.equals(">")) && current != null) {
                current.expected.add(line);
            } else if (line.startsWith("~") && current != null) {
                current.known.add(line.substring(1));
            } else {
                if (current != null) entries.add(current);
                current = null;
                if (line.isBlank() || line.startsWith("#")) {
                    entries.add(new Text(line));
                } else {
                    current = new Case(i + 1, line, null, new ArrayList<>(), new ArrayList<>());
                }
            }
        }
        if (current != null) entries.add(current);
        return new CompatibilityScript(entries);
    }

    public List<Case> cases() {
        return entries.stream().filter(Case.class::isInstance).map(Case.class::cast).toList();
    }

    /** The script as text, answers included. */
    public String format() {
        StringBuilder s = new StringBuilder();
        for (Entry entry : entries) {
            switch (entry) {
                case Text text -> s.append(text.line()).append('\n');
                case Case c -> {
                    s.append(c.cql()).append('\n');
                    if (c.binds() != null) s.append("? ").append(c.binds()).append('\n');
                    for (String answer : c.expected()) s.append(answer).append('\n');
                    for (String answer : c.known()) s.append('~').append(answer).append('\n');
                }
            }
        }
        return s.toString();
    }

    /** A copy with the cases replaced, in order, by the given ones. */
    public CompatibilityScript withCases(List<Case> cases) {
        List<Entry> replaced = new ArrayList<>();
        int next = 0;
        for (Entry entry : entries) replaced.add(entry instanceof Case ? cases.get(next++) : entry);
        return new CompatibilityScript(replaced);
    }
}
