// Samples for PL301.javascript.plaintext-url-to-network-call (semgrep --test annotations).
const axios = require("axios");
const http = require("http");

async function calls() {
  // ruleid: PL301.javascript.plaintext-url-to-network-call
  await fetch("http://api.partner.net/v1/users");
  // ruleid: PL301.javascript.plaintext-url-to-network-call
  await axios.post("http://payments.acme.io/charge", body);
  // ruleid: PL301.javascript.plaintext-url-to-network-call
  http.get("http://status.acme.io/health", onResponse);
  // ruleid: PL301.javascript.plaintext-url-to-network-call
  const socket = new WebSocket("ws://chat.acme.io/socket");
  // ruleid: PL301.javascript.plaintext-url-to-network-call
  await axios("http://10.1.2.3:8080/internal");

  // ok: PL301.javascript.plaintext-url-to-network-call
  await fetch("https://api.partner.net/v1/users");
  // ok: PL301.javascript.plaintext-url-to-network-call
  await fetch("http://localhost:3000/api");
  // ok: PL301.javascript.plaintext-url-to-network-call
  await axios.get("http://127.0.0.1:9000/metrics");
  // ok: PL301.javascript.plaintext-url-to-network-call
  await fetch("http://api.example.com/docs");
  // ok: PL301.javascript.plaintext-url-to-network-call
  const socket2 = new WebSocket("wss://chat.acme.io/socket");
  // ok: PL301.javascript.plaintext-url-to-network-call
  await fetch("http://service.internal/ping");
}
