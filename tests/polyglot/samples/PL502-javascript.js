// Samples for PL502.javascript.pii-to-error-tracker (semgrep --test annotations).
import * as Sentry from "@sentry/node";

function track(user, error) {
  // ruleid: PL502.javascript.pii-to-error-tracker
  Sentry.setUser({ id: user.id, email: user.email });
  // ruleid: PL502.javascript.pii-to-error-tracker
  Sentry.setContext("profile", { phone: user.phoneNumber });
  // ruleid: PL502.javascript.pii-to-error-tracker
  Sentry.setExtra("address", user.homeAddress);
  // ruleid: PL502.javascript.pii-to-error-tracker
  Sentry.captureMessage("login failed for " + user.email);
  // ruleid: PL502.javascript.pii-to-error-tracker
  Bugsnag.notify(error, { password: user.password });

  // ok: PL502.javascript.pii-to-error-tracker
  Sentry.setUser({ id: user.id });
  // ok: PL502.javascript.pii-to-error-tracker
  Sentry.setTag("plan", user.plan);
  // ok: PL502.javascript.pii-to-error-tracker
  Sentry.captureMessage("login failed for " + user.userId);
  // ok: PL502.javascript.pii-to-error-tracker
  Sentry.setExtra("emailVerified", user.emailVerified);
  // ok: PL502.javascript.pii-to-error-tracker
  Sentry.setContext("profile", { email: hashEmail(user.email) });
}
