package org.charybdis.cql.syntax;

/** {@code DETACH SERVICE LEVEL FROM role}. */
public record DetachServiceLevelStatement(String role) implements ServiceLevelStatement {}
