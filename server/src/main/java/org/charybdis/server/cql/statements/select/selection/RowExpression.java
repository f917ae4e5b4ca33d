package org.charybdis.server.cql.statements.select.selection;

import java.nio.ByteBuffer;

/** A selector computed from one stored row on the shard that owns it. */
@FunctionalInterface
interface RowExpression {
    ByteBuffer evaluate(SelectedRow row);
}
