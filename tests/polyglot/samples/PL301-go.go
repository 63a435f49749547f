// Samples for PL301.go.plaintext-url-to-network-call (semgrep --test annotations).
package main

import "net/http"

func calls(client *http.Client) {
	// ruleid: PL301.go.plaintext-url-to-network-call
	http.Get("http://api.partner.net/v1/users")
	// ruleid: PL301.go.plaintext-url-to-network-call
	http.Post("http://payments.acme.io/charge", "application/json", body)
	// ruleid: PL301.go.plaintext-url-to-network-call
	http.NewRequest("GET", "http://status.acme.io/health", nil)
	// ruleid: PL301.go.plaintext-url-to-network-call
	client.Get("http://10.1.2.3:8080/internal")
	// ruleid: PL301.go.plaintext-url-to-network-call
	websocket.DefaultDialer.Dial("ws://chat.acme.io/socket", nil)

	// ok: PL301.go.plaintext-url-to-network-call
	http.Get("https://api.partner.net/v1/users")
	// ok: PL301.go.plaintext-url-to-network-call
	http.Get("http://localhost:8080/health")
	// ok: PL301.go.plaintext-url-to-network-call
	http.Get("http://127.0.0.1:9000/metrics")
	// ok: PL301.go.plaintext-url-to-network-call
	client.Get("http://api.example.com/docs")
	// ok: PL301.go.plaintext-url-to-network-call
	http.Get("http://service.internal/ping")
}
