package org.charybdis.server.cql.terms.functions;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.types.MarshalException;
import org.charybdis.cql.types.NativeType;

import java.util.ArrayList;
import java.util.List;

/** {@code <type>AsBlob} and {@code blobAs<type>} (and their snake_case names) for every native type. */
final class BlobFunctions {
    private BlobFunctions() {}

    static List<NativeFunction> all() {
        List<NativeFunction> all = new ArrayList<>();
        for (NativeType type : NativeType.values()) add(all, type.cqlName(), type);
        add(all, "varchar", NativeType.TEXT);
        return all;
    }

    private static void add(List<NativeFunction> all, String typeName, NativeType type) {
        if (type == NativeType.BLOB) return;
        for (String name : List.of(typeName + "asblob", typeName + "_as_blob")) {
            all.add(ScalarFunction.of(name, NativeType.BLOB, List.of(type), args -> args[0].duplicate()));
        }
        for (String name : List.of("blobas" + typeName, "blob_as_" + typeName)) {
            all.add(ScalarFunction.of(name, type, List.of(NativeType.BLOB), args -> {
                try {
                    type.validate(args[0]);
                } catch (MarshalException e) {
                    throw new InvalidRequestException("In call to function system." + name + ", value "
                            + NativeType.BLOB.toCqlLiteral(args[0]) + " is not a valid binary representation for type " + typeName);
                }
                return args[0].duplicate();
            }));
        }
    }
}
