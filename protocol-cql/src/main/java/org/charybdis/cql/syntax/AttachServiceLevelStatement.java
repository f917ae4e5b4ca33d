package org.charybdis.cql.syntax;

/** {@code ATTACH SERVICE LEVEL sl TO role}. */
public record AttachServiceLevelStatement(String serviceLevel, String role) implements ServiceLevelStatement {}
