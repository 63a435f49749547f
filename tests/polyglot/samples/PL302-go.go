// Samples for PL302.go.tls-verification-disabled (semgrep --test annotations).
package main

import "crypto/tls"

func clients() {
	// ruleid: PL302.go.tls-verification-disabled
	a := &tls.Config{InsecureSkipVerify: true}
	// ruleid: PL302.go.tls-verification-disabled
	b := tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: true}
	c := &tls.Config{}
	// ruleid: PL302.go.tls-verification-disabled
	c.InsecureSkipVerify = true
	// ruleid: PL302.go.tls-verification-disabled
	transport.TLSClientConfig = &tls.Config{InsecureSkipVerify: true, ServerName: "api"}
	// ruleid: PL302.go.tls-verification-disabled
	d := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}

	// ok: PL302.go.tls-verification-disabled
	e := &tls.Config{InsecureSkipVerify: false}
	// ok: PL302.go.tls-verification-disabled
	f := &tls.Config{MinVersion: tls.VersionTLS12}
	// ok: PL302.go.tls-verification-disabled
	c.InsecureSkipVerify = false
	// ok: PL302.go.tls-verification-disabled
	g := &tls.Config{RootCAs: pool}
	// ok: PL302.go.tls-verification-disabled
	skip := true
	use(a, b, c, d, e, f, g, skip)
}
