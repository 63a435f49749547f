// Samples for PL502.go.pii-to-error-tracker (semgrep --test annotations).
package main

import "github.com/getsentry/sentry-go"

func report(user User, scope *sentry.Scope) {
	// ruleid: PL502.go.pii-to-error-tracker
	scope.SetUser(sentry.User{ID: user.ID, Email: user.Email})
	// ruleid: PL502.go.pii-to-error-tracker
	scope.SetExtra("phone", user.PhoneNumber)
	// ruleid: PL502.go.pii-to-error-tracker
	sentry.CaptureMessage("login failed for " + user.Email)
	// ruleid: PL502.go.pii-to-error-tracker
	scope.SetTag("ip", user.IPAddress)
	// ruleid: PL502.go.pii-to-error-tracker
	scope.SetContext("profile", map[string]interface{}{"address": user.HomeAddress})

	// ok: PL502.go.pii-to-error-tracker
	scope.SetUser(sentry.User{ID: user.ID})
	// ok: PL502.go.pii-to-error-tracker
	scope.SetTag("plan", user.Plan)
	// ok: PL502.go.pii-to-error-tracker
	sentry.CaptureMessage("login failed for " + user.UserID)
	// ok: PL502.go.pii-to-error-tracker
	scope.SetExtra("verified", user.EmailVerified)
	// ok: PL502.go.pii-to-error-tracker
	scope.SetExtra("email", hashEmail(user.Email))
}
