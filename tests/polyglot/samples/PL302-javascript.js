// Samples for PL302.javascript.tls-verification-disabled (semgrep --test annotations).
const https = require("https");

// ruleid: PL302.javascript.tls-verification-disabled
const agent = new https.Agent({ rejectUnauthorized: false });
// ruleid: PL302.javascript.tls-verification-disabled
https.request({ host: "api.acme.io", rejectUnauthorized: false, path: "/" });
// ruleid: PL302.javascript.tls-verification-disabled
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
// ruleid: PL302.javascript.tls-verification-disabled
process.env["NODE_TLS_REJECT_UNAUTHORIZED"] = "0";
// ruleid: PL302.javascript.tls-verification-disabled
request({ url: "https://api.acme.io", strictSSL: false });

// ok: PL302.javascript.tls-verification-disabled
const safe = new https.Agent({ rejectUnauthorized: true });
// ok: PL302.javascript.tls-verification-disabled
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "1";
// ok: PL302.javascript.tls-verification-disabled
request({ url: "https://api.acme.io", strictSSL: true });
// ok: PL302.javascript.tls-verification-disabled
const flags = { rejectUnknown: false };
// ok: PL302.javascript.tls-verification-disabled
https.request({ host: "api.acme.io", ca: bundle });
