package org.charybdis.tools.testing;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A query's rows as the driver formats them, sorted: results of two tables or servers compare whatever their order. */
public final class FormattedRows {
    private FormattedRows() {}

    public static List<String> of(CqlSession session, String query) {
        List<String> rows = new ArrayList<>();
        for (Row row : session.execute(query)) rows.add(row.getFormattedContents());
        Collections.sort(rows);
        return rows;
    }
}
