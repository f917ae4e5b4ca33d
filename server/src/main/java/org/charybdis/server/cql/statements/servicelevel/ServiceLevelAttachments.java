package org.charybdis.server.cql.statements.servicelevel;

import org.charybdis.cql.messages.Result;
import org.charybdis.cql.messages.VoidResult;
import org.charybdis.cql.syntax.Permission;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.qos.ServiceLevelController;

import java.util.concurrent.CompletionStage;

/** ATTACH SERVICE LEVEL level TO role and DETACH SERVICE LEVEL FROM role (a role has at most one level attached). */
final class ServiceLevelAttachments {
    private ServiceLevelAttachments() {}

    static final class Attach extends ServiceLevelStatementBase {
        private final String level;
        private final String role;

        Attach(String level, String role) {
            super(Permission.AUTHORIZE);
            this.level = level;
            this.role = role;
        }

        @Override
        CompletionStage<? extends Result> run(ExecutionContext context, ServiceLevelController serviceLevels) {
            return serviceLevels.attach(level, role, context.timestampMicros()).thenApply(ignored -> VoidResult.INSTANCE);
        }
    }

    static final class Detach extends ServiceLevelStatementBase {
        private final String role;

        Detach(String role) {
            super(Permission.AUTHORIZE);
            this.role = role;
        }

        @Override
        CompletionStage<? extends Result> run(ExecutionContext context, ServiceLevelController serviceLevels) {
            return serviceLevels.detach(role, context.timestampMicros()).thenApply(ignored -> VoidResult.INSTANCE);
        }
    }
}
