package org.charybdis.server.cql;

import org.charybdis.cql.syntax.AuthStatement;
import org.charybdis.cql.syntax.BatchStatement;
import org.charybdis.cql.syntax.DescribeStatement;
import org.charybdis.cql.syntax.ModificationStatement;
import org.charybdis.cql.syntax.SchemaStatement;
import org.charybdis.cql.syntax.SelectStatement;
import org.charybdis.cql.syntax.ServiceLevelStatement;
import org.charybdis.cql.syntax.Statement;
import org.charybdis.cql.syntax.TruncateStatement;
import org.charybdis.cql.syntax.UseStatement;
import org.charybdis.server.cql.statements.auth.AuthStatements;
import org.charybdis.server.cql.statements.describe.DescribeStatements;
import org.charybdis.server.cql.statements.modification.ModificationStatements;
import org.charybdis.server.cql.statements.schema.SchemaStatements;
import org.charybdis.server.cql.statements.select.SelectStatements;
import org.charybdis.server.cql.statements.servicelevel.ServiceLevelStatements;
import org.charybdis.server.cql.udf.UdfSettings;
import org.charybdis.server.cql.udf.UserFunctionLookup;
import org.charybdis.server.cql.udf.CallingUserFunctions;
import org.charybdis.server.schema.Schema;

import java.util.List;

/** Turns a parse tree into an executable statement, checked against one schema snapshot. */
public final class StatementCompiler {
    private final UdfSettings udfSettings;

    public StatementCompiler(UdfSettings udfSettings) {
        this.udfSettings = udfSettings;
    }

    /** A compiler for which user-defined functions are disabled. */
    public StatementCompiler() {
        this(UdfSettings.DISABLED);
    }

    /** Compiles with the schema's user-defined functions callable (see {@link UserFunctionLookup}). */
    public CqlStatement compile(Statement ast, ClientState client, Schema schema) {
        UserFunctionLookup functions = new UserFunctionLookup(schema, client.keyspace(), udfSettings);
        CqlStatement statement = functions.during(() -> compileStatement(ast, client, schema));
        return functions.called().isEmpty() ? statement : new CallingUserFunctions(statement, List.copyOf(functions.called()));
    }

    private CqlStatement compileStatement(Statement ast, ClientState client, Schema schema) {
        return switch (ast) {
            case SelectStatement select -> SelectStatements.compile(select, client, schema);
            case ModificationStatement modification -> ModificationStatements.compile(modification, client, schema);
            case BatchStatement batch -> ModificationStatements.compileBatch(batch, client, schema);
            case UseStatement use -> SchemaStatements.compileUse(use, schema);
            case TruncateStatement truncate -> SchemaStatements.compileTruncate(truncate, client, schema);
            case SchemaStatement change -> SchemaStatements.compile(change, client, schema);
            case AuthStatement auth -> AuthStatements.compile(auth, client, schema);
            case ServiceLevelStatement serviceLevel -> ServiceLevelStatements.compile(serviceLevel);
            case DescribeStatement describe -> DescribeStatements.compile(describe, client);
        };
    }
}
