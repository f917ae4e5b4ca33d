package org.charybdis.cql.syntax;

/** ScyllaDB's workload prioritization statements. */
public sealed interface ServiceLevelStatement extends Statement
        permits CreateServiceLevelStatement, AlterServiceLevelStatement, DropServiceLevelStatement,
                AttachServiceLevelStatement, DetachServiceLevelStatement, ListServiceLevelsStatement {}
