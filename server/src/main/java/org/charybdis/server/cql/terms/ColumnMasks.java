package org.charybdis.server.cql.terms;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.syntax.QualifiedName;
import org.charybdis.cql.syntax.Term;
import org.charybdis.cql.types.CqlType;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.cql.terms.functions.Aggregates;
import org.charybdis.server.cql.terms.functions.FunctionArgument;
import org.charybdis.server.cql.terms.functions.FunctionResolver;
import org.charybdis.server.cql.terms.functions.MaskingFunctions;
import org.charybdis.server.cql.terms.functions.NativeFunction;
import org.charybdis.server.cql.terms.functions.ScalarFunction;
import org.charybdis.server.schema.ColumnMask;
import org.charybdis.server.schema.ColumnMetadata;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Dynamic data masking's functions attached to columns: checks a {@code MASKED WITH f(args)} against the column as
 * Cassandra 5.0 does (a system masking function returning the column's type, the column's value as its first
 * argument, constants for the others), and gives back the function a stored mask applies.
 */
public final class ColumnMasks {
    private static final String DISABLED = "Cannot mask columns because dynamic data masking is not enabled. "
            + "You can enable it with the dynamic_data_masking_enabled property on cassandra.yaml";

    private ColumnMasks() {}

    /** Attaching masks needs {@code dynamic_data_masking_enabled} (default off), as in Cassandra. */
    public static void ensureEnabled(ExecutionContext context) {
        if (!context.server().config().get(ServerConfig.DYNAMIC_DATA_MASKING_ENABLED)) throw new InvalidRequestException(DISABLED);
    }

    /** The mask {@code MASKED WITH} attaches to the column. */
    public static ColumnMask prepare(ColumnMetadata column, org.charybdis.cql.syntax.ColumnMask raw) {
        String name = raw.function().name().toLowerCase(Locale.ROOT);
        String written = name + "(" + joined(raw.arguments()) + ")";
        boolean system = raw.function().keyspace() == null || raw.function().keyspace().equalsIgnoreCase("system");
        QualifiedName qualified = new QualifiedName("system", name);
        if (system && Aggregates.NAMES.contains(name)) {
            throw new InvalidRequestException("Aggregate function " + written + " cannot be used for masking table columns");
        }
        if (!system || (!MaskingFunctions.isMasking(name) && FunctionResolver.candidates(qualified).isEmpty())) {
            throw new InvalidRequestException("Unable to find masking function for " + column.name()
                    + ", no declared function matches the signature " + written);
        }
        List<FunctionArgument> arguments = new ArrayList<>();
        // Cassandra names the column's value by its type's class in argument errors
        arguments.add(FunctionArgument.typed(column.type(), column.type().marshalClassName()));
        for (Term term : raw.arguments()) arguments.add(FunctionTerms.argument(term));
        NativeFunction function = FunctionResolver.resolve(qualified, arguments, null, null, FunctionResolver.Context.TERM);
        if (!MaskingFunctions.isMasking(name)) {
            throw new InvalidRequestException("Not-masking function " + written + " cannot be used for masking table columns");
        }
        if (!function.returnType().equals(column.type().freeze()) && !function.returnType().equals(column.type())) {
            throw new InvalidRequestException("Masking function " + written + " return type is " + function.returnType().cqlName()
                    + ". This is different to the type of the masked column " + column.name() + " of type " + column.type().cqlName()
                    + ". Masking functions can only be attached to table columns if they return the same data type as the masked column.");
        }
        List<CqlType> types = function.argTypes().subList(1, function.argTypes().size());
        List<ByteBuffer> values = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) {
            values.add(Terms.constant(raw.arguments().get(i), types.get(i), FunctionTerms.text(raw.arguments().get(i))));
        }
        return new ColumnMask(name, types, values);
    }

    /** The function a column's mask applies: its first argument the column's value, the others the mask's constants. */
    public static ScalarFunction function(ColumnMetadata column) {
        ColumnMask mask = column.mask();
        List<FunctionArgument> arguments = new ArrayList<>();
        arguments.add(FunctionArgument.typed(column.type(), column.name()));
        for (CqlType type : mask.argumentTypes()) arguments.add(FunctionArgument.typed(type, type.cqlName()));
        return (ScalarFunction) FunctionResolver.resolve(new QualifiedName("system", mask.function()), arguments, null, null,
                FunctionResolver.Context.TERM);
    }

    private static String joined(List<Term> terms) {
        StringBuilder s = new StringBuilder();
        for (Term t : terms) s.append(s.isEmpty() ? "" : ", ").append(FunctionTerms.text(t));
        return s.toString();
    }
}
