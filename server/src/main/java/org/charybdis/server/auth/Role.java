package org.charybdis.server.auth;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One row of {@code system_auth.roles}.
 *
 * @param memberOf the roles granted to this one (directly)
 */
public record Role(String name, boolean superuser, boolean canLogin, String saltedHash, Set<String> memberOf) {
    public Role {
        SortedSet<String> sorted = new TreeSet<>(memberOf);
        memberOf = java.util.Collections.unmodifiableSortedSet(sorted);
    }
}
