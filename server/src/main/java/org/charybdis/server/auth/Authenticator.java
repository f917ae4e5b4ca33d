package org.charybdis.server.auth;

import org.charybdis.server.cql.ClientState.AuthenticatedUser;

import java.util.concurrent.CompletionStage;

/** Checks the credentials a client gives in AUTH_RESPONSE (SASL PLAIN). */
public interface Authenticator {
    /** Whether clients must log in (STARTUP is answered with AUTHENTICATE rather than READY). */
    boolean requireAuthentication();

    /** The class name drivers expect in AUTHENTICATE, e.g. {@code org.apache.cassandra.auth.PasswordAuthenticator}. */
    String className();

    /** The logged-in user, or a failed stage with {@code AuthenticationException} (BAD_CREDENTIALS). */
    CompletionStage<AuthenticatedUser> authenticate(String user, String password);
}
