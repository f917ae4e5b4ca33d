package org.charybdis.server.cql.udf;

import org.charybdis.cql.syntax.QualifiedName;
import org.charybdis.cql.types.UserType;
import org.charybdis.cql.types.UserTypeResolver;
import org.charybdis.server.cql.terms.functions.AggregateFunction;
import org.charybdis.server.cql.terms.functions.NativeFunction;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.UserAggregate;
import org.charybdis.server.schema.UserFunction;
import org.charybdis.server.schema.UserFunctions;

import org.charybdis.server.auth.AuthResource;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.function.Supplier;

/**
 * The user-defined functions a statement being compiled can call: those of the schema it compiles against, an
 * unqualified name meaning the client's keyspace (after the system functions), as in Cassandra. The statement
 * compiler binds it for the time of one compilation, so the function resolver needs no schema passed down.
 */
public record UserFunctionLookup(Schema schema, String clientKeyspace, UdfSettings settings, Set<AuthResource> called) {
    private static final ScopedValue<UserFunctionLookup> CURRENT = ScopedValue.newInstance();

    public UserFunctionLookup(Schema schema, String clientKeyspace, UdfSettings settings) {
        this(schema, clientKeyspace, settings, new LinkedHashSet<>());
    }

    /**
     * Notes that the statement being compiled calls {@code function}, so that running it needs EXECUTE on it (and
     * on an aggregate's state and final functions).
     */
    public static void called(NativeFunction function) {
        String qualified = function.qualifiedName();
        if (!CURRENT.isBound() || qualified.startsWith("system.")) return;
        UserFunctionLookup lookup = CURRENT.get();
        String keyspace = qualified.substring(0, qualified.indexOf('.'));
        String signature = UserFunctions.signature(qualified.substring(keyspace.length() + 1), function.argTypes());
        lookup.called.add(AuthResource.function(keyspace, signature));
        UserAggregate aggregate = lookup.schema.keyspace(keyspace).functions().aggregates().get(signature);
        if (function instanceof AggregateFunction && aggregate != null) {
            lookup.called.add(AuthResource.function(keyspace, UserFunctions.signature(aggregate.stateFunction(), aggregate.stateFunctionArguments())));
            if (aggregate.finalFunction() != null) {
                lookup.called.add(AuthResource.function(keyspace, UserFunctions.signature(aggregate.finalFunction(), List.of(aggregate.stateType()))));
            }
        }
    }

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
        UserTypeResolver types = (ignored, type) -> ks.types().get(type) instanceof UserType udt ? udt : null;
        for (UserFunction f : functions.functionsNamed(name.name())) candidates.add(UserFunctionCalls.scalar(f, lookup.settings, types));
        for (UserAggregate a : functions.aggregatesNamed(name.name())) {
            UserFunction state = functions.functions().get(UserFunctions.signature(a.stateFunction(), a.stateFunctionArguments()));
            UserFunction last = a.finalFunction() == null ? null
                    : functions.functions().get(UserFunctions.signature(a.finalFunction(), List.of(a.stateType())));
            if (state != null) candidates.add(UserFunctionCalls.aggregate(a, state, last, lookup.settings, types));
        }
        return candidates;
    }
}
