package org.charybdis.server.schema;

import org.charybdis.cql.types.CqlType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A keyspace's user-defined functions and aggregates, each keyed by its signature ({@code name(int, text)}). */
public record UserFunctions(Map<String, UserFunction> functions, Map<String, UserAggregate> aggregates) {
    public static final UserFunctions NONE = new UserFunctions(Map.of(), Map.of());

    public UserFunctions {
        functions = Collections.unmodifiableMap(new TreeMap<>(functions));
        aggregates = Collections.unmodifiableMap(new TreeMap<>(aggregates));
    }

    public static String signature(String name, List<CqlType> argumentTypes) {
        return name + "(" + typeList(argumentTypes) + ")";
    }

    public static String typeList(List<CqlType> types) {
        StringBuilder s = new StringBuilder();
        for (CqlType type : types) s.append(s.isEmpty() ? "" : ", ").append(type.cqlName());
        return s.toString();
    }

    public boolean isEmpty() {
        return functions.isEmpty() && aggregates.isEmpty();
    }

    /** Whether a function or an aggregate has that signature ({@code name(int, text)}). */
    public boolean hasSignature(String signature) {
        return functions.containsKey(signature) || aggregates.containsKey(signature);
    }

    /** Every overload of the function called {@code name}. */
    public List<UserFunction> functionsNamed(String name) {
        List<UserFunction> named = new ArrayList<>();
        for (UserFunction f : functions.values()) if (f.name().equals(name)) named.add(f);
        return named;
    }

    public List<UserAggregate> aggregatesNamed(String name) {
        List<UserAggregate> named = new ArrayList<>();
        for (UserAggregate a : aggregates.values()) if (a.name().equals(name)) named.add(a);
        return named;
    }

    public UserFunctions with(UserFunction function) {
        Map<String, UserFunction> copy = new TreeMap<>(functions);
        copy.put(function.signature(), function);
        return new UserFunctions(copy, aggregates);
    }

    public UserFunctions withoutFunction(String signature) {
        Map<String, UserFunction> copy = new TreeMap<>(functions);
        copy.remove(signature);
        return new UserFunctions(copy, aggregates);
    }

    public UserFunctions with(UserAggregate aggregate) {
        Map<String, UserAggregate> copy = new TreeMap<>(aggregates);
        copy.put(aggregate.signature(), aggregate);
        return new UserFunctions(functions, copy);
    }

    public UserFunctions withoutAggregate(String signature) {
        Map<String, UserAggregate> copy = new TreeMap<>(aggregates);
        copy.remove(signature);
        return new UserFunctions(functions, copy);
    }

    /**
     * The functions, then the aggregates, that take, return or fold a value of the keyspace's user type
     * {@code typeName}, as {@code ks.name}: one entry per overload, as Cassandra lists them when DROP TYPE refuses.
     */
    public List<String> usersOfType(String typeName) {
        List<String> users = new ArrayList<>();
        for (UserFunction f : functions.values()) {
            if (references(f.argumentTypes(), f.keyspace(), typeName) || f.returnType().referencesUserType(f.keyspace(), typeName)) {
                users.add(f.keyspace() + "." + f.name());
            }
        }
        for (UserAggregate a : aggregates.values()) {
            if (references(a.stateFunctionArguments(), a.keyspace(), typeName) || a.returnType().referencesUserType(a.keyspace(), typeName)) {
                users.add(a.keyspace() + "." + a.name());
            }
        }
        return users;
    }

    private static boolean references(List<CqlType> types, String keyspace, String typeName) {
        for (CqlType type : types) if (type.referencesUserType(keyspace, typeName)) return true;
        return false;
    }

    /** The aggregates whose state or final function is {@code function}, by description; empty when none. */
    public List<String> aggregatesUsing(UserFunction function) {
        List<String> users = new ArrayList<>();
        for (UserAggregate a : aggregates.values()) {
            boolean state = a.stateFunction().equals(function.name()) && a.stateFunctionArguments().equals(function.argumentTypes());
            boolean last = function.name().equals(a.finalFunction()) && function.argumentTypes().equals(List.of(a.stateType()));
            if (state || last) users.add(a.keyspace() + "." + a.name());
        }
        return users;
    }
}
