package io.github.wsbridge.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An {@link SSLContext} whose client engines and sockets always verify the server's host name (the JDK's "HTTPS"
 * endpoint identification, RFC 2818 §3.1), whatever the container does with it. The bridge hands every container this
 * wrapper, around the caller's context or the JDK default, so that no container can connect to a wss server whose
 * certificate names another host. An engine made without a peer host cannot be verified and so fails its handshake.
 */
final class VerifyingSslContext extends SSLContext {

    private VerifyingSslContext(SSLContext delegate, boolean tls12Only) {
        super(new Spi(delegate, tls12Only), delegate.getProvider(), delegate.getProtocol());
    }

    /**
     * {@code context}, or the JDK default when null, made to verify host names.
     *
     * @param tls12Only whether engines offer TLS 1.2 only: for Undertow 2.3's client, whose TLS 1.3 handshake stalls
     *        after the ServerHello in most attempts (its SslConduit never reads the rest of the server's flight;
     *        with TLS 1.2 it connects every time, TlsTest)
     */
    static SSLContext wrap(SSLContext context, boolean tls12Only) {
        try {
            SSLContext delegate = context != null ? context : SSLContext.getDefault();
            return new VerifyingSslContext(delegate, tls12Only);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no default TLS context", e);
        }
    }

    private static SSLParameters verifying(SSLParameters p) {
        p.setEndpointIdentificationAlgorithm("HTTPS");
        return p;
    }

    private static SSLEngine configure(SSLEngine engine, boolean tls12Only) {
        SSLParameters p = verifying(engine.getSSLParameters());
        if (tls12Only) {
            p.setProtocols(new String[] {"TLSv1.2"});
        }
        engine.setSSLParameters(p);
        return engine;
    }

    private static final class Spi extends SSLContextSpi {
        private final SSLContext delegate;
        private final boolean tls12Only;

        Spi(SSLContext delegate, boolean tls12Only) {
            this.delegate = delegate;
            this.tls12Only = tls12Only;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
            delegate.init(km, tm, sr);
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return new VerifyingSocketFactory(delegate.getSocketFactory());
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return delegate.getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return configure(delegate.createSSLEngine(), tls12Only);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return configure(delegate.createSSLEngine(host, port), tls12Only);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return delegate.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return delegate.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return verifying(delegate.getDefaultSSLParameters());
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return delegate.getSupportedSSLParameters();
        }
    }

    /** Client sockets with host name verification on, for containers that use blocking sockets. */
    private static final class VerifyingSocketFactory extends SSLSocketFactory {
        private final SSLSocketFactory delegate;

        VerifyingSocketFactory(SSLSocketFactory delegate) {
            this.delegate = delegate;
        }

        private static Socket verifying(Socket s) {
            if (s instanceof SSLSocket) {
                SSLSocket ssl = (SSLSocket) s;
                ssl.setSSLParameters(VerifyingSslContext.verifying(ssl.getSSLParameters()));
            }
            return s;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return verifying(delegate.createSocket());
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            return verifying(delegate.createSocket(s, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return verifying(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return verifying(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return verifying(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return verifying(delegate.createSocket(address, port, localAddress, localPort));
        }
    }
}
