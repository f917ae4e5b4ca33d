package org.charybdis.tools.admin;

import java.io.PrintStream;
import java.util.List;

/** Prints rows as nodetool's tables: columns left-aligned, each as wide as its widest cell, a gap apart. */
public final class AlignedColumns {
    private AlignedColumns() {}

    public static void print(List<List<String>> rows, int gap, PrintStream out) {
        int[] widths = new int[rows.stream().mapToInt(List::size).max().orElse(0)];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) widths[i] = Math.max(widths[i], row.get(i).length());
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) line.append(" ".repeat(gap));
                line.append(row.get(i));
                if (i < row.size() - 1) line.append(" ".repeat(widths[i] - row.get(i).length()));
            }
            out.println(line);
        }
    }
}
