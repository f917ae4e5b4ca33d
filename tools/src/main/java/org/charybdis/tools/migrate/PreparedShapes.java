package org.charybdis.tools.migrate;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The prepared statements of a table's writes, one per shape (which columns a write sets), prepared on the target the
 * first time a row needs that shape; rows of a table mostly share one or two.
 */
final class PreparedShapes {
    private final CqlSession target;
    private final Map<String, PreparedStatement> byShape = new ConcurrentHashMap<>();

    PreparedShapes(CqlSession target) {
        this.target = target;
    }

    PreparedStatement get(String shape, Supplier<String> cql) {
        return byShape.computeIfAbsent(shape, s -> {
            String statement = cql.get();
            try {
                return target.prepare(statement);
            } catch (RuntimeException e) {
                throw new MigrationFailure("the target refused to prepare " + statement + ": " + e.getMessage(), e);
            }
        });
    }
}
