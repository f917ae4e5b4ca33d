package org.charybdis.cql.messages;

import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.NativeType;

/** The real type codec and two native types, for metadata round trips. */
final class TestTypes {
    static final ColumnTypeCodec CODEC = ColumnTypeCodec.NATIVE;
    static final CqlType INT = NativeType.INT;
    static final CqlType TEXT = NativeType.TEXT;

    private TestTypes() {}
}
