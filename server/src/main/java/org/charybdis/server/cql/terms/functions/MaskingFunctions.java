package org.charybdis.server.cql.terms.functions;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.NativeType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Cassandra 5.0's masking functions, used in selections and attached to columns by dynamic data masking:
 * {@code mask_null}, {@code mask_default} (a fixed value of the type, see {@link MaskDefaults}),
 * {@code mask_replace}, {@code mask_inner} and {@code mask_outer} (hide the middle or the ends of a text with
 * a padding character) and {@code mask_hash} (a digest of the serialized value, SHA-256 unless named).
 */
public final class MaskingFunctions {
    private static final String TEXTS = "[text|varchar|ascii]";
    private static final String DEFAULT_PADDING = "*";
    private static final String DEFAULT_DIGEST = "SHA-256";

    private MaskingFunctions() {}

    /** Whether a system function of that (lower case) name masks values, and so may be attached to a column. */
    public static boolean isMasking(String name) {
        return name.startsWith("mask_") && NativeFunctions.generic(name) != null;
    }

    static List<GenericFunction> all() {
        return List.of(
                GenericFunction.of("mask_null", "any", (f, args) -> {
                    CqlType type = f.typeOf(args.getFirst());
                    return onAnyInput(f, List.of(type), type, values -> null);
                }),
                GenericFunction.of("mask_default", "any", (f, args) -> {
                    CqlType type = f.typeOf(args.getFirst());
                    ByteBuffer masked = MaskDefaults.of(type);
                    return onAnyInput(f, List.of(type), type, values -> masked.duplicate());
                }),
                GenericFunction.of("mask_replace", "any, any", (f, args) -> {
                    CqlType type = f.typeOf(args.getFirst());
                    if (!args.get(1).assignmentTo(type).isAssignable()) {
                        throw new InvalidRequestException("Type error: " + args.get(1).text() + " cannot be passed as argument 1 of function system."
                                + f.name() + " of type " + type.cqlName());
                    }
                    return onAnyInput(f, List.of(type, type), type, values -> values[1]);
                }),
                partial("mask_inner", true),
                partial("mask_outer", false),
                new GenericFunction("mask_hash", "any, [text]", 1, 2, (f, args) -> {
                    List<CqlType> types = new ArrayList<>(List.of(f.typeOf(args.getFirst())));
                    if (args.size() == 2) {
                        f.checkArgument(args.get(1), NativeType.TEXT);
                        types.add(NativeType.TEXT);
                    }
                    return onAnyInput(f, types, NativeType.BLOB, values -> values[0] == null ? null
                            : hash(values[0], values.length > 1 ? values[1] : null));
                }));
    }

    /** mask_inner (masks all but the first {@code begin} and last {@code end} characters) or mask_outer (masks those). */
    private static GenericFunction partial(String name, boolean inner) {
        return new GenericFunction(name, TEXTS + ", int, int, [text]", 3, 4, (f, args) -> {
            CqlType type = f.typeOf(args.getFirst());
            if (type != NativeType.TEXT && type != NativeType.ASCII) throw f.requires("an argument of type " + TEXTS, args.getFirst(), type);
            List<CqlType> types = new ArrayList<>(List.of(type, NativeType.INT, NativeType.INT));
            f.checkArgument(args.get(1), NativeType.INT);
            f.checkArgument(args.get(2), NativeType.INT);
            if (args.size() == 4) {
                f.checkArgument(args.get(3), NativeType.TEXT);
                types.add(NativeType.TEXT);
            }
            return onAnyInput(f, types, type, values -> {
                if (values[0] == null) return null;
                String text = (String) type.deserialize(values[0]);
                int[] codePoints = text.codePoints().toArray();
                int begin = Math.min(codePoints.length, nonNegative(values[1]));
                int end = Math.min(codePoints.length - begin, nonNegative(values[2]));
                int padding = padding(f, values.length > 3 ? values[3] : null);
                for (int i = 0; i < codePoints.length; i++) {
                    boolean outside = i < begin || i >= codePoints.length - end;
                    if (outside != inner) codePoints[i] = padding;
                }
                return ByteBuffer.wrap(new String(codePoints, 0, codePoints.length).getBytes(StandardCharsets.UTF_8));
            });
        });
    }

    private static int nonNegative(ByteBuffer value) {
        return value == null ? 0 : Math.max(0, value.getInt(value.position()));
    }

    private static int padding(GenericFunction f, ByteBuffer value) {
        String padding = value == null ? DEFAULT_PADDING : NativeType.TEXT.deserialize(value).toString();
        if (padding.codePointCount(0, padding.length()) != 1) {
            throw new InvalidRequestException("The padding argument for function system." + f.name() + " should be single-character, but '"
                    + padding + "' has " + padding.codePointCount(0, padding.length()) + " characters.");
        }
        return padding.codePointAt(0);
    }

    private static ByteBuffer hash(ByteBuffer value, ByteBuffer algorithm) {
        MessageDigest digest = digest(algorithm);
        digest.update(value.duplicate());
        return ByteBuffer.wrap(digest.digest());
    }

    private static MessageDigest digest(ByteBuffer algorithm) {
        String name = algorithm == null ? DEFAULT_DIGEST : NativeType.TEXT.deserialize(algorithm).toString();
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new InvalidRequestException("Hash algorithm not found: " + name);
        }
    }

    /** Masking functions decide themselves what a null argument means. */
    private static ScalarFunction onAnyInput(GenericFunction f, List<CqlType> argTypes, CqlType returnType, ScalarFunction.Body body) {
        return new ScalarFunction(f.name(), argTypes, returnType, true, true, body);
    }
}
