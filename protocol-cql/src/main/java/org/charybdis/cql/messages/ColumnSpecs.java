package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/** The <global_table_spec>?<col_spec_1>...<col_spec_n> part shared by Rows and Prepared metadata. */
final class ColumnSpecs {
    static final int GLOBAL_TABLES_SPEC = 0x0001;

    private ColumnSpecs() {}

    /** True when every column has the same keyspace and table, so they can be written once. */
    static boolean shareTable(List<ColumnSpec> columns) {
        if (columns.isEmpty()) {
            return false;
        }
        ColumnSpec first = columns.getFirst();
        for (ColumnSpec column : columns) {
            if (!column.keyspace().equals(first.keyspace()) || !column.table().equals(first.table())) {
                return false;
            }
        }
        return true;
    }

    static void write(ByteBuf out, List<ColumnSpec> columns, boolean global, ColumnTypeCodec types) {
        if (global) {
            WireFormat.writeString(out, columns.getFirst().keyspace());
            WireFormat.writeString(out, columns.getFirst().table());
        }
        for (ColumnSpec column : columns) {
            if (!global) {
                WireFormat.writeString(out, column.keyspace());
                WireFormat.writeString(out, column.table());
            }
            WireFormat.writeString(out, column.name());
            types.write(out, column.type());
        }
    }

    static List<ColumnSpec> read(ByteBuf in, int count, boolean global, ColumnTypeCodec types) {
        WireFormat.readCount(in, count, 4, "column spec");
        String keyspace = global ? WireFormat.readString(in) : null;
        String table = global ? WireFormat.readString(in) : null;
        List<ColumnSpec> columns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String ks = global ? keyspace : WireFormat.readString(in);
            String tb = global ? table : WireFormat.readString(in);
            String name = WireFormat.readString(in);
            columns.add(new ColumnSpec(ks, tb, name, types.read(in)));
        }
        return columns;
    }
}
