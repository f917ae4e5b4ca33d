package org.charybdis.cql.syntax;

/** Legacy {@code CREATE USER [IF NOT EXISTS] u [WITH [HASHED] PASSWORD 'p'] [SUPERUSER|NOSUPERUSER]}; password and superuser are null when absent. */
public record CreateUserStatement(String user, boolean ifNotExists, String password, boolean passwordHashed, Boolean superuser) implements AuthStatement {}
