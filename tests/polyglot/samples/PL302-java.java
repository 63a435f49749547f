// Samples for PL302.java.tls-verification-disabled (semgrep --test annotations).
import javax.net.ssl.*;

class TrustAll implements X509TrustManager {
    // ruleid: PL302.java.tls-verification-disabled
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
}

class Verifier implements HostnameVerifier {
    // ruleid: PL302.java.tls-verification-disabled
    public boolean verify(String host, SSLSession session) { return true; }
}

class Clients {
    void build() {
        // ruleid: PL302.java.tls-verification-disabled
        HttpClients.custom().setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE).build();
        // ruleid: PL302.java.tls-verification-disabled
        HttpClients.custom().setSSLHostnameVerifier(new NoopHostnameVerifier()).build();
        // ruleid: PL302.java.tls-verification-disabled
        SSLContexts.custom().loadTrustMaterial(null, TrustAllStrategy.INSTANCE).build();

        // ok: PL302.java.tls-verification-disabled
        HttpClients.custom().setSSLHostnameVerifier(new DefaultHostnameVerifier()).build();
        // ok: PL302.java.tls-verification-disabled
        SSLContexts.custom().loadTrustMaterial(trustStore, null).build();
        // ok: PL302.java.tls-verification-disabled
        HttpClients.createDefault();
        // ok: PL302.java.tls-verification-disabled
        boolean verify = true;
        // ok: PL302.java.tls-verification-disabled
        HttpsURLConnection.setDefaultHostnameVerifier(HttpsURLConnection.getDefaultHostnameVerifier());
    }
}

class StrictTrust implements X509TrustManager {
    // ok: PL302.java.tls-verification-disabled
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException { delegate.checkServerTrusted(chain, authType); }
}
