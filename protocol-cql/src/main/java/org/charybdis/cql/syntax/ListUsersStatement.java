package org.charybdis.cql.syntax;

/** {@code LIST USERS}. */
public record ListUsersStatement() implements AuthStatement {}
