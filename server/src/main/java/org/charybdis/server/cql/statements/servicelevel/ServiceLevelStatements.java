package org.charybdis.server.cql.statements.servicelevel;

import org.charybdis.cql.syntax.AlterServiceLevelStatement;
import org.charybdis.cql.syntax.AttachServiceLevelStatement;
import org.charybdis.cql.syntax.CreateServiceLevelStatement;
import org.charybdis.cql.syntax.DetachServiceLevelStatement;
import org.charybdis.cql.syntax.DropServiceLevelStatement;
import org.charybdis.cql.syntax.ListServiceLevelsStatement;
import org.charybdis.cql.syntax.ServiceLevelStatement;
import org.charybdis.server.cql.CqlStatement;

/** Compiles ScyllaDB's service level statements; they run against the node's service level controller. */
public final class ServiceLevelStatements {
    private ServiceLevelStatements() {}

    public static CqlStatement compile(ServiceLevelStatement statement) {
        return switch (statement) {
            case CreateServiceLevelStatement s ->
                    new ServiceLevelChanges.Create(s.serviceLevel(), s.ifNotExists(), ServiceLevelProperties.parse(s.options()));
            case AlterServiceLevelStatement s ->
                    new ServiceLevelChanges.Alter(s.serviceLevel(), s.ifExists(), ServiceLevelProperties.parse(s.options()));
            case DropServiceLevelStatement s -> new ServiceLevelChanges.Drop(s.serviceLevel(), s.ifExists());
            case AttachServiceLevelStatement s -> new ServiceLevelAttachments.Attach(s.serviceLevel(), s.role());
            case DetachServiceLevelStatement s -> new ServiceLevelAttachments.Detach(s.role());
            case ListServiceLevelsStatement s -> switch (s.kind()) {
                case ONE -> new ListServiceLevels(s.serviceLevel());
                case ALL -> new ListServiceLevels(null);
                case ATTACHED -> new ListAttachedServiceLevels(s.role());
                case ALL_ATTACHED -> new ListAttachedServiceLevels(null);
                case EFFECTIVE -> new ListEffectiveServiceLevel(s.role());
            };
        };
    }
}
