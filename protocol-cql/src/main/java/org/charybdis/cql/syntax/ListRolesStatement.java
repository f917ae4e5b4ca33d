package org.charybdis.cql.syntax;

/** {@code LIST ROLES [OF r] [NORECURSIVE]}; of is null without OF. */
public record ListRolesStatement(String of, boolean recursive) implements AuthStatement {}
