package org.charybdis.server.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;

import java.nio.charset.StandardCharsets;

/**
 * Salted password hashes in the form Cassandra stores in {@code system_auth.roles.salted_hash}: bcrypt
 * {@code $2a$}, cost 10 by default. Hashing and checking take tens of milliseconds at cost 10, so callers
 * run them off the shard threads.
 */
public final class PasswordHasher {
    public static final int DEFAULT_COST = 10;

    private final int cost;
    // jBCrypt, which Cassandra uses, silently ignores bytes past 72; do the same rather than refuse
    private final BCrypt.Hasher hasher = BCrypt.with(BCrypt.Version.VERSION_2A,
            LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A));
    private final BCrypt.Verifyer verifyer = BCrypt.verifyer(BCrypt.Version.VERSION_2A,
            LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A));

    public PasswordHasher() {
        this(DEFAULT_COST);
    }

    /** A lower cost only makes sense in tests. */
    public PasswordHasher(int cost) {
        this.cost = cost;
    }

    public String hash(String password) {
        return hasher.hashToString(cost, password.toCharArray());
    }

    /** Whether the password matches; false for a missing or malformed hash. */
    public boolean verify(String password, String saltedHash) {
        if (saltedHash == null || !isValidHash(saltedHash)) return false;
        return verifyer.verify(password.getBytes(StandardCharsets.UTF_8), saltedHash.getBytes(StandardCharsets.UTF_8)).verified;
    }

    /** Whether a value given as {@code HASHED PASSWORD} is a bcrypt hash we can check against. */
    public static boolean isValidHash(String saltedHash) {
        return saltedHash.length() == 60 && saltedHash.matches("\\$2[abxy]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");
    }
}
