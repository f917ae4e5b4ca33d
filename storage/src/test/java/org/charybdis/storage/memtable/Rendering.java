package org.charybdis.storage.memtable;

import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.engine.PartitionView;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Read results as text with every detail a client can observe, so two engines' results compare as strings. */
public final class Rendering {
    private Rendering() {}

    public static String of(PartitionView view) {
        if (view == null) return null;
        List<String> rows = new ArrayList<>();
        view.rows().forEachRemaining(row -> rows.add(of(row)));
        return hex(view.key().key()) + " static=" + (view.staticRow() == null ? null : of(view.staticRow())) + " rows=" + rows;
    }

    public static String of(Row row) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < row.clustering().size(); i++) sb.append(i == 0 ? "" : ",").append(hex(row.clustering().get(i)));
        if (!row.liveness().isEmpty())
            sb.append(" marker@").append(row.liveness().timestamp()).append(" ttl").append(row.liveness().ttl())
              .append(" exp").append(row.liveness().localExpirationTime());
        if (!row.deletion().isLive()) sb.append(" deleted@").append(row.deletion());
        for (Cell cell : row.cells()) {
            sb.append(' ').append(cell.column());
            if (cell.path() != null) sb.append('[').append(hex(cell.path())).append(']');
            sb.append('=').append(hex(cell.value())).append('@').append(cell.timestamp())
              .append(" ttl").append(cell.ttl()).append(" ldt").append(cell.localDeletionTime());
        }
        if (row.complexDeletionCount() > 0) sb.append(" complexDeletions=").append(row.complexDeletions());
        return "(" + sb + ")";
    }

    /** Long values as their length and hash, so that a failure message stays readable. */
    static String hex(ByteBuffer buffer) {
        if (buffer.remaining() > 32) return "<" + buffer.remaining() + " bytes #" + Integer.toHexString(buffer.hashCode()) + ">";
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(buffer.position(), bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
