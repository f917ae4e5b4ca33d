package org.charybdis.cql.syntax;

/** Legacy {@code ALTER USER [IF EXISTS] u [WITH [HASHED] PASSWORD 'p'] [SUPERUSER|NOSUPERUSER]}; password and superuser are null when absent. */
public record AlterUserStatement(String user, boolean ifExists, String password, boolean passwordHashed, Boolean superuser) implements AuthStatement {}
