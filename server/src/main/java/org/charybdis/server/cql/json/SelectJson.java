package org.charybdis.server.cql.json;

import org.charybdis.cql.messages.ColumnSpec;
import org.charybdis.cql.messages.ResultMetadata;
import org.charybdis.cql.messages.RowsResult;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.server.cql.CqlStatement;
import org.charybdis.server.cql.ExecutionContext;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@code SELECT JSON ...}: runs the plain SELECT and turns each result row into one {@code [json]} text
 * column holding an object keyed by the result column names ({@link JsonStrings#appendKey}), in
 * selection order. Paging, limits and aggregates are the wrapped SELECT's.
 */
public final class SelectJson implements CqlStatement {
    private static final String COLUMN = "[json]";

    private final CqlStatement select;
    private final String[] keys;
    private final CqlType[] types;
    private final ResultMetadata metadata;

    private SelectJson(CqlStatement select) {
        this.select = select;
        List<ColumnSpec> columns = select.resultMetadata().columns();
        this.keys = new String[columns.size()];
        this.types = new CqlType[columns.size()];
        for (int i = 0; i < keys.length; i++) {
            StringBuilder key = new StringBuilder();
            JsonStrings.appendKey(columns.get(i).name(), key);
            keys[i] = key.append(": ").toString();
            types[i] = columns.get(i).type();
        }
        ColumnSpec first = columns.getFirst();
        this.metadata = ResultMetadata.of(List.of(new ColumnSpec(first.keyspace(), first.table(), COLUMN, NativeType.TEXT)));
    }

    /** The JSON form of a compiled SELECT (whose result metadata lists its columns). */
    public static CqlStatement of(CqlStatement select) {
        return new SelectJson(select);
    }

    @Override
    public List<ColumnSpec> bindVariables() {
        return select.bindVariables();
    }

    @Override
    public int[] partitionKeyBindIndexes() {
        return select.partitionKeyBindIndexes();
    }

    @Override
    public ResultMetadata resultMetadata() {
        return metadata;
    }

    @Override
    public void checkAccess(ExecutionContext context) {
        select.checkAccess(context);
    }

    @Override
    public CompletionStage<RowsResult> execute(ExecutionContext context) {
        return select.execute(context).thenApply(result -> json((RowsResult) result, context));
    }

    private RowsResult json(RowsResult rows, ExecutionContext context) {
        List<ByteBuffer[]> out = new ArrayList<>(rows.rows().size());
        StringBuilder text = new StringBuilder();
        for (ByteBuffer[] row : rows.rows()) {
            text.setLength(0);
            appendObject(row, text);
            out.add(new ByteBuffer[] {ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8))});
        }
        ResultMetadata m = rows.metadata().pagingState() == null ? metadata : metadata.withPagingState(rows.metadata().pagingState());
        if (context.options().skipMetadata()) m = m.withoutColumns();
        return new RowsResult(m, out);
    }

    private void appendObject(ByteBuffer[] row, StringBuilder out) {
        out.append('{');
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) out.append(", ");
            out.append(keys[i]);
            JsonFormatter.append(types[i], row[i], out);
        }
        out.append('}');
    }
}
