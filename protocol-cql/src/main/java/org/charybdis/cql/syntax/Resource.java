package org.charybdis.cql.syntax;

import java.util.List;

/** What a permission applies to. */
public sealed interface Resource {

    /** {@code ALL KEYSPACES}. */
    record AllKeyspaces() implements Resource {}

    /** {@code KEYSPACE ks}. */
    record Keyspace(String keyspace) implements Resource {}

    /** {@code [TABLE] [ks.]t}. */
    record Table(QualifiedName table) implements Resource {}

    /** {@code ALL ROLES}. */
    record AllRoles() implements Resource {}

    /** {@code ROLE r}. */
    record Role(String role) implements Resource {}

    /** {@code ALL FUNCTIONS [IN KEYSPACE ks]}; keyspace is null for every keyspace. */
    record AllFunctions(String keyspace) implements Resource {}

    /** {@code FUNCTION [ks.]f(types)}. */
    record Function(QualifiedName function, List<RawType> argumentTypes) implements Resource {
        public Function {
            argumentTypes = List.copyOf(argumentTypes);
        }
    }

    /** {@code ALL MBEANS}. */
    record AllMBeans() implements Resource {}

    /** {@code MBEAN 'name'} or {@code MBEANS 'pattern'}. */
    record MBean(String pattern) implements Resource {}
}
