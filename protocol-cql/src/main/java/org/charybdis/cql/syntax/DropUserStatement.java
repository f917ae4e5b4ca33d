package org.charybdis.cql.syntax;

/** Legacy {@code DROP USER [IF EXISTS] u}. */
public record DropUserStatement(String user, boolean ifExists) implements AuthStatement {}
