// Samples for PL101.javascript.sensitive-data-to-log (semgrep --test annotations).
const winston = require("winston");
const logger = winston.createLogger();

function login(req, user, password) {
  // ruleid: PL101.javascript.sensitive-data-to-log
  logger.info("login with " + password);
  // ruleid: PL101.javascript.sensitive-data-to-log
  logger.debug(`user ${user.email} signed in`);
  const message = "token=" + req.body.accessToken;
  // ruleid: PL101.javascript.sensitive-data-to-log
  logger.warn(message);
  // ruleid: PL101.javascript.sensitive-data-to-log
  this.log.error({ user: user.phoneNumber });
  // ruleid: PL101.javascript.sensitive-data-to-log
  pino.info(req.headers["authorization"], req.body.creditCardNumber);

  // ok: PL101.javascript.sensitive-data-to-log
  logger.info("password length " + password.length);
  // ok: PL101.javascript.sensitive-data-to-log
  logger.info(maskEmail(user.email));
  // ok: PL101.javascript.sensitive-data-to-log
  logger.info("reset for " + user.id);
  // ok: PL101.javascript.sensitive-data-to-log
  logger.debug(user.passwordHash);
  // ok: PL101.javascript.sensitive-data-to-log
  logger.info(tokenCount, isPasswordValid);
  // ok: PL101.javascript.sensitive-data-to-log
  cache.set("password", password);
}
