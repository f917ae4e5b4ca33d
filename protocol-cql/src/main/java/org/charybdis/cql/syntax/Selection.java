package org.charybdis.cql.syntax;

/** A selector of a SELECT clause with its optional {@code AS} alias (null when none). */
public record Selection(Selector selector, ColumnIdentifier alias) {}
