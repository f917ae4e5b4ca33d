package org.charybdis.cql.types;

import java.nio.ByteBuffer;

/**
 * One element of a non-frozen collection as storage keeps it: a cell path (set element, map key,
 * or a list element's timeuuid) and a cell value (empty for sets).
 */
public record CollectionCell(ByteBuffer path, ByteBuffer value) {}
