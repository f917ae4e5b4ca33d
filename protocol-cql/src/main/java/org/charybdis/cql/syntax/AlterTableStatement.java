package org.charybdis.cql.syntax;

import java.util.List;
import java.util.Map;

/** {@code ALTER TABLE [IF EXISTS] t action}. */
public record AlterTableStatement(QualifiedName table, boolean ifExists, Action action) implements SchemaStatement {

    public sealed interface Action {}

    /** {@code ADD [IF NOT EXISTS] c type [, ...]} or {@code ADD (c type, ...)}. */
    public record AddColumns(boolean ifNotExists, List<ColumnDefinition> columns) implements Action {
        public AddColumns {
            columns = List.copyOf(columns);
        }
    }

    /** {@code DROP [IF EXISTS] c | (c, ...) [USING TIMESTAMP n]}; timestamp is null when absent. */
    public record DropColumns(boolean ifExists, List<ColumnIdentifier> columns, Long timestamp) implements Action {
        public DropColumns {
            columns = List.copyOf(columns);
        }
    }

    /** {@code DROP COMPACT STORAGE}. */
    public record DropCompactStorage() implements Action {}

    /** {@code RENAME [IF EXISTS] a TO b [AND c TO d]}: old name to new name, in order. */
    public record RenameColumns(boolean ifExists, Map<ColumnIdentifier, ColumnIdentifier> renames) implements Action {
        public RenameColumns {
            renames = OrderedMaps.copyOf(renames);
        }
    }

    /** {@code WITH options}. */
    public record SetOptions(TableOptions options) implements Action {}

    /** {@code ALTER c MASKED WITH f(...)}, or {@code ALTER c DROP MASKED} (mask null). */
    public record MaskColumn(ColumnIdentifier column, ColumnMask mask) implements Action {}
}
