package org.charybdis.server.cql.statements.select;

import org.charybdis.server.service.pager.RowProjection;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.dht.DecoratedKey;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A projection that sees rows without one column, as if it were null: whatever the selectors make of it (the column
 * itself, a function of it, JSON), the value never reaches the result. Used for the password hashes of
 * {@code system_auth.roles}, which only superusers see.
 */
record HiddenColumn(RowProjection inner, int column) implements RowProjection {
    @Override
    public ByteBuffer[] values(DecoratedKey key, ByteBuffer[] keyComponents, Row staticRow, Row row, long nowInSeconds) {
        return inner.values(key, keyComponents, staticRow, without(row), nowInSeconds);
    }

    private Row without(Row row) {
        if (row == null || row.simpleCell(column) == null) return row;
        List<Cell> kept = new ArrayList<>(row.cellCount() - 1);
        for (Cell cell : row.cells()) if (cell.column() != column) kept.add(cell);
        return Row.live(row.clustering(), row.liveness(), kept);
    }
}
