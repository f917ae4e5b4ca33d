package org.charybdis.server.cql.statements.auth;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.exceptions.UnauthorizedException;
import org.charybdis.cql.messages.Result;
import org.charybdis.cql.messages.VoidResult;
import org.charybdis.cql.syntax.Permission;
import org.charybdis.cql.syntax.RoleOptions;
import org.charybdis.server.auth.AuthResource;
import org.charybdis.server.auth.PasswordAuthenticator;
import org.charybdis.server.auth.PasswordHasher;
import org.charybdis.server.auth.Role;
import org.charybdis.server.cql.ExecutionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** CREATE / ALTER / DROP ROLE (and the legacy USER forms), GRANT and REVOKE of roles. */
final class RoleStatements {
    private static final String DATACENTER = org.charybdis.server.system.Topology.DATACENTER;

    private RoleStatements() {}

    /**
     * The options of CREATE/ALTER, checked as CassandraRoleManager checks them.
     *
     * @param password the clear password, or a bcrypt hash when {@code hashed}
     */
    record Options(String password, boolean hashed, Boolean login, Boolean superuser) {
        static Options of(RoleOptions o) {
            if (o.customOptions() != null) {
                throw new InvalidRequestException("org.apache.cassandra.auth.CassandraRoleManager doesn't support OPTIONS");
            }
            if (o.datacenters() != null && !o.datacenters().all()) {
                List<String> unknown = new ArrayList<>();
                for (String dc : o.datacenters().names()) if (!dc.equals(DATACENTER)) unknown.add(dc);
                if (!unknown.isEmpty()) {
                    throw new InvalidRequestException("Invalid value(s) for DATACENTERS '" + unknown + "',All values must be valid datacenters");
                }
            }
            if (o.cidrs() != null && !o.cidrs().all() && !o.cidrs().names().isEmpty()) {
                throw new InvalidRequestException("Invalid CIDR group(s): " + o.cidrs().names() + ". Available CIDR Groups are: []");
            }
            return of(o.password(), o.passwordHashed(), o.login(), o.superuser());
        }

        static Options of(String password, boolean hashed, Boolean login, Boolean superuser) {
            if (password != null && hashed && !PasswordHasher.isValidHash(password)) {
                throw new InvalidRequestException("Invalid hashed password value. Please use jBcrypt.");
            }
            return new Options(password, hashed, login, superuser);
        }

        /** The hash to store: given, computed off-shard, or null without a password. */
        CompletableFuture<String> saltedHash(PasswordAuthenticator auth) {
            if (password == null) return AuthStatementBase.done(null);
            return hashed ? AuthStatementBase.done(password) : auth.hash(password);
        }
    }

    static void requireName(String role) {
        if (role.isEmpty()) throw new InvalidRequestException("Role name can't be an empty string");
    }

    /** CREATE ROLE / CREATE USER. */
    static final class Create extends AuthStatementBase {
        private final String role;
        private final boolean ifNotExists;
        private final Options options;

        Create(String role, boolean ifNotExists, Options options) {
            requireName(role);
            this.role = role;
            this.ifNotExists = ifNotExists;
            this.options = options;
        }

        @Override
        CompletableFuture<? extends Result> run(ExecutionContext context, PasswordAuthenticator auth, Performer performer) {
            performer.requireOnRoles(Permission.CREATE, AuthResource.allRoles());
            if (Boolean.TRUE.equals(options.superuser()) && !performer.superuser()) {
                throw new UnauthorizedException("Only superusers can create a role with superuser status");
            }
            long timestamp = context.timestampMicros();
            return auth.roles().exists(role).thenCompose(exists -> {
                if (exists) {
                    if (ifNotExists) return done(VoidResult.INSTANCE);
                    throw new InvalidRequestException(role + " already exists");
                }
                return options.saltedHash(auth)
                        .thenCompose(hash -> auth.roles().create(new Role(role, Boolean.TRUE.equals(options.superuser()),
                                Boolean.TRUE.equals(options.login()), hash, Set.of()), timestamp))
                        // like Cassandra, the creator may manage what it created
                        .thenCompose(ignored -> auth.permissions().grant(performer.name(), AuthResource.role(role),
                                AuthResource.role(role).applicable(), timestamp))
                        .thenApply(ignored -> VoidResult.INSTANCE);
            });
        }
    }

    /** ALTER ROLE / ALTER USER. */
    static final class Alter extends AuthStatementBase {
        private final String role;
        private final boolean ifExists;
        private final Options options;
        private final boolean onlyPassword;

        Alter(String role, boolean ifExists, Options options, boolean empty) {
            if (empty) throw new InvalidRequestException("ALTER [ROLE|USER] can't be empty");
            this.role = role;
            this.ifExists = ifExists;
            this.options = options;
            this.onlyPassword = options.login() == null && options.superuser() == null;
        }

        @Override
        CompletableFuture<? extends Result> run(ExecutionContext context, PasswordAuthenticator auth, Performer performer) {
            if (options.superuser() != null) {
                if (performer.roles().contains(role)) {
                    throw new UnauthorizedException("You aren't allowed to alter your own superuser status or that of a role granted to you");
                }
                if (!performer.superuser()) throw new UnauthorizedException("Only superusers are allowed to alter superuser status");
            }
            if (!performer.superuser()) {
                if (performer.name().equals(role)) {
                    // a role may change its own password, nothing else
                    if (!onlyPassword) throw new UnauthorizedException("You aren't allowed to alter LOGIN");
                } else {
                    performer.requireOnRoles(Permission.ALTER, AuthResource.role(role));
                }
            }
            long timestamp = context.timestampMicros();
            return auth.roles().exists(role).thenCompose(exists -> {
                if (!exists) {
                    if (ifExists) return done(VoidResult.INSTANCE);
                    throw new InvalidRequestException("Role " + role + " doesn't exist");
                }
                return options.saltedHash(auth)
                        .thenCompose(hash -> auth.roles().alter(role, options.superuser(), options.login(), hash, timestamp))
                        .thenApply(ignored -> VoidResult.INSTANCE);
            });
        }
    }

    /** DROP ROLE / DROP USER: the role, its memberships and every grant held by it or made on it. */
    static final class Drop extends AuthStatementBase {
        private final String role;
        private final boolean ifExists;

        Drop(String role, boolean ifExists) {
            this.role = role;
            this.ifExists = ifExists;
        }

        @Override
        CompletableFuture<? extends Result> run(ExecutionContext context, PasswordAuthenticator auth, Performer performer) {
            performer.requireOnRoles(Permission.DROP, AuthResource.role(role));
            long timestamp = context.timestampMicros();
            return auth.roles().get(role).thenCompose(existing -> {
                if (existing != null && existing.superuser() && !performer.superuser()) {
                    throw new UnauthorizedException("Only superusers can drop a role with superuser status");
                }
                if (existing == null) {
                    if (ifExists) return done(VoidResult.INSTANCE);
                    throw new InvalidRequestException(role + " doesn't exist");
                }
                if (performer.name().equals(role)) throw new InvalidRequestException("Cannot DROP primary role for current login");
                return CompletableFuture.allOf(auth.roles().drop(role, timestamp),
                                auth.permissions().revokeAllFrom(role, timestamp),
                                auth.permissions().revokeAllOn(AuthResource.role(role), timestamp))
                        .thenApply(ignored -> VoidResult.INSTANCE);
            });
        }
    }

    /** GRANT role TO grantee / REVOKE role FROM revokee. */
    static final class Membership extends AuthStatementBase {
        private final String role;
        private final String member;
        private final boolean grant;

        Membership(String role, String member, boolean grant) {
            this.role = role;
            this.member = member;
            this.grant = grant;
        }

        @Override
        CompletableFuture<? extends Result> run(ExecutionContext context, PasswordAuthenticator auth, Performer performer) {
            performer.requireOnRoles(Permission.AUTHORIZE, AuthResource.role(role));
            long timestamp = context.timestampMicros();
            var roleRead = auth.roles().get(role);
            var memberRead = auth.roles().get(member);
            return roleRead.thenCombine(memberRead, (granted, grantee) -> {
                if (granted == null) throw new InvalidRequestException(role + " doesn't exist");
                if (grantee == null) throw new InvalidRequestException(member + " doesn't exist");
                return grantee;
            }).thenCompose(grantee -> grant ? grant(auth, timestamp) : revoke(auth, grantee, timestamp));
        }

        private CompletableFuture<Result> grant(PasswordAuthenticator auth, long timestamp) {
            var memberRoles = auth.roles().rolesOf(member, true);
            var grantedRoles = auth.roles().rolesOf(role, true);
            return memberRoles.thenCombine(grantedRoles, (ofMember, ofRole) -> {
                // no cycles: neither may already hold the other
                if (ofMember.stream().anyMatch(r -> r.name().equals(role))) {
                    throw new InvalidRequestException(member + " is a member of " + role);
                }
                if (ofRole.stream().anyMatch(r -> r.name().equals(member))) {
                    throw new InvalidRequestException(role + " is a member of " + member);
                }
                return null;
            }).thenCompose(ignored -> auth.roles().grant(role, member, timestamp)).thenApply(ignored -> VoidResult.INSTANCE);
        }

        private CompletableFuture<Result> revoke(PasswordAuthenticator auth, Role revokee, long timestamp) {
            if (!revokee.memberOf().contains(role)) throw new InvalidRequestException(member + " is not a member of " + role);
            return auth.roles().revoke(role, member, timestamp).thenApply(ignored -> VoidResult.INSTANCE);
        }
    }
}
