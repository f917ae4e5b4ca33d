package org.charybdis.server.tls;

import org.charybdis.server.config.ConfigException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads certificates, private keys and keystores from files. Every failure is a {@link ConfigException} naming the
 * option and the file, because an operator reads it at start-up or after replacing a file.
 */
public final class KeyMaterial {
    private static final Pattern PEM_BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");

    private KeyMaterial() {}

    /** The certificates of a PEM file, in order (a chain starts with the server's own). */
    public static X509Certificate[] pemCertificates(String option, Path file) {
        byte[] bytes = read(option, file);
        try {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes)).stream().map(c -> (X509Certificate) c).toList();
            if (certificates.isEmpty()) throw new ConfigException(option + ": no certificate in " + file);
            return certificates.toArray(X509Certificate[]::new);
        } catch (GeneralSecurityException e) {
            throw new ConfigException(option + ": " + file + " is not a readable PEM certificate file (" + e.getMessage() + ")");
        }
    }

    /** An unencrypted PEM private key: PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1 RSA ({@code BEGIN RSA PRIVATE KEY}). */
    public static PrivateKey pemPrivateKey(String option, Path file) {
        String text = new String(read(option, file), StandardCharsets.US_ASCII);
        Matcher block = PEM_BLOCK.matcher(text);
        while (block.find()) {
            String type = block.group(1);
            if (!type.endsWith("PRIVATE KEY")) continue;
            if (type.startsWith("ENCRYPTED")) {
                throw new ConfigException(option + ": the private key in " + file + " is encrypted; store it unencrypted "
                        + "(openssl pkcs8 -topk8 -nocrypt) and protect the file instead");
            }
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(block.group(2).trim());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(option + ": the private key in " + file + " is not valid base64");
            }
            if (type.equals("RSA PRIVATE KEY")) der = Pkcs1.toPkcs8(der);
            else if (!type.equals("PRIVATE KEY")) {
                throw new ConfigException(option + ": " + file + " holds a '" + type + "' block; convert it to PKCS#8 "
                        + "(openssl pkcs8 -topk8 -nocrypt -in " + file + ")");
            }
            for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                } catch (GeneralSecurityException wrongAlgorithm) {
                    // try the next one
                }
            }
            throw new ConfigException(option + ": the private key in " + file + " is neither RSA, EC nor EdDSA, or is damaged");
        }
        throw new ConfigException(option + ": no PEM private key (-----BEGIN PRIVATE KEY-----) in " + file);
    }

    /** Fails unless key is the private half of certificate's public key (a certificate replaced without its key). */
    public static void checkKeyMatches(String keyOption, Path keyFile, PrivateKey key, X509Certificate certificate, Path certificateFile) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // Ed25519, Ed448, RSASSA-PSS need no digest name
        };
        try {
            byte[] probe = "charybdis key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signature)) return;
        } catch (GeneralSecurityException | RuntimeException e) {
            // a key of another type than the certificate's: the same answer
        }
        throw new ConfigException(keyOption + ": the private key in " + keyFile + " does not belong to the certificate in " + certificateFile);
    }

    /** A keystore (JKS or PKCS12: recognised from the file unless type is given), opened with password. */
    public static KeyStore keystore(String option, Path file, String password, String type) {
        byte[] bytes = read(option, file);
        char[] secret = password.isEmpty() ? null : password.toCharArray();
        try {
            KeyStore store;
            if (type.isEmpty()) {
                // getInstance(File, ...) recognises the format; it reads the file itself, so a copy is checked above
                store = KeyStore.getInstance(file.toFile(), secret);
            } else {
                store = KeyStore.getInstance(type);
                try (InputStream in = new ByteArrayInputStream(bytes)) {
                    store.load(in, secret);
                }
            }
            return store;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new ConfigException(option + "_password: wrong password for " + file + " (" + option + ")");
            }
            throw new ConfigException(option + ": " + file + " is not a readable keystore (" + e.getMessage() + ")");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigException(option + ": " + file + " is not a readable keystore (" + e.getMessage() + ")");
        }
    }

    /**
     * CA certificates to trust: a PEM file (ScyllaDB's truststore, or a CA file such as cqlsh's) or a keystore
     * (Cassandra's truststore) opened with password.
     */
    public static KeyStore trustStore(String option, Path file, String password, String type) {
        if (!isPem(option, file)) return keystore(option, file, password, type);
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            X509Certificate[] certificates = pemCertificates(option, file);
            for (int i = 0; i < certificates.length; i++) store.setCertificateEntry("ca-" + i, certificates[i]);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("an empty in-memory keystore cannot fail to load", e);
        }
    }

    /** Whether the file is PEM text (a truststore may be a PEM CA file, as in ScyllaDB, or a keystore). */
    public static boolean isPem(String option, Path file) {
        return new String(read(option, file), StandardCharsets.US_ASCII).contains("-----BEGIN ");
    }

    static byte[] read(String option, Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(option + ": file not found: " + file.toAbsolutePath());
        } catch (IOException | SecurityException e) {
            throw new ConfigException(option + ": cannot read " + file.toAbsolutePath() + " (" + e + ")");
        }
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo, which the JDK's KeyFactory reads. */
    private static final class Pkcs1 {
        // AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }
        private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7,
                0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
        private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

        static byte[] toPkcs8(byte[] pkcs1) {
            byte[] octets = der(0x04, pkcs1);
            byte[] body = new byte[VERSION_0.length + RSA_ALGORITHM.length + octets.length];
            System.arraycopy(VERSION_0, 0, body, 0, VERSION_0.length);
            System.arraycopy(RSA_ALGORITHM, 0, body, VERSION_0.length, RSA_ALGORITHM.length);
            System.arraycopy(octets, 0, body, VERSION_0.length + RSA_ALGORITHM.length, octets.length);
            return der(0x30, body);
        }

        /** A DER element: tag, definite length, content. */
        private static byte[] der(int tag, byte[] content) {
            int length = content.length;
            int lengthBytes = length < 0x80 ? 0 : length < 0x100 ? 1 : length < 0x10000 ? 2 : 3;
            byte[] out = new byte[2 + lengthBytes + length];
            out[0] = (byte) tag;
            if (lengthBytes == 0) {
                out[1] = (byte) length;
            } else {
                out[1] = (byte) (0x80 | lengthBytes);
                for (int i = 0; i < lengthBytes; i++) out[2 + i] = (byte) (length >>> (8 * (lengthBytes - 1 - i)));
            }
            System.arraycopy(content, 0, out, 2 + lengthBytes, length);
            return out;
        }
    }
}
