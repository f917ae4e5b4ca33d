package org.charybdis.server.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Certificates made at test time with BouncyCastle: a CA, server certificates for 127.0.0.1, client certificates
 * signed by the CA or by another ("rogue") CA. Writes them as PEM files and PKCS12 keystores, and builds the
 * client-side SSLContexts drivers use.
 */
public final class TestCertificates {
    public static final String PASSWORD = "changeit";
    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    /** A certificate with its key (and the chain up to, without, the root). */
    public record Issued(X509Certificate certificate, KeyPair keys) {
        public BigInteger serial() {
            return certificate.getSerialNumber();
        }
    }

    private TestCertificates() {}

    public static Issued ca(String name) {
        KeyPair keys = keyPair();
        return new Issued(sign(name, keys, name, keys, true), keys);
    }

    /** A server certificate for 127.0.0.1 / localhost. */
    public static Issued server(Issued ca, String name) {
        KeyPair keys = keyPair();
        return new Issued(sign(name, keys, subjectOf(ca), ca.keys(), false), keys);
    }

    public static Issued client(Issued ca, String name) {
        return server(ca, name);
    }

    public static void writePemCertificate(Path file, X509Certificate certificate) {
        try {
            write(file, pem("CERTIFICATE", certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key as PKCS#8 PEM (what openssl 3 writes). */
    public static void writePemKey(Path file, KeyPair keys) {
        write(file, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    }

    /** A PKCS12 keystore holding the certificate and its key under alias "server", with {@link #PASSWORD}. */
    public static void writeKeystore(Path file, Issued issued) {
        store(file, keystore(issued));
    }

    /** A PKCS12 truststore holding the CA certificate. */
    public static void writeTruststore(Path file, Issued ca) {
        store(file, truststore(ca));
    }

    /** A client SSLContext trusting ca, presenting client's certificate when not null. */
    public static SSLContext clientContext(Issued ca, Issued client) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(truststore(ca));
            KeyManagerFactory keys = null;
            if (client != null) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(keystore(client), PASSWORD.toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore keystore(Issued issued) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", issued.keys().getPrivate(), PASSWORD.toCharArray(), new X509Certificate[] {issued.certificate()});
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore truststore(Issued ca) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", ca.certificate());
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void store(Path file, KeyStore store) {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subjectOf(Issued ca) {
        return ca.certificate().getSubjectX500Principal().getName();
    }

    private static X509Certificate sign(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys, boolean isCa) {
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(2))), new X500Name(subject), subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            if (isCa) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a test certificate", e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
