package org.charybdis.cql.syntax;

/** INSERT, UPDATE and DELETE: the statements a BATCH may hold. */
public sealed interface ModificationStatement extends Statement
        permits InsertStatement, UpdateStatement, DeleteStatement {

    QualifiedName table();

    Attributes attributes();
}
