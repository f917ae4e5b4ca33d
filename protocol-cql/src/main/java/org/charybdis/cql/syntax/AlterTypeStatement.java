package org.charybdis.cql.syntax;

import java.util.Map;

/** {@code ALTER TYPE [IF EXISTS] t ADD ... | RENAME ... | ALTER ...}. */
public record AlterTypeStatement(QualifiedName type, boolean ifExists, Action action) implements SchemaStatement {

    public sealed interface Action {}

    /** {@code ADD [IF NOT EXISTS] field type}. */
    public record AddField(boolean ifNotExists, FieldDefinition field) implements Action {}

    /** {@code ALTER field type}: parsed so that it is refused as Cassandra 5.0 refuses it. */
    public record AlterField(FieldDefinition field) implements Action {}

    /** {@code RENAME [IF EXISTS] a TO b [AND c TO d]}: old name to new name, in order. */
    public record RenameFields(boolean ifExists, Map<ColumnIdentifier, ColumnIdentifier> renames) implements Action {
        public RenameFields {
            renames = OrderedMaps.copyOf(renames);
        }
    }
}
