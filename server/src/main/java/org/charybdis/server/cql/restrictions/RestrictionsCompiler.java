package org.charybdis.server.cql.restrictions;

import org.charybdis.server.cql.Columns;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.syntax.ColumnIdentifier;
import org.charybdis.cql.syntax.Operator;
import org.charybdis.cql.syntax.Relation;
import org.charybdis.cql.syntax.Term;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.TupleType;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.UserType;
import org.charybdis.server.cql.Columns;
import org.charybdis.server.cql.restrictions.Restrictions.FilterTerm;
import org.charybdis.server.cql.restrictions.Restrictions.SliceBound;
import org.charybdis.server.cql.restrictions.Restrictions.TokenBound;
import org.charybdis.server.cql.statements.select.selection.SelectionCompiler;
import org.charybdis.server.cql.terms.BindVariables;
import org.charybdis.server.cql.terms.BoundValue;
import org.charybdis.server.cql.terms.TermText;
import org.charybdis.server.cql.terms.Terms;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.TableMetadata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Analyses the WHERE clause of a SELECT, UPDATE or DELETE against a table with Cassandra's rules and error messages
 * (Cassandra's StatementRestrictions): the partition keys or token range, the clustering prefix and slice, the row
 * filters and the index plan of a read; for a write, the partitions and rows (or, for DELETE, slices) it names.
 */
public final class RestrictionsCompiler {
    static final String FILTERING_REQUIRED = "Cannot execute this query as it might involve data filtering and thus may have "
            + "unpredictable performance. If you want to execute this query despite the performance unpredictability, use ALLOW FILTERING";

    private final StatementType type;
    private final TableMetadata table;
    private final BindVariables variables;
    private final boolean allowFiltering;
    private final ValueList[] keyValues;
    private final List<FilterTerm> filters = new ArrayList<>();
    private final Map<String, Set<String>> filteredBounds = new HashMap<>();
    private boolean keyNeedsFiltering;
    private TokenBound tokenStart;
    private TokenBound tokenEnd;
    private boolean tokenEq;
    /** Key columns restricted to a single value, for GROUP BY's checks. */
    private final Set<String> restrictedByEq = new HashSet<>();
    /** Per clustering position: an EQ/IN part starting there (with its width), or a slice starting there. */
    private final Map<Integer, ValueList> clusteringEq = new HashMap<>();
    private final Map<Integer, Integer> clusteringEqWidth = new HashMap<>();
    private final Map<Integer, SliceBound[]> clusteringSlice = new HashMap<>();
    private final Map<Integer, List<ColumnMetadata>> sliceColumns = new HashMap<>();
    /** Relations a secondary index could serve, in WHERE order. */
    private final List<IndexCandidate> indexCandidates = new ArrayList<>();

    private RestrictionsCompiler(StatementType type, TableMetadata table, BindVariables variables, boolean allowFiltering) {
        this.type = type;
        this.table = table;
        this.variables = variables;
        this.allowFiltering = allowFiltering;
        this.keyValues = new ValueList[table.partitionKey().size()];
    }

    /** A SELECT's WHERE clause. */
    public static Restrictions compile(TableMetadata table, List<Relation> where, BindVariables variables, boolean allowFiltering) {
        RestrictionsCompiler compiler = new RestrictionsCompiler(StatementType.SELECT, table, variables, allowFiltering);
        for (Relation relation : where) compiler.add(relation);
        return compiler.build(partitionKeyBindIndexes(table, where));
    }

    /**
     * An UPDATE's or DELETE's WHERE clause: {@code =}/{@code IN} on every partition key column, {@code =}/{@code IN} on a
     * prefix of the clustering columns (single or multi-column) and, for DELETE only, a slice from the next one on.
     */
    public static Restrictions compileModification(StatementType type, TableMetadata table, List<Relation> where, BindVariables variables) {
        if (!type.isModification()) throw new IllegalArgumentException(type + " is not a modification");
        RestrictionsCompiler compiler = new RestrictionsCompiler(type, table, variables, false);
        compiler.checkPrimaryKeyOnly(where);
        for (Relation relation : where) compiler.addToModification(relation);
        return compiler.buildModification(partitionKeyBindIndexes(table, where));
    }

    /** Bind-variable indexes of the partition key components restricted by {@code = ?}, in key order; empty if not all are. */
    private static int[] partitionKeyBindIndexes(TableMetadata table, List<Relation> where) {
        int[] indexes = new int[table.partitionKey().size()];
        for (ColumnMetadata c : table.partitionKey()) {
            int found = -1;
            for (Relation r : where) {
                if (r instanceof Relation.Compare cmp && cmp.operator() == Operator.EQ && cmp.column().name().equals(c.name())
                        && cmp.value() instanceof Term.BindMarker marker) {
                    found = marker.index();
                }
            }
            if (found < 0) return new int[0];
            indexes[c.position()] = found;
        }
        return indexes;
    }

    // ---------------------------------------------------------------- UPDATE and DELETE

    /** Cassandra names every non-key column of a write's WHERE clause at once, and refuses token(). */
    private void checkPrimaryKeyOnly(List<Relation> where) {
        StringBuilder others = new StringBuilder();
        for (Relation relation : where) {
            switch (relation) {
                case Relation.Token ignored -> throw new InvalidRequestException(
                        "The token function cannot be used in WHERE clauses for " + type + " statements");
                case Relation.Compare c -> appendIfNotKey(c.column(), others);
                case Relation.In in -> appendIfNotKey(in.column(), others);
                case Relation.ElementCompare e -> appendIfNotKey(e.column(), others);
                case Relation.MultiColumn m -> m.columns().forEach(c -> appendIfNotKey(c, others));
                case Relation.MultiColumnIn m -> m.columns().forEach(c -> appendIfNotKey(c, others));
            }
        }
        if (!others.isEmpty()) throw new InvalidRequestException("Non PRIMARY KEY columns found in where clause: " + others);
    }

    private void appendIfNotKey(ColumnIdentifier name, StringBuilder others) {
        if (!Columns.resolve(table, name).isPrimaryKey()) others.append(name.toCqlString()).append(' ');
    }

    /** A write's relation: equalities and IN as a read's; a slice only on a clustering column; nothing else. */
    private void addToModification(Relation relation) {
        switch (relation) {
            case Relation.Compare compare -> {
                ColumnMetadata column = Columns.resolve(table, compare.column());
                Operator op = compare.operator();
                boolean slice = op == Operator.GT || op == Operator.GTE || op == Operator.LT || op == Operator.LTE;
                if (op != Operator.EQ && !slice) {
                    throw new InvalidRequestException("Unsupported \"" + op.toCqlString() + "\" relation: " + compare.column().toCqlString()
                            + " " + op.toCqlString() + " " + TermText.of(compare.value()));
                }
                if (slice && column.kind() == ColumnMetadata.Kind.PARTITION_KEY) {
                    throw new InvalidRequestException("Only EQ and IN relation are supported on the partition key (unless you use the "
                            + "token() function) for " + type + " statements");
                }
                compare(compare);
            }
            case Relation.In in -> in(in);
            case Relation.MultiColumn multi -> multiColumn(multi);
            case Relation.ElementCompare e -> throw new InvalidRequestException(
                    "Invalid restriction on primary key column " + e.column().toCqlString() + " in " + type + " statement");
            case Relation.MultiColumnIn in -> multiColumnIn(in);
            case Relation.Token ignored -> throw new IllegalStateException("refused by checkPrimaryKeyOnly");
        }
    }

    /** Every partition key column restricted; the clustering restrictions a prefix, then at most one slice (DELETE only). */
    private Restrictions buildModification(int[] keyBindIndexes) {
        StringJoiner missing = new StringJoiner(", ");
        for (int i = 0; i < keyValues.length; i++) {
            if (keyValues[i] == null) missing.add(ColumnIdentifier.quoteIfNeeded(table.partitionKey().get(i).name()));
        }
        if (missing.length() > 0) throw new InvalidRequestException("Some partition key parts are missing: " + missing);
        List<ColumnMetadata> clustering = table.clustering();
        List<ValueList> prefix = new ArrayList<>();
        int position = 0;
        while (clusteringEq.containsKey(position)) {
            prefix.add(clusteringEq.get(position));
            position += clusteringEqWidth.get(position);
        }
        int prefixColumns = position;
        SliceBound[] slice = clusteringSlice.get(position);
        int sliceWidth = slice == null ? 1 : sliceColumns.get(position).size();
        if (slice != null) position += sliceWidth;
        for (int p = position; p < clustering.size(); p++) {
            if (!covered(p)) continue;
            ColumnMetadata restricted = clustering.get(p);
            if (slice != null) throw precededBySlice(restricted, clustering.get(prefixColumns));
            for (int s : clusteringSlice.keySet()) if (s < p) throw precededBySlice(restricted, clustering.get(s));
            throw new InvalidRequestException("PRIMARY KEY column \"" + restricted.name() + "\" cannot be restricted as preceding column \""
                    + clustering.get(prefixColumns).name() + "\" is not restricted");
        }
        if (slice != null && type == StatementType.UPDATE) {
            throw new InvalidRequestException("Slice restrictions are not supported on the clustering columns in UPDATE statements");
        }
        boolean reversed = slice != null && clustering.get(prefixColumns).reversed();
        return new Restrictions(type, table, keyValues, null, null, prefix, slice == null ? null : slice[0], slice == null ? null : slice[1],
                reversed, sliceWidth, List.of(), prefixColumns > 0 || slice != null, restrictedByEq, IndexPlan.NONE, prefixColumns, keyBindIndexes);
    }

    private static InvalidRequestException precededBySlice(ColumnMetadata restricted, ColumnMetadata sliced) {
        return new InvalidRequestException("Clustering column \"" + restricted.name()
                + "\" cannot be restricted (preceding column \"" + sliced.name() + "\" is restricted by a non-EQ relation)");
    }

    // ---------------------------------------------------------------- SELECT

    private void add(Relation relation) {
        switch (relation) {
            case Relation.Compare compare -> compare(compare);
            case Relation.In in -> in(in);
            case Relation.Token token -> token(token);
            case Relation.MultiColumn multi -> multiColumn(multi);
            case Relation.MultiColumnIn multiIn -> multiColumnIn(multiIn);
            case Relation.ElementCompare element -> {
                ColumnMetadata column = Columns.resolve(table, element.column());
                IndexCandidate entry = CollectionRelations.mapEntry(column, element, variables);
                filters.add(entry.filter());
                indexCandidates.add(entry);
            }
        }
    }

    private void compare(Relation.Compare compare) {
        ColumnMetadata column = Columns.resolve(table, compare.column());
        Operator op = compare.operator();
        switch (op) {
            case EQ, LT, LTE, GT, GTE -> {}
            case NEQ -> throw new InvalidRequestException("Unsupported \"!=\" relation: " + column.name() + " != " + TermText.of(compare.value()));
            case CONTAINS, CONTAINS_KEY -> {
                IndexCandidate contains = CollectionRelations.contains(column, op, compare.value(), variables);
                filters.add(contains.filter());
                indexCandidates.add(contains);
                if (column.kind() == ColumnMetadata.Kind.PARTITION_KEY) keyNeedsFiltering = true;
                return;
            }
            case IS_NOT -> throw new InvalidRequestException("Unsupported restriction: " + column.name() + " IS NOT NULL");
            case LIKE -> {
                Terms.resolve(compare.value(), column.type(), column.name(), variables);
                // 5.0 refuses LIKE even with ALLOW FILTERING, and its SAI indexes without an analyzer do not answer it
                throw new InvalidRequestException("LIKE restriction is only supported on properly indexed columns. " + column.name()
                        + " LIKE " + TermText.of(compare.value()) + " is not valid.");
            }
            default -> throw new InvalidRequestException(op.toCqlString() + " restrictions are not supported yet");
        }
        if (!column.isPrimaryKey()) {
            checkFilterable(column, op);
            if (compare.value() instanceof Term.NullLiteral) throw new InvalidRequestException("Unsupported null value for column " + column.name());
        }
        ValueList value = single(column, compare.value(), column.name());
        switch (column.kind()) {
            case PARTITION_KEY -> {
                if (op == Operator.EQ) setKey(column, value);
                else {
                    keyNeedsFiltering = true;
                    FilterTerm filter = FilterTerm.column(column, op, value);
                    filters.add(filter);
                    indexCandidates.add(IndexCandidate.range(column, op, filter, firstValue(value))); // SAI serves key ranges
                }
            }
            case CLUSTERING -> {
                int at = column.position();
                if (op == Operator.EQ) setClusteringEq(column, at, 1, value);
                else addSlice(List.of(column), op, TupleTerm.resolve(new Term.TupleLiteral(List.of(compare.value())), List.of(column), variables));
                indexCandidates.add(op == Operator.EQ ? IndexCandidate.equality(column, null, firstValue(value))
                        : IndexCandidate.range(column, op, null, firstValue(value)));
            }
            default -> {
                checkFilteredBounds(column, op);
                FilterTerm filter = FilterTerm.column(column, op, value);
                filters.add(filter);
                indexCandidates.add(op == Operator.EQ ? IndexCandidate.equality(column, filter, firstValue(value))
                        : IndexCandidate.range(column, op, filter, firstValue(value)));
            }
        }
    }

    private void in(Relation.In in) {
        ColumnMetadata column = Columns.resolve(table, in.column());
        if (!column.isPrimaryKey()) checkFilterable(column, Operator.IN);
        ValueList values;
        if (in.marker() != null) {
            BoundValue marker = Terms.resolve(in.marker(), ListType.of(column.type(), false), "in(" + column.name() + ")", variables);
            values = new ValueList.ListMarker(marker, column.type(), column.name());
        } else {
            List<BoundValue[]> elements = new ArrayList<>();
            for (Term t : in.values()) elements.add(new BoundValue[] {Terms.resolve(t, column.type(), column.name(), variables)});
            values = new ValueList.Elements(elements, new String[] {column.name()});
        }
        switch (column.kind()) {
            case PARTITION_KEY -> setKey(column, values);
            case CLUSTERING -> setClusteringEq(column, column.position(), 1, values);
            default -> filters.add(FilterTerm.column(column, Operator.IN, values));
        }
        if (in.marker() == null && in.values().size() == 1) restrictedByEq.add(column.name());
    }

    private void token(Relation.Token token) {
        List<ColumnMetadata> key = table.partitionKey();
        boolean matches = token.columns().size() == key.size();
        for (int i = 0; matches && i < key.size(); i++) {
            matches = Columns.resolve(table, token.columns().get(i)) == key.get(i);
        }
        if (!matches) throw new InvalidRequestException("The token() function must be applied to all partition key components or none of them");
        List<CqlType> keyTypes = new ArrayList<>(key.size());
        for (ColumnMetadata c : key) keyTypes.add(c.type());
        BoundValue value = Terms.tokenValue(token.value(), keyTypes, variables);
        if (tokenEq || (token.operator() == Operator.EQ && (tokenStart != null || tokenEnd != null))) {
            throw new InvalidRequestException(tokenLabel() + " cannot be restricted by more than one relation if it includes an Equal");
        }
        switch (token.operator()) {
            case EQ -> { tokenEq = true; tokenStart = setTokenBound(tokenStart, value, true, "start"); tokenEnd = setTokenBound(tokenEnd, value, true, "end"); }
            case GT, GTE -> tokenStart = setTokenBound(tokenStart, value, token.operator() == Operator.GTE, "start");
            case LT, LTE -> tokenEnd = setTokenBound(tokenEnd, value, token.operator() == Operator.LTE, "end");
            default -> throw new InvalidRequestException("Unsupported " + token.operator().toCqlString() + " relation on token()");
        }
    }

    private TokenBound setTokenBound(TokenBound existing, BoundValue value, boolean inclusive, String side) {
        if (existing != null) throw new InvalidRequestException("More than one restriction was found for the " + side + " bound on " + tokenLabel());
        return new TokenBound(value, inclusive);
    }

    private String tokenLabel() {
        List<String> names = new ArrayList<>();
        for (ColumnMetadata c : table.partitionKey()) names.add(c.name());
        return String.join(", ", names);
    }

    private void multiColumn(Relation.MultiColumn multi) {
        List<ColumnMetadata> columns = multiColumns(multi.columns(), multi);
        switch (multi.operator()) {
            case EQ -> {
                TupleTerm tuple = TupleTerm.resolve(multi.value(), columns, variables);
                setClusteringEq(columns.get(0), columns.get(0).position(), columns.size(), new TupleValues(List.of(tuple)));
                for (ColumnMetadata c : columns) restrictedByEq.add(c.name());
            }
            case LT, LTE, GT, GTE -> addSlice(columns, multi.operator(), TupleTerm.resolve(multi.value(), columns, variables));
            default -> throw new InvalidRequestException("Unsupported \"" + multi.operator().toCqlString() + "\" relation: " + describe(multi));
        }
    }

    private void multiColumnIn(Relation.MultiColumnIn in) {
        List<ColumnMetadata> columns = multiColumns(in.columns(), in);
        if (in.marker() != null) {
            List<CqlType> types = new ArrayList<>(columns.size());
            String[] names = new String[columns.size()];
            for (int i = 0; i < names.length; i++) {
                types.add(columns.get(i).type());
                names[i] = columns.get(i).name();
            }
            TupleType tuple = TupleType.of(types);
            String receiver = "in(" + String.join(",", names) + ")";
            BoundValue marker = Terms.resolve(in.marker(), ListType.of(tuple, false), receiver, variables);
            setClusteringEq(columns.get(0), columns.get(0).position(), columns.size(),
                    new TupleValues.Marker(new ValueList.ListMarker(marker, tuple, receiver), names));
            return;
        }
        List<TupleTerm> tuples = new ArrayList<>();
        for (Term t : in.values()) tuples.add(TupleTerm.resolve(t, columns, variables));
        setClusteringEq(columns.get(0), columns.get(0).position(), columns.size(), new TupleValues(tuples));
    }

    private List<ColumnMetadata> multiColumns(List<ColumnIdentifier> names, Relation relation) {
        List<ColumnMetadata> columns = new ArrayList<>(names.size());
        for (ColumnIdentifier name : names) {
            ColumnMetadata c = Columns.resolve(table, name);
            if (c.kind() != ColumnMetadata.Kind.CLUSTERING) {
                throw new InvalidRequestException("Multi-column relations can only be applied to clustering columns but was applied to: " + c.name());
            }
            if (!columns.isEmpty() && c.position() != columns.getLast().position() + 1) {
                throw new InvalidRequestException("Clustering columns must appear in the PRIMARY KEY order in multi-column relations: " + describe(relation));
            }
            columns.add(c);
        }
        return columns;
    }

    private void setKey(ColumnMetadata column, ValueList values) {
        if (keyValues[column.position()] != null) {
            throw new InvalidRequestException(column.name() + " cannot be restricted by more than one relation if it includes an Equal");
        }
        keyValues[column.position()] = values;
        if (values instanceof ValueList.Elements e && e.elements().size() == 1) restrictedByEq.add(column.name());
    }

    /** Cassandra refuses a second relation beside an =, and two relations on the same bound, of a filtered column. */
    private void checkFilteredBounds(ColumnMetadata column, Operator op) {
        String bound = switch (op) {
            case EQ -> "=";
            case GT, GTE -> "start";
            default -> "end";
        };
        Set<String> seen = filteredBounds.computeIfAbsent(column.name(), n -> new HashSet<>());
        if (seen.contains("=") || (op == Operator.EQ && !seen.isEmpty())) {
            throw new InvalidRequestException(column.name() + " cannot be restricted by more than one relation if it includes an Equal");
        }
        if (!seen.add(bound)) {
            throw new InvalidRequestException("More than one restriction was found for the " + bound + " bound on " + column.name());
        }
    }

    private void setClusteringEq(ColumnMetadata first, int at, int width, ValueList values) {
        for (int i = at; i < at + width; i++) {
            if (covered(i)) {
                throw new InvalidRequestException(table.clustering().get(i).name() + " cannot be restricted by more than one relation if it includes an Equal");
            }
        }
        clusteringEq.put(at, values);
        clusteringEqWidth.put(at, width);
        if (width == 1 && values instanceof ValueList.Elements e && e.elements().size() == 1) restrictedByEq.add(first.name());
    }

    private boolean covered(int position) {
        for (var e : clusteringEq.entrySet()) {
            if (position >= e.getKey() && position < e.getKey() + clusteringEqWidth.get(e.getKey())) return true;
        }
        for (var e : sliceColumns.entrySet()) {
            if (position >= e.getKey() && position < e.getKey() + e.getValue().size()) return true;
        }
        return false;
    }

    private void addSlice(List<ColumnMetadata> columns, Operator op, TupleTerm value) {
        int at = columns.get(0).position();
        for (ColumnMetadata c : columns) {
            if (clusteringEq.containsKey(c.position()) || (covered(c.position()) && !sliceColumns.containsKey(at))) {
                throw new InvalidRequestException(c.name() + " cannot be restricted by more than one relation if it includes an Equal");
            }
        }
        SliceBound[] bounds = clusteringSlice.computeIfAbsent(at, k -> new SliceBound[2]);
        List<ColumnMetadata> existing = sliceColumns.get(at);
        if (existing == null || existing.size() < columns.size()) sliceColumns.put(at, columns);
        boolean start = op == Operator.GT || op == Operator.GTE;
        int side = start ? 0 : 1;
        if (bounds[side] != null) {
            throw new InvalidRequestException("More than one restriction was found for the " + (start ? "start" : "end") + " bound on "
                    + columns.get(0).name());
        }
        bounds[side] = new SliceBound(value, op == Operator.GTE || op == Operator.LTE);
    }

    private Restrictions build(int[] keyBindIndexes) {
        boolean keyComplete = true;
        boolean keyAny = false;
        for (ValueList v : keyValues) {
            keyComplete &= v != null;
            keyAny |= v != null;
        }
        if (keyAny && !keyComplete) {
            keyNeedsFiltering = true;
            for (int i = 0; i < keyValues.length; i++) {
                if (keyValues[i] == null) continue;
                ColumnMetadata column = table.partitionKey().get(i);
                FilterTerm filter = FilterTerm.column(column, Operator.IN, keyValues[i]);
                filters.add(filter);
                if (keyValues[i] instanceof ValueList.Elements e && e.elements().size() == 1) {
                    indexCandidates.add(IndexCandidate.equality(column, filter, firstValue(keyValues[i])));
                }
            }
        }
        boolean keyQuery = keyComplete && !keyNeedsFiltering;
        IndexPlanner indexes = new IndexPlanner(table, indexCandidates);
        IndexPlan plan = indexes.plan();
        boolean clusteringRestricted = !clusteringEq.isEmpty() || !clusteringSlice.isEmpty();
        List<ValueList> prefix = new ArrayList<>();
        SliceBound sliceStart = null;
        SliceBound sliceEnd = null;
        boolean sliceReversed = false;
        int sliceWidth = 0;
        FilterTerm exactSlice = null;
        List<ColumnMetadata> clustering = table.clustering();
        int position = 0;
        String stopReason = null;
        ColumnMetadata stopColumn = null;
        while (position < clustering.size()) {
            ValueList eq = clusteringEq.get(position);
            if (eq != null) {
                prefix.add(eq);
                position += clusteringEqWidth.get(position);
                continue;
            }
            SliceBound[] slice = clusteringSlice.get(position);
            if (slice != null) {
                List<ColumnMetadata> columns = sliceColumns.get(position);
                sliceStart = slice[0];
                sliceEnd = slice[1];
                sliceReversed = columns.get(0).reversed();
                sliceWidth = columns.size();
                if (mixedOrders(columns)) {
                    // storage reads the first column's range; the tuple comparison by value is checked row by row
                    exactSlice = tupleSlice(columns, sliceStart, sliceEnd);
                    sliceStart = sliceStart == null ? null : new SliceBound(sliceStart.values(), true);
                    sliceEnd = sliceEnd == null ? null : new SliceBound(sliceEnd.values(), true);
                    sliceWidth = 1;
                }
                stopReason = "non-EQ";
                stopColumn = clustering.get(position);
                position += columns.size();
            } else {
                stopReason = "unrestricted";
                stopColumn = clustering.get(position);
            }
            break;
        }
        for (int p = position; p < clustering.size(); p++) {
            if (!clusteringEq.containsKey(p) && !clusteringSlice.containsKey(p)) continue;
            ColumnMetadata c = clustering.get(p);
            boolean indexed = indexes.serves(c);
            if ((!allowFiltering && !indexed) || sliceColumns.getOrDefault(p, List.of(c)).size() > 1) {
                if (allowFiltering) throw new InvalidRequestException("Multi-column slice restrictions cannot be used for filtering.");
                if ("unrestricted".equals(stopReason)) {
                    throw new InvalidRequestException("PRIMARY KEY column \"" + c.name() + "\" cannot be restricted as preceding column \""
                            + stopColumn.name() + "\" is not restricted");
                }
                throw new InvalidRequestException("Clustering column \"" + c.name() + "\" cannot be restricted (preceding column \""
                        + stopColumn.name() + "\" is restricted by a non-EQ relation)");
            }
            ValueList eq = clusteringEq.get(p);
            int width = clusteringEqWidth.getOrDefault(p, 1);
            int before = filters.size();
            if (eq != null && width > 1) filters.add(tupleIn(clustering.subList(p, p + width), eq));
            else if (eq != null) filters.add(FilterTerm.column(c, Operator.IN, eq));
            SliceBound[] slice = clusteringSlice.get(p);
            if (slice != null) {
                if (slice[0] != null) filters.add(FilterTerm.column(c, slice[0].inclusive() ? Operator.GTE : Operator.GT, new TupleValues(List.of(slice[0].values()))));
                if (slice[1] != null) filters.add(FilterTerm.column(c, slice[1].inclusive() ? Operator.LTE : Operator.LT, new TupleValues(List.of(slice[1].values()))));
            }
            if (indexed) indexes.served(filters.subList(before, filters.size()));
        }
        if (plan.usesIndex() && keyQuery && hasInOnKey()) {
            throw new InvalidRequestException("Select on indexed columns and with IN clause for the PRIMARY KEY are not supported");
        }
        // after the clustering prefix checks: Cassandra names a gap in the prefix before asking for ALLOW FILTERING
        boolean needsFiltering = plan.usesIndex()
                ? indexes.needsFiltering(filters, clusteringRestricted && !keyQuery ? restrictedClustering() : List.of())
                : keyNeedsFiltering || !filters.isEmpty() || (clusteringRestricted && !keyQuery);
        if (!allowFiltering && needsFiltering) {
            throw new InvalidRequestException(FILTERING_REQUIRED);
        }
        if (exactSlice != null) filters.add(exactSlice);
        indexes.analyze(filters);
        return new Restrictions(type, table, keyQuery ? keyValues : null, tokenStart, tokenEnd, prefix, sliceStart, sliceEnd, sliceReversed,
                sliceWidth, filters, clusteringRestricted, restrictedByEq, plan, prefixColumns(), keyBindIndexes);
    }

    /** How many clustering columns the =/IN prefix covers. */
    private int prefixColumns() {
        int position = 0;
        while (clusteringEq.containsKey(position)) position += clusteringEqWidth.get(position);
        return position;
    }

    private boolean hasInOnKey() {
        for (ValueList v : keyValues) if (!(v instanceof ValueList.Elements e) || e.elements().size() != 1) return true;
        return false;
    }

    /** The clustering columns restricted by some relation. */
    private List<ColumnMetadata> restrictedClustering() {
        List<ColumnMetadata> restricted = new ArrayList<>();
        for (ColumnMetadata c : table.clustering()) if (covered(c.position())) restricted.add(c);
        return restricted;
    }

    private static org.charybdis.server.cql.terms.BoundValue firstValue(ValueList values) {
        return ((ValueList.Elements) values).elements().getFirst()[0];
    }

    private static boolean mixedOrders(List<ColumnMetadata> columns) {
        for (ColumnMetadata c : columns) if (c.reversed() != columns.get(0).reversed()) return true;
        return false;
    }

    private static FilterTerm tupleSlice(List<ColumnMetadata> columns, SliceBound low, SliceBound high) {
        return context -> new TupleSliceFilter(columns, low == null ? null : low.values().bind(context), low != null && low.inclusive(),
                high == null ? null : high.values().bind(context), high != null && high.inclusive());
    }

    private static FilterTerm tupleIn(List<ColumnMetadata> columns, ValueList tuples) {
        return context -> new TupleInFilter(columns, tuples.bind(context));
    }

    private ValueList single(ColumnMetadata column, Term term, String receiver) {
        BoundValue value = Terms.resolve(term, column.type(), receiver, variables);
        return new ValueList.Elements(List.<BoundValue[]>of(new BoundValue[] {value}), new String[] {column.name()});
    }

    private static void checkFilterable(ColumnMetadata column, Operator op) {
        if (column.type() instanceof UserType && column.type().isMultiCell()) {
            throw new InvalidRequestException("Non-frozen UDT column '" + column.name() + "' (" + column.type().cqlName()
                    + ") cannot be restricted by any relation");
        }
        if (column.type().isMultiCell()) {
            throw new InvalidRequestException("Collection column '" + column.name() + "' (" + column.type().cqlName()
                    + ") cannot be restricted by a '" + op.toCqlString() + "' relation");
        }
    }


    private static String describe(Relation relation) {
        if (relation instanceof Relation.MultiColumn m) {
            List<String> names = new ArrayList<>();
            for (ColumnIdentifier c : m.columns()) names.add(c.name());
            return "(" + String.join(", ", names) + ") " + m.operator().toCqlString() + " " + tuple(m.value());
        }
        return relation.toString();
    }

    private static String tuple(Term term) {
        if (term instanceof Term.TupleLiteral t) {
            List<String> parts = new ArrayList<>();
            for (Term e : t.elements()) parts.add(TermText.of(e));
            return "(" + String.join(", ", parts) + ")";
        }
        return "?";
    }
}
