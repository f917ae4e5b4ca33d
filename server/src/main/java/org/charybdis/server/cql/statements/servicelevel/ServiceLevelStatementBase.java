package org.charybdis.server.cql.statements.servicelevel;

import org.charybdis.cql.exceptions.UnauthorizedException;
import org.charybdis.cql.messages.ColumnSpec;
import org.charybdis.cql.messages.Result;
import org.charybdis.cql.syntax.Permission;
import org.charybdis.server.auth.AuthResource;
import org.charybdis.server.cql.CqlStatement;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.qos.ServiceLevelController;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * What every service level statement shares: no bind variables, the access check, and the node's service level
 * controller to run against.
 */
abstract class ServiceLevelStatementBase implements CqlStatement {
    /** What ScyllaDB's authorizer checks on the root {@code service_levels} resource before this statement. */
    private final Permission permission;

    ServiceLevelStatementBase(Permission permission) {
        this.permission = permission;
    }

    @Override
    public List<ColumnSpec> bindVariables() {
        return List.of();
    }

    /**
     * As ScyllaDB: without an authorizer that checks grants every logged-in client may run service level statements,
     * anonymous ones included; with one, the role needs {@link #permission} on all service levels (superusers hold it).
     */
    @Override
    public void checkAccess(ExecutionContext context) {
        if (context.client().user() == null) throw new UnauthorizedException("You have not logged in");
        context.access().ensure(permission, AuthResource.allServiceLevels());
    }

    /** The permission the authorizer is to check (CREATE, ALTER, DROP, AUTHORIZE or DESCRIBE). */
    Permission permission() {
        return permission;
    }

    @Override
    public final CompletionStage<? extends Result> execute(ExecutionContext context) {
        checkAccess(context);
        return run(context, context.server().serviceLevels());
    }

    /** The statement's work; errors thrown here or failing the stage reach the client. */
    abstract CompletionStage<? extends Result> run(ExecutionContext context, ServiceLevelController serviceLevels);
}
