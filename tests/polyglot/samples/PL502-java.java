// Samples for PL502.java.pii-to-error-tracker (semgrep --test annotations).
import io.sentry.Sentry;
import io.sentry.protocol.User;

class Report {
    void report(Account account) {
        User user = new User();
        // ruleid: PL502.java.pii-to-error-tracker
        user.setEmail(account.email);
        // ruleid: PL502.java.pii-to-error-tracker
        Sentry.setExtra("phone", account.phoneNumber);
        // ruleid: PL502.java.pii-to-error-tracker
        Sentry.captureMessage("login failed for " + account.email);
        // ruleid: PL502.java.pii-to-error-tracker
        Sentry.setTag("ip", account.ipAddress);
        // ruleid: PL502.java.pii-to-error-tracker
        user.setUsername(account.fullName);

        // ok: PL502.java.pii-to-error-tracker
        user.setId(account.id);
        // ok: PL502.java.pii-to-error-tracker
        Sentry.setTag("plan", account.plan);
        // ok: PL502.java.pii-to-error-tracker
        Sentry.captureMessage("login failed for " + account.userId);
        // ok: PL502.java.pii-to-error-tracker
        Sentry.setExtra("verified", account.emailVerified);
        // ok: PL502.java.pii-to-error-tracker
        Sentry.setExtra("email", hashEmail(account.email));
    }
}
