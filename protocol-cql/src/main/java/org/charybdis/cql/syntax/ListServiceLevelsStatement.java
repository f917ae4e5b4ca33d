package org.charybdis.cql.syntax;

/**
 * The LIST forms for service levels: {@code LIST SERVICE LEVEL sl} (ONE), {@code LIST ALL SERVICE LEVELS}
 * (ALL), {@code LIST ATTACHED SERVICE LEVEL OF r} (ATTACHED), {@code LIST ALL ATTACHED SERVICE LEVELS}
 * (ALL_ATTACHED), {@code LIST EFFECTIVE SERVICE LEVEL OF r} (EFFECTIVE). Unused names are null.
 */
public record ListServiceLevelsStatement(Kind kind, String serviceLevel, String role) implements ServiceLevelStatement {
    public enum Kind { ONE, ALL, ATTACHED, ALL_ATTACHED, EFFECTIVE }
}
