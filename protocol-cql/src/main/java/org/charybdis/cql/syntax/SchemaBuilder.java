package org.charybdis.cql.syntax;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds DDL statements: keyspaces, tables, types, indexes, views, functions, aggregates, triggers. */
final class SchemaBuilder {
    private final TermBuilder terms;
    private final SelectBuilder selects;
    private final RelationBuilder relations;

    SchemaBuilder(TermBuilder terms, SelectBuilder selects, RelationBuilder relations) {
        this.terms = terms;
        this.selects = selects;
        this.relations = relations;
    }

    SchemaStatement createKeyspace(Cql.CreateKeyspaceStatementContext ctx) {
        return new CreateKeyspaceStatement(Names.text(ctx.ident()), ctx.ifNotExists() != null, properties(ctx.properties()));
    }

    SchemaStatement alterKeyspace(Cql.AlterKeyspaceStatementContext ctx) {
        return new AlterKeyspaceStatement(Names.text(ctx.ident()), ctx.ifExists() != null, properties(ctx.properties()));
    }

    SchemaStatement dropKeyspace(Cql.DropKeyspaceStatementContext ctx) {
        return new DropKeyspaceStatement(Names.text(ctx.ident()), ctx.ifExists() != null);
    }

    SchemaStatement createTable(Cql.CreateTableStatementContext ctx) {
        List<ColumnDefinition> columns = new ArrayList<>();
        List<PrimaryKey> primaryKeys = new ArrayList<>();
        for (Cql.TableElementContext element : ctx.tableElement()) {
            if (element instanceof Cql.ColumnElementContext column) {
                ColumnDefinition definition = column(column.columnDefinition());
                columns.add(definition);
                if (column.K_PRIMARY() != null) {
                    primaryKeys.add(new PrimaryKey(List.of(definition.name()), List.of()));
                }
            } else {
                primaryKeys.add(primaryKey(((Cql.PrimaryKeyElementContext) element).primaryKey()));
            }
        }
        TableOptions options = ctx.tableOptions() == null ? TableOptions.EMPTY : tableOptions(ctx.tableOptions());
        return new CreateTableStatement(Names.qualified(ctx.qualifiedName()), ctx.ifNotExists() != null, columns,
                primaryKeys, options);
    }

    SchemaStatement alterTable(Cql.AlterTableStatementContext ctx) {
        return new AlterTableStatement(Names.qualified(ctx.qualifiedName()), ctx.ifExists() != null,
                alterTableAction(ctx.alterTableAction()));
    }

    private AlterTableStatement.Action alterTableAction(Cql.AlterTableActionContext ctx) {
        return switch (ctx) {
            case Cql.AddColumnsActionContext a -> {
                List<ColumnDefinition> columns = new ArrayList<>();
                for (Cql.ColumnDefinitionContext column : a.columnDefinition()) {
                    columns.add(column(column));
                }
                yield new AlterTableStatement.AddColumns(a.ifNotExists() != null, columns);
            }
            case Cql.DropColumnsActionContext a -> new AlterTableStatement.DropColumns(a.ifExists() != null,
                    Names.columns(a.ident()), a.INTEGER() == null ? null : timestamp(a));
            case Cql.DropCompactStorageActionContext ignored -> new AlterTableStatement.DropCompactStorage();
            case Cql.RenameColumnsActionContext a ->
                    new AlterTableStatement.RenameColumns(a.ifExists() != null, renames(a.renames()));
            case Cql.TableOptionsActionContext a -> new AlterTableStatement.SetOptions(tableOptions(a.tableOptions()));
            case Cql.MaskColumnActionContext a ->
                    new AlterTableStatement.MaskColumn(Names.column(a.ident()), mask(a.columnMask()));
            case Cql.UnmaskColumnActionContext a -> new AlterTableStatement.MaskColumn(Names.column(a.ident()), null);
            default -> throw TermBuilder.unexpected(ctx);
        };
    }

    private static Long timestamp(Cql.DropColumnsActionContext ctx) {
        try {
            return Long.parseLong(ctx.INTEGER().getText());
        } catch (NumberFormatException e) {
            throw CqlSyntaxError.at(ctx.INTEGER().getSymbol(), "timestamp out of range");
        }
    }

    SchemaStatement dropTable(Cql.DropTableStatementContext ctx) {
        return new DropTableStatement(Names.qualified(ctx.qualifiedName()), ctx.ifExists() != null);
    }

    SchemaStatement createType(Cql.CreateTypeStatementContext ctx) {
        return new CreateTypeStatement(UserTypeNames.of(ctx.qualifiedName()), ctx.ifNotExists() != null,
                fields(ctx.typeField()));
    }

    SchemaStatement alterType(Cql.AlterTypeStatementContext ctx) {
        return switch (ctx) {
            case Cql.AlterTypeAddContext a -> new AlterTypeStatement(UserTypeNames.of(a.qualifiedName()),
                    a.ifExists() != null, new AlterTypeStatement.AddField(a.ifNotExists() != null, field(a.typeField())));
            case Cql.AlterTypeAlterFieldContext a -> new AlterTypeStatement(UserTypeNames.of(a.qualifiedName()), a.ifExists() != null,
                    new AlterTypeStatement.AlterField(new FieldDefinition(Names.column(a.ident()), terms.type(a.type()))));
            case Cql.AlterTypeRenameContext a -> {
                // IF EXISTS may follow ALTER TYPE (the type) and RENAME (the fields).
                int nameAt = a.qualifiedName().getStart().getTokenIndex();
                boolean typeIfExists = false;
                boolean fieldsIfExists = false;
                for (Cql.IfExistsContext ifExists : a.ifExists()) {
                    if (ifExists.getStart().getTokenIndex() < nameAt) {
                        typeIfExists = true;
                    } else {
                        fieldsIfExists = true;
                    }
                }
                yield new AlterTypeStatement(UserTypeNames.of(a.qualifiedName()), typeIfExists,
                        new AlterTypeStatement.RenameFields(fieldsIfExists, renames(a.renames())));
            }
            default -> throw TermBuilder.unexpected(ctx);
        };
    }

    SchemaStatement dropType(Cql.DropTypeStatementContext ctx) {
        return new DropTypeStatement(UserTypeNames.of(ctx.qualifiedName()), ctx.ifExists() != null);
    }

    SchemaStatement createIndex(Cql.CreateIndexStatementContext ctx) {
        List<CreateIndexStatement.Target> targets = new ArrayList<>();
        for (Cql.IndexTargetContext target : ctx.indexTarget()) {
            targets.add(new CreateIndexStatement.Target(Names.column(target.ident()), targetKind(target)));
        }
        String name = ctx.ident() == null ? null : Names.text(ctx.ident());
        String className = ctx.STRING_LITERAL() == null ? null : Names.string(ctx.STRING_LITERAL());
        Map<String, Term> properties = ctx.properties() == null ? Map.of() : properties(ctx.properties());
        return new CreateIndexStatement(name, Names.qualified(ctx.qualifiedName()), ctx.K_CUSTOM() != null,
                ctx.ifNotExists() != null, targets, className, properties);
    }

    private static CreateIndexStatement.TargetKind targetKind(Cql.IndexTargetContext target) {
        if (target.kind == null) {
            return CreateIndexStatement.TargetKind.SIMPLE;
        }
        return switch (target.kind.getType()) {
            case CqlLexer.K_KEYS -> CreateIndexStatement.TargetKind.KEYS;
            case CqlLexer.K_VALUES -> CreateIndexStatement.TargetKind.VALUES;
            case CqlLexer.K_ENTRIES -> CreateIndexStatement.TargetKind.ENTRIES;
            default -> CreateIndexStatement.TargetKind.FULL;
        };
    }

    SchemaStatement dropIndex(Cql.DropIndexStatementContext ctx) {
        return new DropIndexStatement(Names.qualified(ctx.qualifiedName()), ctx.ifExists() != null);
    }

    SchemaStatement createView(Cql.CreateMaterializedViewStatementContext ctx) {
        TableOptions options = ctx.tableOptions() == null ? TableOptions.EMPTY : tableOptions(ctx.tableOptions());
        return new CreateMaterializedViewStatement(Names.qualified(ctx.qualifiedName(0)), ctx.ifNotExists() != null,
                Names.qualified(ctx.qualifiedName(1)), selects.selection(ctx.selectClause()),
                relations.where(ctx.whereClause()), primaryKey(ctx.primaryKey()), options);
    }

    SchemaStatement alterView(Cql.AlterMaterializedViewStatementContext ctx) {
        return new AlterMaterializedViewStatement(Names.qualified(ctx.qualifiedName()), ctx.ifExists() != null,
                tableOptions(ctx.tableOptions()));
    }

    SchemaStatement dropView(Cql.DropMaterializedViewStatementContext ctx) {
        return new DropMaterializedViewStatement(Names.qualified(ctx.qualifiedName()), ctx.ifExists() != null);
    }

    SchemaStatement createFunction(Cql.CreateFunctionStatementContext ctx) {
        return new CreateFunctionStatement(Names.function(ctx.functionName()), ctx.K_OR() != null,
                ctx.ifNotExists() != null, fields(ctx.typeField()), ctx.calledOnNull == null,
                terms.type(ctx.type()), Names.text(ctx.ident()), Names.string(ctx.STRING_LITERAL()));
    }

    SchemaStatement dropFunction(Cql.DropFunctionStatementContext ctx) {
        return new DropFunctionStatement(Names.function(ctx.functionName()), ctx.ifExists() != null,
                signature(ctx.functionSignature()));
    }

    SchemaStatement createAggregate(Cql.CreateAggregateStatementContext ctx) {
        List<Cql.FunctionNameContext> functions = ctx.functionName();
        QualifiedName finalFunction = ctx.K_FINALFUNC() == null ? null : Names.function(functions.get(2));
        Term initialCondition = ctx.term() == null ? null : terms.term(ctx.term());
        return new CreateAggregateStatement(Names.function(functions.get(0)), ctx.K_OR() != null,
                ctx.ifNotExists() != null, signature(ctx.functionSignature()), Names.function(functions.get(1)),
                terms.type(ctx.type()), finalFunction, initialCondition);
    }

    SchemaStatement dropAggregate(Cql.DropAggregateStatementContext ctx) {
        return new DropAggregateStatement(Names.function(ctx.functionName()), ctx.ifExists() != null,
                signature(ctx.functionSignature()));
    }

    SchemaStatement createTrigger(Cql.CreateTriggerStatementContext ctx) {
        return new CreateTriggerStatement(Names.text(ctx.ident()), ctx.ifNotExists() != null,
                Names.qualified(ctx.qualifiedName()), Names.string(ctx.STRING_LITERAL()));
    }

    SchemaStatement dropTrigger(Cql.DropTriggerStatementContext ctx) {
        return new DropTriggerStatement(Names.text(ctx.ident()), ctx.ifExists() != null,
                Names.qualified(ctx.qualifiedName()));
    }

    /** {@code k = v AND ...}; a repeated name is an error, as in Cassandra. */
    Map<String, Term> properties(Cql.PropertiesContext ctx) {
        Map<String, Term> properties = new LinkedHashMap<>();
        for (Cql.PropertyContext property : ctx.property()) {
            addProperty(properties, property);
        }
        return properties;
    }

    private void addProperty(Map<String, Term> properties, Cql.PropertyContext property) {
        String name = Names.text(property.ident());
        Cql.PropertyValueContext value = property.propertyValue();
        Term term = value.term() != null
                ? terms.term(value.term())
                : new Term.Literal(Term.LiteralKind.STRING, Names.text(value.ident()));
        if (properties.put(name, term) != null) {
            throw CqlSyntaxError.at(property.getStart(), "Multiple definitions for property '" + name + "'");
        }
    }

    TableOptions tableOptions(Cql.TableOptionsContext ctx) {
        Map<String, Term> properties = new LinkedHashMap<>();
        List<ClusteringOrder> clusteringOrder = new ArrayList<>();
        boolean compactStorage = false;
        for (Cql.TableOptionContext option : ctx.tableOption()) {
            switch (option) {
                case Cql.CompactStorageOptionContext ignored -> compactStorage = true;
                case Cql.ClusteringOrderOptionContext order -> {
                    for (Cql.ClusteringOrderContext column : order.clusteringOrder()) {
                        clusteringOrder.add(new ClusteringOrder(Names.column(column.ident()), column.K_DESC() != null));
                    }
                }
                case Cql.PropertyOptionContext property -> addProperty(properties, property.property());
                default -> throw TermBuilder.unexpected(option);
            }
        }
        return new TableOptions(properties, clusteringOrder, compactStorage);
    }

    private ColumnDefinition column(Cql.ColumnDefinitionContext ctx) {
        ColumnMask mask = ctx.columnMask() == null ? null : mask(ctx.columnMask());
        return new ColumnDefinition(Names.column(ctx.ident()), terms.type(ctx.type()), ctx.K_STATIC() != null, mask);
    }

    private ColumnMask mask(Cql.ColumnMaskContext ctx) {
        if (ctx.K_DEFAULT() != null) {
            return new ColumnMask(QualifiedName.unqualified("mask_default"), List.of());
        }
        return new ColumnMask(Names.function(ctx.functionName()), terms.terms(ctx.term()));
    }

    private static PrimaryKey primaryKey(Cql.PrimaryKeyContext ctx) {
        return new PrimaryKey(Names.columns(ctx.partitionKey().ident()), Names.columns(ctx.ident()));
    }

    private static Map<ColumnIdentifier, ColumnIdentifier> renames(Cql.RenamesContext ctx) {
        Map<ColumnIdentifier, ColumnIdentifier> renames = new LinkedHashMap<>();
        List<Cql.IdentContext> names = ctx.ident();
        for (int i = 0; i < names.size(); i += 2) {
            ColumnIdentifier from = Names.column(names.get(i));
            if (renames.put(from, Names.column(names.get(i + 1))) != null) {
                throw CqlSyntaxError.at(names.get(i).getStart(), "Multiple renames of '" + from + "'");
            }
        }
        return renames;
    }

    private List<FieldDefinition> fields(List<Cql.TypeFieldContext> contexts) {
        List<FieldDefinition> fields = new ArrayList<>(contexts.size());
        for (Cql.TypeFieldContext ctx : contexts) {
            fields.add(field(ctx));
        }
        return fields;
    }

    private FieldDefinition field(Cql.TypeFieldContext ctx) {
        return new FieldDefinition(Names.column(ctx.ident()), terms.type(ctx.type()));
    }

    /** The argument types of a function signature; null when the statement gave none. */
    List<RawType> signature(Cql.FunctionSignatureContext ctx) {
        return ctx == null ? null : terms.types(ctx.type());
    }
}
