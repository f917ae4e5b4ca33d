package org.charybdis.server.cql.statements.select.selection;

import org.charybdis.storage.data.Row;
import org.charybdis.storage.dht.DecoratedKey;

import java.nio.ByteBuffer;

/**
 * What selectors read: the partition key, its components, the static row and the row (null for a static-only row),
 * and the execution's values of the selection's bind markers.
 */
record SelectedRow(DecoratedKey key, ByteBuffer[] keyComponents, Row staticRow, Row row, long nowInSeconds, ByteBuffer[] markers) {}
