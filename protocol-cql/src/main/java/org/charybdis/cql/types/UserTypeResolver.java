package org.charybdis.cql.types;

/** Finds user-defined types by name while type strings are parsed (the schema implements it). */
@FunctionalInterface
public interface UserTypeResolver {
    /** Resolves nothing: every non-native name is unknown. */
    UserTypeResolver NONE = (keyspace, name) -> null;

    /**
     * The user type of that name, or null if there is none. {@code keyspace} is null when the
     * type string did not name one (the resolver then uses its own keyspace). Whether the type is
     * frozen does not matter: the parser decides that.
     */
    UserType resolve(String keyspace, String name);
}
