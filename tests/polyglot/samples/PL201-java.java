// Samples for PL201.java.hardcoded-credential (semgrep --test annotations).
class Settings {
    // ruleid: PL201.java.hardcoded-credential
    private static final String API_KEY = "k3y-for-the-samples-only";
    // ruleid: PL201.java.hardcoded-credential
    private String dbPassword = "sample-db-pass-42";

    void connect(Config config) {
        // ruleid: PL201.java.hardcoded-credential
        String password = "sample-pass-1234";
        // ruleid: PL201.java.hardcoded-credential
        clientSecret = "sample-client-secret";
        // ruleid: PL201.java.hardcoded-credential
        final String authToken = "sample-auth-token-9";

        // ok: PL201.java.hardcoded-credential
        String password2 = System.getenv("PASSWORD");
        // ok: PL201.java.hardcoded-credential
        String passwordLabel = "Password";
        // ok: PL201.java.hardcoded-credential
        String secret = "";
        // ok: PL201.java.hardcoded-credential
        String username = "alice-sample";
        // ok: PL201.java.hardcoded-credential
        String tokenUrl = "https://auth.acme.io/token";
    }
}
