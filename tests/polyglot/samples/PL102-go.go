// Samples for PL102.go.sensitive-data-to-output (semgrep --test annotations).
package main

import (
	"fmt"
	"os"
)

func show(user User, password string, apiKey string) {
	// ruleid: PL102.go.sensitive-data-to-output
	fmt.Println("password:", password)
	// ruleid: PL102.go.sensitive-data-to-output
	fmt.Printf("key %s\n", apiKey)
	line := "email " + user.Email
	// ruleid: PL102.go.sensitive-data-to-output
	fmt.Fprintln(os.Stderr, line)
	// ruleid: PL102.go.sensitive-data-to-output
	os.Stdout.WriteString(user.SSN)
	// ruleid: PL102.go.sensitive-data-to-output
	println(user.CreditCardNumber)

	// ok: PL102.go.sensitive-data-to-output
	fmt.Println("user", user.ID)
	// ok: PL102.go.sensitive-data-to-output
	fmt.Println(len(password))
	// ok: PL102.go.sensitive-data-to-output
	fmt.Fprintln(file, password)
	// ok: PL102.go.sensitive-data-to-output
	fmt.Println(user.EmailVerified)
	// ok: PL102.go.sensitive-data-to-output
	fmt.Println(redact(apiKey))
}
