// Samples for PL301.java.plaintext-url-to-network-call (semgrep --test annotations).
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;

class Calls {
    void calls(RestTemplate template) throws Exception {
        // ruleid: PL301.java.plaintext-url-to-network-call
        HttpURLConnection a = (HttpURLConnection) new URL("http://api.partner.net/v1/users").openConnection();
        // ruleid: PL301.java.plaintext-url-to-network-call
        HttpRequest b = HttpRequest.newBuilder(URI.create("http://payments.acme.io/charge")).build();
        // ruleid: PL301.java.plaintext-url-to-network-call
        HttpGet c = new HttpGet("http://status.acme.io/health");
        // ruleid: PL301.java.plaintext-url-to-network-call
        String d = template.getForObject("http://10.1.2.3:8080/internal", String.class);
        // ruleid: PL301.java.plaintext-url-to-network-call
        Request e = new Request.Builder().url("http://chat.acme.io/api").build();

        // ok: PL301.java.plaintext-url-to-network-call
        HttpURLConnection f = (HttpURLConnection) new URL("https://api.partner.net/v1").openConnection();
        // ok: PL301.java.plaintext-url-to-network-call
        HttpGet g = new HttpGet("http://localhost:8080/health");
        // ok: PL301.java.plaintext-url-to-network-call
        URI h = URI.create("http://127.0.0.1:9000/metrics");
        // ok: PL301.java.plaintext-url-to-network-call
        HttpGet i = new HttpGet("http://api.example.com/docs");
        // ok: PL301.java.plaintext-url-to-network-call
        String j = "http://status.acme.io/health";
    }
}
