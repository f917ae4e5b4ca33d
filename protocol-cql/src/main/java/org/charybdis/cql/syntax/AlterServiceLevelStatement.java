package org.charybdis.cql.syntax;

import java.util.Map;

/** {@code ALTER SERVICE LEVEL [IF EXISTS] sl WITH options}. */
public record AlterServiceLevelStatement(String serviceLevel, boolean ifExists, Map<String, Term> options) implements ServiceLevelStatement {
    public AlterServiceLevelStatement {
        options = OrderedMaps.copyOf(options);
    }
}
