// Samples for PL503.java.pii-to-analytics (semgrep --test annotations).
class Track {
    void track(PostHog posthog, Analytics analytics, Account account) {
        // ruleid: PL503.java.pii-to-analytics
        posthog.capture(account.id, "signup", Map.of("email", account.email));
        // ruleid: PL503.java.pii-to-analytics
        posthog.identify(account.id, Map.of("phone", account.phoneNumber));
        // ruleid: PL503.java.pii-to-analytics
        analytics.enqueue(TrackMessage.builder("Order").userId(account.id).properties(Map.of("card", account.cardNumber)));
        // ruleid: PL503.java.pii-to-analytics
        analytics.enqueue(IdentifyMessage.builder().userId(account.id).traits(Map.of("name", account.fullName)));
        // ruleid: PL503.java.pii-to-analytics
        mixpanel.event(account.id, "visit", new JSONObject().put("ip", account.ipAddress));

        // ok: PL503.java.pii-to-analytics
        posthog.capture(account.id, "signup", Map.of("plan", account.plan));
        // ok: PL503.java.pii-to-analytics
        posthog.identify(account.userId);
        // ok: PL503.java.pii-to-analytics
        analytics.enqueue(TrackMessage.builder("Order").userId(account.id));
        // ok: PL503.java.pii-to-analytics
        mixpanel.event(account.id, "visit", new JSONObject().put("total", account.total));
        // ok: PL503.java.pii-to-analytics
        System.out.println(account.id);
    }
}
