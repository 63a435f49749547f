// Samples for PL201.go.hardcoded-credential (semgrep --test annotations).
package main

// ruleid: PL201.go.hardcoded-credential
const apiKey = "k3y-for-the-samples-only"

// ruleid: PL201.go.hardcoded-credential
var dbPassword = "sample-db-pass-42"

func connect() {
	// ruleid: PL201.go.hardcoded-credential
	password := "sample-pass-1234"
	// ruleid: PL201.go.hardcoded-credential
	cfg := Config{Host: "db", ClientSecret: "sample-client-secret"}
	// ruleid: PL201.go.hardcoded-credential
	cfg.AuthToken = "sample-auth-token-9"

	// ok: PL201.go.hardcoded-credential
	password2 := os.Getenv("PASSWORD")
	// ok: PL201.go.hardcoded-credential
	passwordLabel := "Password"
	// ok: PL201.go.hardcoded-credential
	secret := ""
	// ok: PL201.go.hardcoded-credential
	username := "alice-sample"
	// ok: PL201.go.hardcoded-credential
	tokenURL := "https://auth.acme.io/token"
	use(password, cfg, password2, passwordLabel, secret, username, tokenURL)
}
