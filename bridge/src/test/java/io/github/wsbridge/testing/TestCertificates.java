package io.github.wsbridge.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed server certificates made at test time by the JDK's {@code keytool} (nothing is committed): one for
 * {@code 127.0.0.1} (and {@code localhost}), and one that names only {@code wrong.example}, for the host-name check.
 * {@link #trusting()} is a client {@link SSLContext} that trusts both certificates, and nothing else.
 */
public final class TestCertificates {

    public static final String PASSWORD = "wsbridge";

    private final KeyStore loopback;
    private final KeyStore wrongHost;

    private TestCertificates(KeyStore loopback, KeyStore wrongHost) {
        this.loopback = loopback;
        this.wrongHost = wrongHost;
    }

    public static TestCertificates generate() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("wsbridge-tls");
        dir.toFile().deleteOnExit();
        return new TestCertificates(
                keytool(dir.resolve("loopback.p12"), "CN=127.0.0.1", "SAN=ip:127.0.0.1,dns:localhost"),
                keytool(dir.resolve("wrong-host.p12"), "CN=wrong.example", "SAN=dns:wrong.example"));
    }

    private static KeyStore keytool(Path file, String dname, String san) throws IOException, InterruptedException {
        String keytool = System.getProperty("java.home") + File.separator + "bin" + File.separator + "keytool";
        Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-validity", "2", "-dname", dname, "-ext", san, "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        file.toFile().deleteOnExit();
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD.toCharArray());
            return ks;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** The key store of the certificate for 127.0.0.1 and localhost. */
    public KeyStore loopback() {
        return loopback;
    }

    /** The key store of the certificate that names only wrong.example. */
    public KeyStore wrongHost() {
        return wrongHost;
    }

    /** A client TLS context that trusts exactly the two test certificates. */
    public SSLContext trusting() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("loopback", certificate(loopback));
            trust.setCertificateEntry("wrong-host", certificate(wrongHost));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Certificate certificate(KeyStore ks) throws java.security.KeyStoreException {
        return ks.getCertificate("server");
    }
}
