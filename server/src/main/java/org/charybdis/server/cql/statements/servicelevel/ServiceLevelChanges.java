package org.charybdis.server.cql.statements.servicelevel;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.Result;
import org.charybdis.cql.messages.VoidResult;
import org.charybdis.cql.syntax.Permission;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.qos.ServiceLevelController;
import org.charybdis.server.qos.ServiceLevelOptions;

import java.util.concurrent.CompletionStage;

/** CREATE, ALTER and DROP SERVICE LEVEL. */
final class ServiceLevelChanges {
    private ServiceLevelChanges() {}

    /** CREATE SERVICE LEVEL [IF NOT EXISTS] name [WITH ...]: options not given take the defaults (shares 1000). */
    static final class Create extends ServiceLevelStatementBase {
        private final String name;
        private final boolean ifNotExists;
        private final ServiceLevelOptions options;

        Create(String name, boolean ifNotExists, ServiceLevelProperties properties) {
            super(Permission.CREATE);
            if (name.startsWith("$")) {
                throw new InvalidRequestException("Names starting with '$' are reserved for internal tenants. Use a different name.");
            }
            this.name = name;
            this.ifNotExists = ifNotExists;
            this.options = properties.applyTo(ServiceLevelOptions.DEFAULTS);
        }

        @Override
        CompletionStage<? extends Result> run(ExecutionContext context, ServiceLevelController serviceLevels) {
            return serviceLevels.create(name, options, ifNotExists, context.timestampMicros()).thenApply(ignored -> VoidResult.INSTANCE);
        }
    }

    /** ALTER SERVICE LEVEL [IF EXISTS] name WITH ...: options not given keep their values. */
    static final class Alter extends ServiceLevelStatementBase {
        private final String name;
        private final boolean ifExists;
        private final ServiceLevelProperties properties;

        Alter(String name, boolean ifExists, ServiceLevelProperties properties) {
            super(Permission.ALTER);
            this.name = name;
            this.ifExists = ifExists;
            this.properties = properties;
        }

        @Override
        CompletionStage<? extends Result> run(ExecutionContext context, ServiceLevelController serviceLevels) {
            return serviceLevels.alter(name, properties::applyTo, ifExists, context.timestampMicros()).thenApply(ignored -> VoidResult.INSTANCE);
        }
    }

    /** DROP SERVICE LEVEL [IF EXISTS] name: roles it was attached to fall back to their other levels, or default. */
    static final class Drop extends ServiceLevelStatementBase {
        private final String name;
        private final boolean ifExists;

        Drop(String name, boolean ifExists) {
            super(Permission.DROP);
            this.name = name;
            this.ifExists = ifExists;
        }

        @Override
        CompletionStage<? extends Result> run(ExecutionContext context, ServiceLevelController serviceLevels) {
            return serviceLevels.drop(name, ifExists, context.timestampMicros()).thenApply(ignored -> VoidResult.INSTANCE);
        }
    }
}
