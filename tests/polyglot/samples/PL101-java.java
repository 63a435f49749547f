// Samples for PL101.java.sensitive-data-to-log (semgrep --test annotations).
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LoginService {
    private static final Logger LOGGER = LoggerFactory.getLogger(LoginService.class);
    private final Logger log = LoggerFactory.getLogger(getClass());

    void login(User user, String password) {
        // ruleid: PL101.java.sensitive-data-to-log
        LOGGER.info("login with {}", password);
        // ruleid: PL101.java.sensitive-data-to-log
        log.debug("user " + user.email + " signed in");
        String message = "token=" + user.accessToken;
        // ruleid: PL101.java.sensitive-data-to-log
        log.warn(message);
        // ruleid: PL101.java.sensitive-data-to-log
        this.log.error("phone {}", user.phoneNumber);
        // ruleid: PL101.java.sensitive-data-to-log
        LOGGER.info("card {}", user.getCardNumber(), user.creditCardNumber);

        // ok: PL101.java.sensitive-data-to-log
        LOGGER.info("password has {} characters", password.length());
        // ok: PL101.java.sensitive-data-to-log
        log.info("user {}", user.id);
        // ok: PL101.java.sensitive-data-to-log
        log.info(maskEmail(user.email));
        // ok: PL101.java.sensitive-data-to-log
        log.debug("hash {}", user.passwordHash);
        // ok: PL101.java.sensitive-data-to-log
        cache.put("password", password);
    }
}
