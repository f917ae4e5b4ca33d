package org.charybdis.server.audit;

import org.charybdis.cql.syntax.AlterKeyspaceStatement;
import org.charybdis.cql.syntax.AlterMaterializedViewStatement;
import org.charybdis.cql.syntax.AlterRoleStatement;
import org.charybdis.cql.syntax.AlterUserStatement;
import org.charybdis.cql.syntax.CreateRoleStatement;
import org.charybdis.cql.syntax.CreateUserStatement;
import org.charybdis.cql.syntax.AlterTableStatement;
import org.charybdis.cql.syntax.AlterTypeStatement;
import org.charybdis.cql.syntax.AuthStatement;
import org.charybdis.cql.syntax.BatchStatement;
import org.charybdis.cql.syntax.CreateAggregateStatement;
import org.charybdis.cql.syntax.CreateFunctionStatement;
import org.charybdis.cql.syntax.CreateIndexStatement;
import org.charybdis.cql.syntax.CreateKeyspaceStatement;
import org.charybdis.cql.syntax.CreateMaterializedViewStatement;
import org.charybdis.cql.syntax.CreateTableStatement;
import org.charybdis.cql.syntax.CreateTriggerStatement;
import org.charybdis.cql.syntax.CreateTypeStatement;
import org.charybdis.cql.syntax.DescribeStatement;
import org.charybdis.cql.syntax.DropAggregateStatement;
import org.charybdis.cql.syntax.DropFunctionStatement;
import org.charybdis.cql.syntax.DropIndexStatement;
import org.charybdis.cql.syntax.DropKeyspaceStatement;
import org.charybdis.cql.syntax.DropMaterializedViewStatement;
import org.charybdis.cql.syntax.DropTableStatement;
import org.charybdis.cql.syntax.DropTriggerStatement;
import org.charybdis.cql.syntax.DropTypeStatement;
import org.charybdis.cql.syntax.GrantPermissionsStatement;
import org.charybdis.cql.syntax.ListPermissionsStatement;
import org.charybdis.cql.syntax.ModificationStatement;
import org.charybdis.cql.syntax.QualifiedName;
import org.charybdis.cql.syntax.Resource;
import org.charybdis.cql.syntax.RevokePermissionsStatement;
import org.charybdis.cql.syntax.SchemaStatement;
import org.charybdis.cql.syntax.SelectStatement;
import org.charybdis.cql.syntax.ServiceLevelStatement;
import org.charybdis.cql.syntax.Statement;
import org.charybdis.cql.syntax.TruncateStatement;
import org.charybdis.cql.syntax.UseStatement;

import java.util.ArrayList;
import java.util.List;

/**
 * The one place statements are sorted into audit categories, from their parse tree, as ScyllaDB sorts them:
 * SELECT and DESCRIBE are QUERY; INSERT, UPDATE, DELETE, BATCH, TRUNCATE and USE are DML; schema statements DDL;
 * role, user and permission statements DCL; service level statements ADMIN.
 */
public final class StatementAudit {
    /** What an event is about: its category and the keyspace and table it concerns (either may be null). */
    public record Target(AuditCategory category, String keyspace, String table) {}

    static final String MASK = "*******";
    private static final java.util.regex.Pattern PASSWORD = java.util.regex.Pattern.compile("(?i)\\bpassword\\b");

    private StatementAudit() {}

    /**
     * The targets of a statement: one, except for a BATCH, which has one per table it writes.
     *
     * @param keyspace the keyspace unqualified names resolve to (the client's or the prepared statement's), or null
     */
    public static List<Target> targets(Statement statement, String keyspace) {
        if (statement instanceof BatchStatement batch) {
            List<Target> targets = new ArrayList<>();
            for (ModificationStatement child : batch.statements()) {
                Target target = table(AuditCategory.DML, child.table(), keyspace);
                if (!targets.contains(target)) targets.add(target);
            }
            return targets;
        }
        return List.of(target(statement, keyspace));
    }

    /** The target of a statement that is not a BATCH. */
    public static Target target(Statement statement, String keyspace) {
        return switch (statement) {
            case SelectStatement select -> table(AuditCategory.QUERY, select.table(), keyspace);
            case ModificationStatement modification -> table(AuditCategory.DML, modification.table(), keyspace);
            case BatchStatement batch -> batch.statements().isEmpty() ? new Target(AuditCategory.DML, keyspace, null)
                    : table(AuditCategory.DML, batch.statements().getFirst().table(), keyspace);
            case TruncateStatement truncate -> table(AuditCategory.DML, truncate.table(), keyspace);
            case UseStatement use -> new Target(AuditCategory.DML, use.keyspace(), null);
            case SchemaStatement schema -> schema(schema, keyspace);
            case AuthStatement auth -> dcl(auth, keyspace);
            case ServiceLevelStatement ignored -> new Target(AuditCategory.ADMIN, null, null);
            // ScyllaDB files DESCRIBE under the system keyspace
            case DescribeStatement ignored -> new Target(AuditCategory.QUERY, "system", null);
        };
    }

    /**
     * The text recorded for a statement: as sent, except that a role statement's password is masked, as Cassandra's
     * audit log masks it: everything from the word PASSWORD on becomes {@value #MASK}.
     */
    public static String operation(Statement statement, String text) {
        if (!(statement instanceof CreateRoleStatement || statement instanceof AlterRoleStatement
                || statement instanceof CreateUserStatement || statement instanceof AlterUserStatement)) return text;
        java.util.regex.Matcher password = PASSWORD.matcher(text);
        return password.find() ? text.substring(0, password.end()) + " " + MASK : text;
    }

    private static Target schema(SchemaStatement statement, String keyspace) {
        return switch (statement) {
            case CreateKeyspaceStatement s -> new Target(AuditCategory.DDL, s.keyspace(), null);
            case AlterKeyspaceStatement s -> new Target(AuditCategory.DDL, s.keyspace(), null);
            case DropKeyspaceStatement s -> new Target(AuditCategory.DDL, s.keyspace(), null);
            case CreateTableStatement s -> table(AuditCategory.DDL, s.table(), keyspace);
            case AlterTableStatement s -> table(AuditCategory.DDL, s.table(), keyspace);
            case DropTableStatement s -> table(AuditCategory.DDL, s.table(), keyspace);
            case CreateIndexStatement s -> table(AuditCategory.DDL, s.table(), keyspace);
            case DropIndexStatement s -> new Target(AuditCategory.DDL, keyspaceOf(s.index(), keyspace), null);
            case CreateTypeStatement s -> new Target(AuditCategory.DDL, keyspaceOf(s.type(), keyspace), null);
            case AlterTypeStatement s -> new Target(AuditCategory.DDL, keyspaceOf(s.type(), keyspace), null);
            case DropTypeStatement s -> new Target(AuditCategory.DDL, keyspaceOf(s.type(), keyspace), null);
            case CreateMaterializedViewStatement s -> table(AuditCategory.DDL, s.view(), keyspace);
            case AlterMaterializedViewStatement s -> table(AuditCategory.DDL, s.view(), keyspace);
            case DropMaterializedViewStatement s -> table(AuditCategory.DDL, s.view(), keyspace);
            case CreateFunctionStatement s -> new Target(AuditCategory.DDL, keyspaceOf(s.function(), keyspace), null);
            case DropFunctionStatement s -> new Target(AuditCategory.DDL, keyspaceOf(s.function(), keyspace), null);
            case CreateAggregateStatement s -> new Target(AuditCategory.DDL, keyspaceOf(s.aggregate(), keyspace), null);
            case DropAggregateStatement s -> new Target(AuditCategory.DDL, keyspaceOf(s.aggregate(), keyspace), null);
            case CreateTriggerStatement s -> table(AuditCategory.DDL, s.table(), keyspace);
            case DropTriggerStatement s -> table(AuditCategory.DDL, s.table(), keyspace);
        };
    }

    /** Roles, users and permissions; GRANT, REVOKE and LIST PERMISSIONS on data name the keyspace or table. */
    private static Target dcl(AuthStatement statement, String keyspace) {
        Resource resource = switch (statement) {
            case GrantPermissionsStatement s -> s.resource();
            case RevokePermissionsStatement s -> s.resource();
            case ListPermissionsStatement s -> s.resource();
            default -> null;
        };
        return switch (resource) {
            case Resource.Keyspace k -> new Target(AuditCategory.DCL, k.keyspace(), null);
            case Resource.Table t -> table(AuditCategory.DCL, t.table(), keyspace);
            case null, default -> new Target(AuditCategory.DCL, null, null);
        };
    }

    private static Target table(AuditCategory category, QualifiedName name, String keyspace) {
        return new Target(category, keyspaceOf(name, keyspace), name == null ? null : name.name());
    }

    private static String keyspaceOf(QualifiedName name, String keyspace) {
        return name != null && name.keyspace() != null ? name.keyspace() : keyspace;
    }
}
