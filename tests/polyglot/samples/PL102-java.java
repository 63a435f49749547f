// Samples for PL102.java.sensitive-data-to-output (semgrep --test annotations).
class Show {
    void show(User user, String password, String apiKey) {
        // ruleid: PL102.java.sensitive-data-to-output
        System.out.println("password: " + password);
        // ruleid: PL102.java.sensitive-data-to-output
        System.out.printf("key %s%n", apiKey);
        String line = "email " + user.email;
        // ruleid: PL102.java.sensitive-data-to-output
        System.err.println(line);
        // ruleid: PL102.java.sensitive-data-to-output
        System.out.print(user.ssn);
        // ruleid: PL102.java.sensitive-data-to-output
        System.out.format("%s", user.creditCardNumber);

        // ok: PL102.java.sensitive-data-to-output
        System.out.println("user " + user.id);
        // ok: PL102.java.sensitive-data-to-output
        System.out.println(password.length());
        // ok: PL102.java.sensitive-data-to-output
        writer.println(password);
        // ok: PL102.java.sensitive-data-to-output
        System.out.println(user.emailVerified);
        // ok: PL102.java.sensitive-data-to-output
        System.out.println(redact(apiKey));
    }
}
