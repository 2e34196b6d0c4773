package trigger

import (
	"crypto/sha256"
	"crypto/subtle"
	"os"
	"strings"
)

// TokenEnv names the environment variable holding the freshen token when
// a trigger's options leave it empty.
const TokenEnv = "FRESHEN_TOKEN"

// Token is the secret a trigger asks callers for. It keeps only a digest
// and compares digests in constant time: equal lengths, so the time a
// comparison takes says nothing about the token's length either. The zero
// Token is unset and matches nothing.
type Token struct {
	sum [sha256.Size]byte
	set bool
}

// NewToken returns the Token for secret, or the unset Token for "".
func NewToken(secret string) Token {
	if secret == "" {
		return Token{}
	}
	return Token{sum: sha256.Sum256([]byte(secret)), set: true}
}

// TokenOrEnv is NewToken(secret), or the Token of $FRESHEN_TOKEN when
// secret is empty.
func TokenOrEnv(secret string) Token {
	if secret == "" {
		secret = os.Getenv(TokenEnv)
	}
	return NewToken(secret)
}

// IsSet reports whether t has a secret.
func (t Token) IsSet() bool { return t.set }

// Match reports whether presented is t's secret. An unset Token matches
// nothing.
func (t Token) Match(presented string) bool {
	if !t.set {
		return false
	}
	sum := sha256.Sum256([]byte(presented))
	return subtle.ConstantTimeCompare(sum[:], t.sum[:]) == 1
}

// BearerToken returns the token of an Authorization header value with the
// Bearer scheme. The scheme is case-insensitive (RFC 7235 §2.1) and may be
// followed by more than one space; the token must not be empty.
func BearerToken(authorization string) (string, bool) {
	scheme, rest, ok := strings.Cut(strings.TrimLeft(authorization, " \t"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	tok := strings.TrimRight(strings.TrimLeft(rest, " "), " \t")
	return tok, tok != ""
}
