package org.charybdis.server.cql.terms.functions;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.syntax.QualifiedName;
import org.charybdis.cql.types.CqlType;
import org.charybdis.server.cql.udf.UserFunctionLookup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Picks the overload of a native function a call means, as Cassandra does: a lone candidate must fit
 * its arguments; among several, an exact match wins, else the single weak match; with a receiver (a
 * term), only overloads whose result the receiver accepts are considered.
 */
public final class FunctionResolver {
    private FunctionResolver() {}

    /** Where a call appears: selections and terms word some errors differently. */
    public enum Context { SELECTION, TERM }

    /**
     * @param receiverType the type the result is assigned to, or null in a selection
     * @param receiver     the receiver's name for errors (null in a selection)
     */
    public static NativeFunction resolve(QualifiedName name, List<? extends FunctionArgument> args, CqlType receiverType,
                                         String receiver, Context context) {
        NativeFunction function = overload(name, args, receiverType, receiver, context);
        UserFunctionLookup.called(function);
        return function;
    }

    private static NativeFunction overload(QualifiedName name, List<? extends FunctionArgument> args, CqlType receiverType,
                                           String receiver, Context context) {
        NativeFunction json = JsonFunctions.resolve(name, args, receiverType, context);
        if (json != null) {
            checkReturnType(json, receiverType, receiver);
            return json;
        }
        GenericFunction generic = isSystem(name) ? NativeFunctions.generic(name.name().toLowerCase(Locale.ROOT)) : null;
        if (generic != null) {
            ScalarFunction function = generic.resolve(args);
            checkReturnType(function, receiverType, receiver);
            return function;
        }
        List<NativeFunction> candidates = candidates(name);
        if (candidates.isEmpty()) {
            throw new InvalidRequestException(context == Context.TERM
                    ? "Unknown function " + name + " called" : "Unknown function '" + name + "'");
        }
        if (candidates.size() == 1) {
            NativeFunction function = candidates.get(0);
            checkArguments(function, args);
            checkReturnType(function, receiverType, receiver);
            return function;
        }
        List<NativeFunction> weak = new ArrayList<>();
        for (NativeFunction candidate : candidates) {
            if (receiverType != null && !TypeCompatibility.isValueCompatible(receiverType, candidate.returnType())) continue;
            switch (match(candidate, args)) {
                case EXACT -> { return candidate; }
                case WEAK -> weak.add(candidate);
                case NONE -> { }
            }
        }
        if (weak.isEmpty()) {
            throw new InvalidRequestException("Invalid call to function " + name + ", none of its type signatures match (known type signatures: "
                    + signatures(candidates) + ")");
        }
        if (weak.size() > 1) {
            throw new InvalidRequestException("Ambiguous call to function " + name + " (can be matched by following signatures: "
                    + signatures(weak) + "): use type casts to disambiguate");
        }
        return weak.get(0);
    }

    /** The functions of that name: the system functions, then the user-defined ones of the keyspace meant. */
    public static List<NativeFunction> candidates(QualifiedName name) {
        if (!isSystem(name)) return UserFunctionLookup.candidates(name);
        List<NativeFunction> natives = NativeFunctions.named(name.name().toLowerCase(Locale.ROOT));
        if (name.keyspace() != null) return natives;
        List<NativeFunction> all = new ArrayList<>(natives);
        all.addAll(UserFunctionLookup.candidates(name));
        return all;
    }

    private static boolean isSystem(QualifiedName name) {
        return name.keyspace() == null || name.keyspace().equals("system");
    }

    private static Assignment match(NativeFunction function, List<? extends FunctionArgument> args) {
        if (function.argTypes().size() != args.size()) return Assignment.NONE;
        Assignment result = Assignment.EXACT;
        for (int i = 0; i < args.size(); i++) {
            Assignment a = args.get(i).assignmentTo(function.argTypes().get(i));
            if (a == Assignment.NONE) return Assignment.NONE;
            if (a == Assignment.WEAK) result = Assignment.WEAK;
        }
        return result;
    }

    private static void checkArguments(NativeFunction function, List<? extends FunctionArgument> args) {
        if (function.argTypes().size() != args.size()) {
            throw new InvalidRequestException("Invalid number of arguments in call to function " + function.qualifiedName() + ": "
                    + function.argTypes().size() + " required but " + args.size() + " provided");
        }
        for (int i = 0; i < args.size(); i++) {
            CqlType expected = function.argTypes().get(i);
            if (!args.get(i).assignmentTo(expected).isAssignable()) {
                throw new InvalidRequestException("Type error: " + args.get(i).text() + " cannot be passed as argument " + i
                        + " of function " + function.qualifiedName() + " of type " + expected.cqlName());
            }
        }
    }

    private static void checkReturnType(NativeFunction function, CqlType receiverType, String receiver) {
        if (receiverType == null || TypeCompatibility.isValueCompatible(receiverType, function.returnType())) return;
        throw new InvalidRequestException("Type error: cannot assign result of function " + function.qualifiedName() + " (type "
                + function.returnType().cqlName() + ") to " + receiver + " (type " + receiverType.cqlName() + ")");
    }

    private static String signatures(List<NativeFunction> functions) {
        StringBuilder s = new StringBuilder();
        for (NativeFunction f : functions) s.append(s.isEmpty() ? "" : ", ").append(f.signature());
        return s.toString();
    }
}
