package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.exceptions.AlreadyExistsException;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.SchemaChange;
import org.charybdis.cql.syntax.ClusteringOrder;
import org.charybdis.cql.syntax.ColumnIdentifier;
import org.charybdis.cql.syntax.CreateMaterializedViewStatement;
import org.charybdis.cql.syntax.Operator;
import org.charybdis.cql.syntax.Permission;
import org.charybdis.cql.syntax.Relation;
import org.charybdis.cql.syntax.Selection;
import org.charybdis.cql.syntax.Selector;
import org.charybdis.cql.syntax.Term;
import org.charybdis.cql.types.CollectionType;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.cql.terms.TermText;
import org.charybdis.server.cql.terms.Terms;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.ColumnMetadata.Kind;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.SchemaManager.SchemaUpdate;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.schema.TableParams;
import org.charybdis.server.schema.ViewDefinition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * CREATE MATERIALIZED VIEW [IF NOT EXISTS] v AS SELECT ... FROM base WHERE ... PRIMARY KEY (...) [WITH ...], checked in
 * Cassandra 5.0's order with its messages. The view is a table of its own (its rows live on the shards owning their view
 * partitions) whose {@link ViewDefinition} names the base; every base write keeps it in step, and the rows the base
 * already holds are copied in the background.
 */
final class CreateView extends SchemaChangeStatement {
    private final CreateMaterializedViewStatement statement;
    private final String keyspace;
    private final String name;

    CreateView(CreateMaterializedViewStatement statement, String keyspace) {
        this.statement = statement;
        this.keyspace = keyspace;
        this.name = statement.view().name();
        if (statement.baseTable().keyspace() != null && !statement.baseTable().keyspace().equals(keyspace)) {
            throw new InvalidRequestException("Cannot create a materialized view on a table in a different keyspace");
        }
    }

    @Override
    public void checkAccess(ExecutionContext context) {
        context.access().ensureTable(Permission.ALTER, keyspace, statement.baseTable().name());
    }

    /** Cassandra's warning, given whether the view was created or already existed. */
    static final String EXPERIMENTAL = "Materialized views are experimental and are not recommended for production use.";

    @Override
    List<String> warnings(Schema before, SchemaChange change) {
        return List.of(EXPERIMENTAL);
    }

    @Override
    SchemaUpdate apply(Schema current, long nowMicros) {
        SystemKeyspaceGuard.checkModifiable(keyspace);
        KeyspaceMetadata ks = current.keyspace(keyspace);
        if (ks == null) throw new InvalidRequestException("Keyspace '" + keyspace + "' doesn't exist");
        TableMetadata base = ks.table(statement.baseTable().name());
        if (base == null || base.isView()) throw new InvalidRequestException("Base table '" + statement.baseTable().name() + "' doesn't exist");
        TableMetadata existing = ks.table(name);
        if (existing != null && !existing.isView()) {
            throw new InvalidRequestException("Cannot create materialized view '" + name + "' - a table with the same name already exists");
        }
        if (existing != null) {
            if (statement.ifNotExists()) return SchemaUpdate.unchanged(current);
            throw new AlreadyExistsException(keyspace, name);
        }
        if (base.isCounterTable()) throw new InvalidRequestException("Materialized views are not supported on counter tables");
        if (base.params().gcGraceSeconds() == 0) {
            throw new InvalidRequestException("Cannot create materialized view '" + name + "' for base table '" + base.name()
                    + "' with gc_grace_seconds of 0, since this value is used to TTL undelivered updates. Setting gc_grace_seconds"
                    + " too low might cause undelivered updates to expire before being replayed.");
        }
        Set<String> selected = selectedColumns(base);
        List<String> keyColumns = checkedKey(base, selected);
        List<ViewDefinition.Filter> filters = filters(base, keyColumns); // checks the WHERE clause: then it can be shown
        ViewDefinition definition = new ViewDefinition(base.id(), base.name(), statement.selection().isEmpty(),
                ViewWhereClause.text(statement.where(), Map.of()), filters);
        TableParams params = TableProperties.apply(TableParams.defaultParams(), statement.options().properties());
        if (statement.options().properties().containsKey("default_time_to_live")) {
            throw new InvalidRequestException("Cannot set default_time_to_live for a materialized view. Data in a materialized view always expire"
                    + " at the same time than the corresponding data in the parent table.");
        }
        UUID id = TableProperties.tableId(statement.options().properties());
        List<ColumnMetadata> columns = columns(base, selected);
        int nextColumnId = (int) columns.stream().filter(c -> !c.isPrimaryKey()).count();
        TableMetadata view = new TableMetadata(keyspace, name, id != null ? id : UUID.randomUUID(), columns, params, nextColumnId,
                Map.of(), Map.of(), definition);
        return new SchemaUpdate(current.with(ks.withTable(view)), SchemaChange.table(SchemaChange.Change.CREATED, keyspace, name));
    }

    /** The base columns the view holds, in the base's order; refuses aliases, expressions and static columns. */
    private Set<String> selectedColumns(TableMetadata base) {
        Set<String> selected = new LinkedHashSet<>();
        if (statement.selection().isEmpty()) base.allColumns().forEach(c -> selected.add(c.name()));
        for (Selection selection : statement.selection()) {
            if (selection.alias() != null) {
                throw new InvalidRequestException("Cannot use aliases when defining a materialized view (got " + selectorText(selection)
                        + " AS " + selection.alias() + ")");
            }
            if (!(selection.selector() instanceof Selector.Column column)) {
                throw new InvalidRequestException("Can only select columns by name when defining a materialized view (got "
                        + selectorText(selection) + ")");
            }
            if (base.column(column.column().name()) == null) {
                throw new InvalidRequestException("Undefined column name " + column.column() + " in table " + base);
            }
            selected.add(column.column().name());
        }
        for (String column : selected) {
            if (base.column(column).isStatic()) {
                throw new InvalidRequestException("Cannot include static column '" + column + "' in materialized view '" + name + "'");
            }
        }
        return selected;
    }

    private static String selectorText(Selection selection) {
        return selection.selector() instanceof Selector.Column c ? c.column().toString() : selection.selector().toString();
    }

    /** The view's primary key columns, checked against the base's as Cassandra checks them. */
    private List<String> checkedKey(TableMetadata base, Set<String> selected) {
        if (statement.primaryKey().partitionKey().isEmpty()) {
            throw new InvalidRequestException("Must provide at least one partition key column for materialized view '" + name + "'");
        }
        List<String> key = new ArrayList<>();
        List<ColumnIdentifier> all = new ArrayList<>(statement.primaryKey().partitionKey());
        all.addAll(statement.primaryKey().clusteringColumns());
        for (ColumnIdentifier identifier : all) {
            ColumnMetadata column = base.column(identifier.name());
            if (column == null || !selected.contains(identifier.name())) {
                throw new InvalidRequestException("Unknown column '" + identifier + "' referenced in PRIMARY KEY for materialized view '" + name + "'");
            }
            if (key.contains(identifier.name())) {
                throw new InvalidRequestException("Duplicate column '" + identifier + "' in PRIMARY KEY clause for materialized view '" + name + "'");
            }
            if (column.type().isMultiCell()) {
                throw new InvalidRequestException("Invalid non-frozen " + (column.type() instanceof org.charybdis.cql.types.UserType ? "user-defined" : "collection")
                        + " type '" + column.type().cqlName() + "' for PRIMARY KEY column '" + identifier + "'");
            }
            if (column.type().isCounter() || column.type() == NativeType.DURATION) {
                throw new InvalidRequestException(column.type().cqlName() + " type is not supported for PRIMARY KEY column '" + identifier + "'");
            }
            key.add(identifier.name());
        }
        List<ClusteringOrder> orders = statement.options().clusteringOrder();
        if (!orders.isEmpty()) {
            List<ColumnIdentifier> ordered = new ArrayList<>();
            for (ClusteringOrder order : orders) ordered.add(order.column());
            if (!ordered.equals(statement.primaryKey().clusteringColumns())) {
                throw new InvalidRequestException("Clustering key columns must exactly match columns in CLUSTERING ORDER BY directive");
            }
        }
        List<String> missing = new ArrayList<>();
        for (ColumnMetadata column : base.allColumns()) {
            if (column.isPrimaryKey() && !key.contains(column.name())) missing.add(ColumnIdentifier.quoteIfNeeded(column.name()));
        }
        if (!missing.isEmpty()) {
            throw new InvalidRequestException("Cannot create materialized view '" + name + "' without primary key columns "
                    + String.join(", ", missing) + " from base table '" + base.name() + "'");
        }
        List<String> regular = new ArrayList<>();
        for (String column : key) if (!base.column(column).isPrimaryKey()) regular.add(column);
        if (regular.size() > 1) {
            throw new InvalidRequestException("Cannot include more than one non-primary key column in materialized view primary key (got "
                    + String.join(", ", regular) + ")");
        }
        return key;
    }

    /**
     * The restrictions beyond IS NOT NULL, on base key columns; refuses what Cassandra refuses, relation by relation in
     * its order of checks. A multi-column relation over a single clustering column counts as the single-column one.
     */
    private List<ViewDefinition.Filter> filters(TableMetadata base, List<String> keyColumns) {
        Set<String> restricted = new LinkedHashSet<>();
        Set<String> restrictedByValue = new LinkedHashSet<>();
        Set<String> restrictedByEq = new LinkedHashSet<>();
        Set<String> illegal = new LinkedHashSet<>();
        List<ViewDefinition.Filter> filters = new ArrayList<>();
        for (Relation written : statement.where()) {
            if (written instanceof Relation.Token) throw new InvalidRequestException("Cannot use token relation when defining a materialized view");
            Relation relation = singleColumn(base, written);
            String column = relation instanceof Relation.In in ? in.column().name() : ((Relation.Compare) relation).column().name();
            ColumnMetadata definition = base.column(column);
            if (definition == null) throw new InvalidRequestException("Undefined column name " + ColumnIdentifier.quoteIfNeeded(column) + " in table " + base);
            if (relation instanceof Relation.Compare compare && compare.operator() == Operator.IS_NOT) {
                restricted.add(column);
                continue;
            }
            ViewDefinition.Filter filter = relation instanceof Relation.In in ? inFilter(definition, in) : compareFilter(definition, (Relation.Compare) relation);
            boolean eq = filter.operator() == Operator.EQ || filter.operator() == Operator.IN;
            if (restrictedByEq.contains(column) || eq && restrictedByValue.contains(column)) {
                throw new InvalidRequestException(ColumnIdentifier.quoteIfNeeded(column) + " cannot be restricted by more than one relation if it includes an Equal");
            }
            restricted.add(column);
            restrictedByValue.add(column);
            if (eq) restrictedByEq.add(column);
            if (!definition.isPrimaryKey()) {
                illegal.add(column);
            } else if (filter.value() == null) {
                throw new InvalidRequestException("Unsupported restriction " + filter.operator().toCqlString() + " in the WHERE clause of materialized view '"
                        + name + "'");
            } else {
                filters.add(filter);
            }
        }
        List<String> unrestricted = new ArrayList<>();
        for (String column : keyColumns) if (!restricted.contains(column)) unrestricted.add(ColumnIdentifier.quoteIfNeeded(column));
        if (!unrestricted.isEmpty()) {
            throw new InvalidRequestException("Primary key columns " + String.join(", ", unrestricted) + " must be restricted with 'IS NOT NULL' or otherwise");
        }
        if (!illegal.isEmpty()) {
            throw new InvalidRequestException("Non-primary key columns can only be restricted with 'IS NOT NULL' (got: " + String.join(",", illegal)
                    + " restricted illegally)");
        }
        return filters;
    }

    /** {@code (c) op (v)} and {@code (c) IN ((v), ...)} as their single-column forms; other multi-column relations refused. */
    private static Relation singleColumn(TableMetadata base, Relation relation) {
        List<ColumnIdentifier> columns = switch (relation) {
            case Relation.MultiColumn multi -> multi.columns();
            case Relation.MultiColumnIn multi -> multi.columns();
            case Relation.Compare compare -> { yield null; }
            case Relation.In in -> { yield null; }
            default -> throw new InvalidRequestException("Only single-column restrictions are supported yet in materialized view WHERE clauses");
        };
        if (columns == null) return relation;
        for (ColumnIdentifier column : columns) {
            ColumnMetadata definition = base.column(column.name());
            if (definition == null) throw new InvalidRequestException("Undefined column name " + column + " in table " + base);
            if (definition.kind() != Kind.CLUSTERING) {
                throw new InvalidRequestException("Multi-column relations can only be applied to clustering columns but was applied to: " + column);
            }
        }
        if (columns.size() > 1) {
            throw new InvalidRequestException("Multi-column restrictions over several clustering columns are not supported yet in materialized view"
                    + " WHERE clauses");
        }
        return switch (relation) {
            case Relation.MultiColumn multi -> new Relation.Compare(columns.getFirst(), multi.operator(), onlyElement(multi.value()));
            case Relation.MultiColumnIn multi -> new Relation.In(columns.getFirst(), multi.values().stream().map(CreateView::onlyElement).toList(), null);
            default -> relation;
        };
    }

    private static Term onlyElement(Term tuple) {
        if (tuple instanceof Term.TupleLiteral literal && literal.elements().size() == 1) return literal.elements().getFirst();
        throw new InvalidRequestException("Bind variables are not allowed in CREATE MATERIALIZED VIEW statements");
    }

    /** {@code column op value}, the value checked against the column's type; what Cassandra refuses whatever the column. */
    private static ViewDefinition.Filter compareFilter(ColumnMetadata column, Relation.Compare compare) {
        String name = ColumnIdentifier.quoteIfNeeded(column.name());
        switch (compare.operator()) {
            case NEQ -> throw new InvalidRequestException("Unsupported \"!=\" relation: " + name + " != " + TermText.of(compare.value()));
            case LIKE -> throw new InvalidRequestException("LIKE restriction is only supported on properly indexed columns. " + name + " LIKE "
                    + TermText.of(compare.value()) + " is not valid.");
            case CONTAINS, CONTAINS_KEY -> {
                boolean keys = compare.operator() == Operator.CONTAINS_KEY;
                if (keys ? !(column.type() instanceof MapType) : !(column.type() instanceof CollectionType)) {
                    throw new InvalidRequestException("Cannot use " + compare.operator().toCqlString() + " on non-" + (keys ? "map" : "collection")
                            + " column " + name);
                }
                return new ViewDefinition.Filter(column.name(), compare.operator(), null);
            }
            default -> { }
        }
        if (column.type() instanceof CollectionType && column.type().isMultiCell()) {
            throw new InvalidRequestException("Collection column '" + column.name() + "' (" + column.type().cqlName() + ") cannot be restricted by a '"
                    + compare.operator().toCqlString() + "' relation");
        }
        return new ViewDefinition.Filter(column.name(), compare.operator(), Terms.constant(compare.value(), column.type(), column.name()));
    }

    /** {@code column IN (values)}: the values, checked against the column's type, kept as a frozen list of them. */
    private static ViewDefinition.Filter inFilter(ColumnMetadata column, Relation.In in) {
        if (in.marker() != null) throw new InvalidRequestException("Bind variables are not allowed in CREATE MATERIALIZED VIEW statements");
        List<Object> values = new ArrayList<>();
        for (Term value : in.values()) values.add(column.type().deserialize(Terms.constant(value, column.type(), column.name())));
        return new ViewDefinition.Filter(column.name(), Operator.IN, ListType.of(column.type(), false).serialize(values));
    }

    /** The view's columns: its key as declared, then the other selected columns as regular columns. */
    private List<ColumnMetadata> columns(TableMetadata base, Set<String> selected) {
        Map<String, Boolean> descending = new LinkedHashMap<>();
        for (ClusteringOrder order : statement.options().clusteringOrder()) descending.put(order.column().name(), order.descending());
        List<ColumnMetadata> columns = new ArrayList<>();
        List<ColumnIdentifier> partition = statement.primaryKey().partitionKey();
        List<ColumnIdentifier> clustering = statement.primaryKey().clusteringColumns();
        for (int i = 0; i < partition.size(); i++) {
            columns.add(new ColumnMetadata(partition.get(i).name(), Kind.PARTITION_KEY, i, base.column(partition.get(i).name()).type(), false,
                    TableDefinitions.NO_COLUMN_ID));
        }
        for (int i = 0; i < clustering.size(); i++) {
            String column = clustering.get(i).name();
            columns.add(new ColumnMetadata(column, Kind.CLUSTERING, i, base.column(column).type(), descending.getOrDefault(column, false),
                    TableDefinitions.NO_COLUMN_ID));
        }
        int id = 0;
        Set<String> key = new LinkedHashSet<>();
        partition.forEach(c -> key.add(c.name()));
        clustering.forEach(c -> key.add(c.name()));
        for (String column : selected) {
            if (!key.contains(column)) columns.add(new ColumnMetadata(column, Kind.REGULAR, -1, base.column(column).type(), false, id++));
        }
        return columns;
    }
}
