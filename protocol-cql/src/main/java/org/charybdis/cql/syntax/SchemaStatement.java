package org.charybdis.cql.syntax;

/** DDL: statements that change or drop schema elements. */
public sealed interface SchemaStatement extends Statement
        permits CreateKeyspaceStatement, AlterKeyspaceStatement, DropKeyspaceStatement,
                CreateTableStatement, AlterTableStatement, DropTableStatement,
                CreateTypeStatement, AlterTypeStatement, DropTypeStatement,
                CreateIndexStatement, DropIndexStatement,
                CreateMaterializedViewStatement, AlterMaterializedViewStatement, DropMaterializedViewStatement,
                CreateFunctionStatement, DropFunctionStatement,
                CreateAggregateStatement, DropAggregateStatement,
                CreateTriggerStatement, DropTriggerStatement {}
