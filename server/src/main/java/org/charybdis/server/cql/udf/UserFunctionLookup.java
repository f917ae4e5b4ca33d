package org.charybdis.server.cql.udf;

import org.charybdis.cql.syntax.QualifiedName;
import org.charybdis.server.cql.terms.functions.NativeFunction;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.UserAggregate;
import org.charybdis.server.schema.UserFunction;
import org.charybdis.server.schema.UserFunctions;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The user-defined functions a statement being compiled can call: those of the schema it compiles against, an
 * unqualified name meaning the client's keyspace (after the system functions), as in Cassandra. The statement
 * compiler binds it for the time of one compilation, so the function resolver needs no schema passed down.
 */
public record UserFunctionLookup(Schema schema, String clientKeyspace, UdfSettings settings) {
    private static final ScopedValue<UserFunctionLookup> CURRENT = ScopedValue.newInstance();

    /** Runs {@code compilation} with this lookup in force. */
    public <T> T during(Supplier<T> compilation) {
        return ScopedValue.where(CURRENT, this).call(compilation::get);
    }

    /** The settings of the compilation in progress (disabled outside one). */
    public static UdfSettings currentSettings() {
        return CURRENT.isBound() ? CURRENT.get().settings : UdfSettings.DISABLED;
    }

    /** The user functions and aggregates {@code name} may mean in the compilation in progress. */
    public static List<NativeFunction> candidates(QualifiedName name) {
        if (!CURRENT.isBound()) return List.of();
        UserFunctionLookup lookup = CURRENT.get();
        String keyspace = name.keyspace() != null ? name.keyspace() : lookup.clientKeyspace;
        KeyspaceMetadata ks = keyspace == null ? null : lookup.schema.keyspace(keyspace);
        if (ks == null) return List.of();
        UserFunctions functions = ks.functions();
        List<NativeFunction> candidates = new ArrayList<>();
        for (UserFunction f : functions.functionsNamed(name.name())) candidates.add(UserFunctionCalls.scalar(f, lookup.settings));
        for (UserAggregate a : functions.aggregatesNamed(name.name())) {
            UserFunction state = functions.functions().get(UserFunctions.signature(a.stateFunction(), a.stateFunctionArguments()));
            UserFunction last = a.finalFunction() == null ? null
                    : functions.functions().get(UserFunctions.signature(a.finalFunction(), List.of(a.stateType())));
            if (state != null) candidates.add(UserFunctionCalls.aggregate(a, state, last, lookup.settings));
        }
        return candidates;
    }
}
