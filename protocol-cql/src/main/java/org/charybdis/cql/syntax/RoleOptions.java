package org.charybdis.cql.syntax;

import java.util.List;

/**
 * The WITH options of CREATE/ALTER ROLE; each is null when not given. {@code customOptions} is the
 * {@code OPTIONS = {...}} map literal.
 */
public record RoleOptions(
        String password,
        boolean passwordHashed,
        Boolean login,
        Boolean superuser,
        Term customOptions,
        AccessRestriction datacenters,
        AccessRestriction cidrs) {

    public static final RoleOptions NONE = new RoleOptions(null, false, null, null, null, null, null);

    /** {@code ACCESS TO ALL DATACENTERS} ({@code all}) or {@code ACCESS TO DATACENTERS {'dc1', ...}}; same for CIDRS. */
    public record AccessRestriction(boolean all, List<String> names) {
        public AccessRestriction {
            names = List.copyOf(names);
        }
    }
}
