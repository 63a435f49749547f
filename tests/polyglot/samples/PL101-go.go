// Samples for PL101.go.sensitive-data-to-log (semgrep --test annotations).
package main

import (
	"log"
	"log/slog"
)

func login(user User, password string, logger *zap.SugaredLogger) {
	// ruleid: PL101.go.sensitive-data-to-log
	log.Printf("login with %s", password)
	// ruleid: PL101.go.sensitive-data-to-log
	slog.Info("signed in", "email", user.Email)
	msg := "token=" + user.AccessToken
	// ruleid: PL101.go.sensitive-data-to-log
	log.Println(msg)
	// ruleid: PL101.go.sensitive-data-to-log
	logger.Infow("profile", "phone", user.PhoneNumber)
	// ruleid: PL101.go.sensitive-data-to-log
	logrus.WithField("card", user.CardNumber).Info("charged")

	// ok: PL101.go.sensitive-data-to-log
	log.Printf("password has %d characters", len(password))
	// ok: PL101.go.sensitive-data-to-log
	slog.Info("signed in", "user", user.ID)
	// ok: PL101.go.sensitive-data-to-log
	log.Println(maskEmail(user.Email))
	// ok: PL101.go.sensitive-data-to-log
	logger.Infow("hash", "h", user.PasswordHash)
	// ok: PL101.go.sensitive-data-to-log
	cache.Set("password", password)
}
