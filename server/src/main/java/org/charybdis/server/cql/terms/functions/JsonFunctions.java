package org.charybdis.server.cql.terms.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.charybdis.cql.exceptions.FunctionFailureException;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.syntax.QualifiedName;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.server.cql.json.JsonDecoder;
import org.charybdis.server.cql.json.JsonDecodingException;
import org.charybdis.server.cql.json.JsonFormatter;
import org.charybdis.server.cql.json.JsonParsing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * {@code toJson(x)} (any type to its JSON text) and {@code fromJson('..')} (JSON text to a value of
 * the receiver's type), also named {@code to_json} and {@code from_json}. Their types depend on the
 * call site, so they are built for it rather than registered: toJson only in selections (and as a text
 * value), fromJson only where a receiver gives it a type.
 */
public final class JsonFunctions {
    static final String TO_JSON = "tojson";
    static final String FROM_JSON = "fromjson";

    private JsonFunctions() {}

    /** Whether a call of that name means {@code toJson}. */
    public static boolean isToJson(QualifiedName name) {
        return isSystem(name) && (name.name().equalsIgnoreCase(TO_JSON) || name.name().equalsIgnoreCase("to_json"));
    }

    /** Whether a call of that name means {@code fromJson}. */
    public static boolean isFromJson(QualifiedName name) {
        return isSystem(name) && (name.name().equalsIgnoreCase(FROM_JSON) || name.name().equalsIgnoreCase("from_json"));
    }

    /** toJson over a value of that type; a null argument gives the text {@code null}. */
    public static ScalarFunction toJson(CqlType argType) {
        return new ScalarFunction(TO_JSON, List.of(argType), NativeType.TEXT, true, true,
                args -> ByteBuffer.wrap(JsonFormatter.toJson(argType, args[0]).getBytes(StandardCharsets.UTF_8)));
    }

    /** fromJson producing a value of the receiver's type; the JSON {@code null} gives null. */
    public static ScalarFunction fromJson(CqlType receiverType) {
        return ScalarFunction.of(FROM_JSON, receiverType, List.of(NativeType.TEXT), args -> decode(receiverType, args[0]));
    }

    /** Cassandra's complaint about the number of arguments of toJson. */
    public static InvalidRequestException toJsonArgumentCount() {
        return new InvalidRequestException("Invalid number of arguments for function system.tojson(any)");
    }

    /** Cassandra's complaint about a toJson argument of no known type (a bind marker, null). */
    public static InvalidRequestException toJsonUntypedArgument(String argument) {
        return new InvalidRequestException("Cannot infer type of argument " + argument
                + " in call to function system.tojson(any): use type casts to disambiguate");
    }

    /**
     * The JSON function a call means where overloads are resolved, or null for any other name.
     *
     * @param receiverType the type receiving the result (null in selections)
     */
    static NativeFunction resolve(QualifiedName name, List<? extends FunctionArgument> args, CqlType receiverType,
                                  FunctionResolver.Context context) {
        if (isFromJson(name)) {
            if (context == FunctionResolver.Context.SELECTION) {
                throw new InvalidRequestException("fromjson() cannot be used in the selection clause of a SELECT statement");
            }
            if (args.size() != 1) throw new InvalidRequestException("Invalid number of arguments for function system.fromjson(text)");
            if (!args.getFirst().assignmentTo(NativeType.TEXT).isAssignable()) {
                throw new InvalidRequestException("Function system.fromjson requires an argument of type text, but found argument "
                        + args.getFirst().text() + " of type " + ownType(args.getFirst()));
            }
            if (receiverType == null) throw new InvalidRequestException("Cannot infer the type of the result of system.fromjson here");
            return fromJson(receiverType);
        }
        if (isToJson(name)) {
            if (args.size() != 1) throw toJsonArgumentCount();
            NativeType type = ownType(args.getFirst());
            if (type == null) throw toJsonUntypedArgument(args.getFirst().text());
            return toJson(type);
        }
        return null;
    }

    /** The native type an argument is exactly (a literal's preferred type, a typed value's type), or null. */
    private static NativeType ownType(FunctionArgument argument) {
        for (NativeType type : NativeType.values()) {
            if (argument.assignmentTo(type) == Assignment.EXACT) return type;
        }
        return null;
    }

    private static ByteBuffer decode(CqlType type, ByteBuffer text) {
        String json = NativeType.TEXT.deserialize(text).toString();
        Object parsed;
        try {
            parsed = JsonParsing.value(json);
        } catch (JsonProcessingException e) {
            throw failure("execution of 'system.fromjson[text]' failed: Could not decode JSON string '" + json + "': " + e);
        }
        try {
            return JsonDecoder.decode(type, parsed);
        } catch (JsonDecodingException e) {
            throw failure("org.apache.cassandra.serializers.MarshalException: " + e.getMessage());
        }
    }

    private static FunctionFailureException failure(String message) {
        return new FunctionFailureException(message, "system", FROM_JSON, List.of("text"));
    }

    private static boolean isSystem(QualifiedName name) {
        return name.keyspace() == null || name.keyspace().toLowerCase(Locale.ROOT).equals("system");
    }
}
