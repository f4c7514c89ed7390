package secretscan

import "testing"

// TestPasswordLikeName: the words, pairs and reference suffixes both the
// validator and dockergen check rely on.
func TestPasswordLikeName(t *testing.T) {
	for name, want := range map[string]bool{
		"DB_PASSWORD": true, "dbPassword": true, "api-key": true, "API_KEY": true, "GITHUB_TOKEN": true,
		"client.secret": true, "AUTH_TOKEN": true, "PRIVATE_KEY": true, "NPM_AUTHTOKEN": true,
		"DB_PASSWORD_FILE": false, "TOKEN_TTL": false, "SECRET_NAME": false, "API_KEY_ID": false, "PWD": false,
		"OLDPWD": false, "KEY": false, "MONKEY": false, "PORT": false, "PASSWORD_MIN_LENGTH": false, "": false,
	} {
		if got := PasswordLikeName(name); got != want {
			t.Errorf("PasswordLikeName(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestMatchFormat: each format is found with its secret as the match, URL
// passwords last, and look-alikes are not.
func TestMatchFormat(t *testing.T) {
	for v, want := range map[string]string{
		"AKIAIOSFODNN7EXAMPLE":                            "an AWS access key id",
		"x ghp_" + "abcdefghijklmnopqrstuvwxyz0123456789": "a GitHub token",
		"postgres://app:hunter2@db/app":                   "a password in a URL",
		"-----BEGIN OPENSSH PRIVATE KEY-----":             "a private key",
	} {
		if what, _, ok := MatchFormat(v); !ok || what != want {
			t.Errorf("MatchFormat(%q) = %q, %v; want %q", v, what, ok, want)
		}
	}
	for _, v := range []string{"postgres://app:${DB_PASSWORD}@db/app", "https://example.com/a:b@c", "sha256:abc", "hello", "XAKIAIOSFODNN7EXAMPLE1"} {
		if what, m, ok := MatchFormat(v); ok {
			t.Errorf("MatchFormat(%q) = %q (%q), want none", v, what, m)
		}
	}
	if _, m, _ := MatchFormat("postgres://app:hunter2@db/app"); m != "hunter2" {
		t.Errorf("URL password match = %q", m)
	}
}

func TestHarmlessValue(t *testing.T) {
	for v, want := range map[string]bool{"": true, "true": true, "Disabled": true, "${DB_PASSWORD}": true, "$TOKEN": true,
		"/run/secrets/db": true, "hunter2": false, "secret value": false} {
		if got := HarmlessValue(v); got != want {
			t.Errorf("HarmlessValue(%q) = %v, want %v", v, got, want)
		}
	}
}
