// Samples for PL201.javascript.hardcoded-credential (semgrep --test annotations).
// The values are made up for these samples.

// ruleid: PL201.javascript.hardcoded-credential
const password = "hunter2-but-longer";
// ruleid: PL201.javascript.hardcoded-credential
let apiKey = "f4k3-k3y-0000-aaaa";
// ruleid: PL201.javascript.hardcoded-credential
config.clientSecret = "not-a-real-secret-1";
const options = {
  host: "db.internal",
  // ruleid: PL201.javascript.hardcoded-credential
  dbPassword: "fake-db-pass-42",
};
// ruleid: PL201.javascript.hardcoded-credential
var AUTH_TOKEN = "tok_fake_value_123";

// ok: PL201.javascript.hardcoded-credential
const password2 = process.env.PASSWORD;
// ok: PL201.javascript.hardcoded-credential
const passwordLabel = "Your password";
// ok: PL201.javascript.hardcoded-credential
const apiKeyHeader = "X-Api-Key";
// ok: PL201.javascript.hardcoded-credential
const secret = "";
// ok: PL201.javascript.hardcoded-credential
const token = "${TOKEN}";
// ok: PL201.javascript.hardcoded-credential
const username = "alice-example";
// ok: PL201.javascript.hardcoded-credential
fetch("/api/me", { credentials: "same-origin" });
