package org.charybdis.tools.migrate;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import java.util.List;

/** Turns a row of a {@link TableScan}'s copy select into the statements that write it to the target. */
interface RowWriter {
    /**
     * @param newPartition whether the row is the first of its partition in the scan: static columns are written only then
     * @return the statements, bound from the row's bytes as the source sent them (no value is decoded and re-encoded)
     */
    List<BoundStatement> statementsFor(Row row, boolean newPartition);

    static RowWriter of(TableScan scan, CqlSession target) {
        return scan.counters() ? new CounterWriter(scan, target) : new CellGroupWriter(scan, target);
    }
}
