// Samples for PL102.javascript.sensitive-data-to-output (semgrep --test annotations).
interface User { email: string; apiKey: string; id: number }

function show(user: User, password: string, cardNumber: string): void {
  // ruleid: PL102.javascript.sensitive-data-to-output
  console.log("password:", password);
  // ruleid: PL102.javascript.sensitive-data-to-output
  console.error(`failed for ${user.email}`);
  const line = "key " + user.apiKey;
  // ruleid: PL102.javascript.sensitive-data-to-output
  process.stdout.write(line);
  // ruleid: PL102.javascript.sensitive-data-to-output
  console.table([cardNumber]);
  // ruleid: PL102.javascript.sensitive-data-to-output
  console.debug({ ssn: user["ssn"] });

  // ok: PL102.javascript.sensitive-data-to-output
  console.log("user", user.id);
  // ok: PL102.javascript.sensitive-data-to-output
  console.log(redact(password));
  // ok: PL102.javascript.sensitive-data-to-output
  console.log("card digits:", cardNumber.length);
  // ok: PL102.javascript.sensitive-data-to-output
  console.log(passwordPolicy, emailField);
  // ok: PL102.javascript.sensitive-data-to-output
  console.log(typeof password);
}

async function download(token: string, url: string): Promise<void> {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  const errorText = await response.text();
  // ok: PL102.javascript.sensitive-data-to-output
  console.error("Download failed:", { status: response.status, error: errorText });
  const reply = await axios.post(url, { token });
  // ok: PL102.javascript.sensitive-data-to-output
  console.log(reply.data);
  // ruleid: PL102.javascript.sensitive-data-to-output
  console.error("download with", token);
}
