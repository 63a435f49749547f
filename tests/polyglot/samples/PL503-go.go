// Samples for PL503.go.pii-to-analytics (semgrep --test annotations).
package main

import "github.com/segmentio/analytics-go/v3"

func track(client analytics.Client, user User) {
	// ruleid: PL503.go.pii-to-analytics
	client.Enqueue(analytics.Track{UserId: user.ID, Properties: analytics.NewProperties().Set("email", user.Email)})
	// ruleid: PL503.go.pii-to-analytics
	client.Enqueue(analytics.Identify{UserId: user.ID, Traits: analytics.NewTraits().SetPhone(user.Phone)})
	// ruleid: PL503.go.pii-to-analytics
	event := analytics.Track{Event: "signup", Properties: map[string]interface{}{"name": user.FullName}}
	// ruleid: PL503.go.pii-to-analytics
	client.Enqueue(posthog.Capture{DistinctId: user.Email})
	// ruleid: PL503.go.pii-to-analytics
	client.Enqueue(posthog.Identify{DistinctId: user.ID, Properties: posthog.NewProperties().Set("ip", user.IPAddress)})

	// ok: PL503.go.pii-to-analytics
	client.Enqueue(analytics.Track{UserId: user.ID, Event: "signup"})
	// ok: PL503.go.pii-to-analytics
	client.Enqueue(posthog.Capture{DistinctId: user.UserID})
	// ok: PL503.go.pii-to-analytics
	client.Enqueue(analytics.Track{UserId: user.ID, Properties: analytics.NewProperties().Set("plan", user.Plan)})
	// ok: PL503.go.pii-to-analytics
	client.Enqueue(analytics.Identify{UserId: user.ID})
	// ok: PL503.go.pii-to-analytics
	fmt.Println(user.ID)
	use(event)
}
