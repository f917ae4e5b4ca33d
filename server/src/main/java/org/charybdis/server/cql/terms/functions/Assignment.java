package org.charybdis.server.cql.terms.functions;

/** How well a function argument fits a parameter type, as Cassandra ranks overloads. */
public enum Assignment {
    EXACT, WEAK, NONE;

    public boolean isAssignable() {
        return this != NONE;
    }
}
