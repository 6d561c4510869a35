package io.github.sparkwheel.livy;

import io.github.sparkwheel.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS trust for a gateway whose certificate the JVM's own trust store does not know (a company CA, as with most Knox
 * installations): the JVM's CAs and those of {@code <livyTrustStore>}, a PEM file of certificates or a PKCS12/JKS
 * trust store.
 */
final class LivyTrust {

    private LivyTrust() {}

    static SSLContext sslContext(Path trustStore) throws UserError {
        try {
            X509TrustManager jvm = trustManager(null);
            X509TrustManager own = trustManager(load(trustStore));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new Either(jvm, own)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new UserError("The trust store " + trustStore + " cannot be used (" + e.getMessage() + "): perhaps you "
                    + "should fix <livyTrustStore> (-Dpyspark.livyTrustStore)", e);
        }
    }

    /** The certificates of a PEM file, or a PKCS12/JKS store opened without a password (its certificates need none). */
    static KeyStore load(Path file) throws UserError, GeneralSecurityException {
        if (!Files.isRegularFile(file)) {
            throw new UserError("No trust store at " + file + ": perhaps you should fix <livyTrustStore> "
                    + "(-Dpyspark.livyTrustStore)");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (new String(bytes, 0, Math.min(bytes.length, 4096), java.nio.charset.StandardCharsets.US_ASCII)
                    .contains("-----BEGIN CERTIFICATE-----")) {
                store.load(null, null);
                Collection<? extends Certificate> certificates;
                try (InputStream in = Files.newInputStream(file)) {
                    certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
                }
                int n = 0;
                for (Certificate certificate : certificates) {
                    store.setCertificateEntry("livy-" + n++, certificate);
                }
                return store;
            }
            for (String type : new String[] {"PKCS12", "JKS"}) {
                try (InputStream in = Files.newInputStream(file)) {
                    KeyStore typed = KeyStore.getInstance(type);
                    typed.load(in, null);
                    return typed;
                } catch (IOException | GeneralSecurityException tryNext) {
                    // the other type, then the message below
                }
            }
        } catch (IOException e) {
            throw new UserError("The trust store " + file + " cannot be read (" + e.getMessage() + "): perhaps you should "
                    + "fix <livyTrustStore> (-Dpyspark.livyTrustStore)", e);
        }
        throw new UserError("The trust store " + file + " is neither PEM certificates nor a PKCS12 or JKS store: perhaps "
                + "you should fix <livyTrustStore> (-Dpyspark.livyTrustStore)");
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager) {
                return (X509TrustManager) manager;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** Trusts what either trusts. */
    private static final class Either implements X509TrustManager {
        private final X509TrustManager first;
        private final X509TrustManager second;

        Either(X509TrustManager first, X509TrustManager second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            first.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                first.checkServerTrusted(chain, authType);
            } catch (CertificateException notByTheJvm) {
                second.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> all = new ArrayList<>(List.of(first.getAcceptedIssuers()));
            all.addAll(List.of(second.getAcceptedIssuers()));
            return all.toArray(new X509Certificate[0]);
        }
    }
}
