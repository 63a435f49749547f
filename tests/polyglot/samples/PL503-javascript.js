// Samples for PL503.javascript.pii-to-analytics (semgrep --test annotations).
import posthog from "posthog-js";

function signup(user, form) {
  // ruleid: PL503.javascript.pii-to-analytics
  posthog.capture("signup", { email: user.email });
  // ruleid: PL503.javascript.pii-to-analytics
  analytics.track("Order Completed", { card: form.cardNumber });
  // ruleid: PL503.javascript.pii-to-analytics
  analytics.identify(user.id, { phone: user.phone, name: user.fullName });
  // ruleid: PL503.javascript.pii-to-analytics
  mixpanel.people.set({ $email: user.emailAddress });
  // ruleid: PL503.javascript.pii-to-analytics
  amplitude.track("visit", { ip: form.ipAddress });

  // ok: PL503.javascript.pii-to-analytics
  posthog.capture("signup", { plan: user.plan });
  // ok: PL503.javascript.pii-to-analytics
  analytics.identify(user.userId);
  // ok: PL503.javascript.pii-to-analytics
  analytics.track("Order Completed", { total: form.total });
  // ok: PL503.javascript.pii-to-analytics
  mixpanel.track("visit", { emailDomain: domainOf(form.email).length });
  // ok: PL503.javascript.pii-to-analytics
  console.log(user.email);
}
