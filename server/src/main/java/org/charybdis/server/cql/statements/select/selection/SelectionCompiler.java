package org.charybdis.server.cql.statements.select.selection;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.ColumnSpec;
import org.charybdis.cql.syntax.ColumnIdentifier;
import org.charybdis.server.cql.terms.BindVariables;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.TableMetadata;

import java.util.ArrayList;
import java.util.List;

/** Resolves a SELECT clause against a table, with Cassandra's names, types and errors. */
public final class SelectionCompiler {
    private SelectionCompiler() {}

    /**
     * @param masked    whether masked columns' values go through their masks (for roles without UNMASK)
     * @param variables the statement's bind variables, which markers in the selection join
     */
    public static Selection compile(TableMetadata table, List<org.charybdis.cql.syntax.Selection> selectors, boolean distinct, boolean masked,
                                    BindVariables variables) {
        SelectorCompiler compiler = new SelectorCompiler(table, masked, variables);
        List<SelectorCompiler.Compiled> compiled = new ArrayList<>();
        List<ColumnSpec> specs = new ArrayList<>();
        if (selectors.isEmpty()) {
            for (ColumnMetadata c : table.visibleColumns()) {
                if (distinct) checkDistinct(c);
                add(table, compiler.compile(new org.charybdis.cql.syntax.Selector.Column(new ColumnIdentifier(c.name()))), null, compiled, specs);
            }
        } else {
            for (org.charybdis.cql.syntax.Selection s : selectors) {
                SelectorCompiler.Compiled c = compiler.compile(s.selector());
                if (distinct && c.column() != null) checkDistinct(c.column());
                add(table, c, s.alias(), compiled, specs);
            }
        }
        boolean statics = false;
        boolean aggregate = false;
        List<SelectorNode> nodes = new ArrayList<>(compiled.size());
        for (SelectorCompiler.Compiled c : compiled) {
            statics |= c.column() != null && c.column().isStatic();
            aggregate |= c.node().hasAggregate();
            nodes.add(c.node());
        }
        if (!aggregate) {
            List<RowExpression> rowValues = new ArrayList<>(nodes.size());
            for (SelectorNode n : nodes) rowValues.add(n.perRow());
            return new Selection(specs, rowValues, null, statics, compiler.markers());
        }
        AggregationPlan plan = new AggregationPlan(nodes);
        return new Selection(specs, plan.inputs(), plan, statics, compiler.markers());
    }

    private static void add(TableMetadata table, SelectorCompiler.Compiled c, ColumnIdentifier alias,
                            List<SelectorCompiler.Compiled> compiled, List<ColumnSpec> specs) {
        compiled.add(c);
        specs.add(new ColumnSpec(table.keyspace(), table.name(), alias != null ? alias.name() : c.label(), c.type()));
    }


    private static void checkDistinct(ColumnMetadata c) {
        if (c.kind() == ColumnMetadata.Kind.PARTITION_KEY || c.isStatic()) return;
        throw new InvalidRequestException("SELECT DISTINCT queries must only request partition key columns and/or static columns (not "
                + c.name() + ")");
    }
}
