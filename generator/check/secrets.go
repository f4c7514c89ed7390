package check

import (
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// nameTokens splits a variable or label name into upper-case words:
// "dbPassword" and "DB_PASSWORD" both give [DB PASSWORD].
func nameTokens(name string) []string {
	var toks []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			toks = append(toks, strings.ToUpper(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(name)
	for i, r := range rs {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
		case unicode.IsUpper(r) && i > 0 && unicode.IsLower(rs[i-1]):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return toks
}

// secretWords are name words that mark a secret on their own.
var secretWords = []string{"PASSWORD", "PASSWD", "PASS", "PWD", "PASSPHRASE", "SECRET", "SECRETS", "TOKEN", "APIKEY", "AUTHKEY", "CREDENTIAL", "CREDENTIALS", "CREDS", "PRIVATEKEY", "ACCESSKEY", "AUTHTOKEN"}

// secretPairs are adjacent word pairs that mark a secret: API_KEY, PRIVATE_KEY…
var secretPairs = [][2]string{{"API", "KEY"}, {"PRIVATE", "KEY"}, {"ACCESS", "KEY"}, {"SECRET", "KEY"}, {"ENCRYPTION", "KEY"}, {"SIGNING", "KEY"}, {"CLIENT", "SECRET"}, {"AUTH", "TOKEN"}, {"MASTER", "KEY"}}

// notSecretLast are final words that make a secret-looking name refer to
// something else: DB_PASSWORD_FILE is a path, TOKEN_TTL a duration.
var notSecretLast = []string{"FILE", "PATH", "DIR", "URL", "URI", "ENDPOINT", "HOST", "PORT", "NAME", "ID", "TYPE", "LENGTH", "LEN", "TTL", "EXPIRY", "EXPIRES", "TIMEOUT", "HEADER", "MIN", "MAX", "MODE", "ENABLED", "REQUIRED", "POLICY", "ALGORITHM", "VERSION", "ROTATION", "LOCATION", "SOURCE", "FORMAT", "LIFETIME", "COUNT", "PREFIX", "PARAM", "FIELD", "HASH", "COMMAND", "CMD", "PROVIDER", "STORE", "BACKEND", "AGE", "USER", "USERNAME"}

// secretName reports whether a variable or label name says it holds a secret.
func secretName(name string) bool {
	toks := nameTokens(name)
	if len(toks) == 0 || slices.Contains(notSecretLast, toks[len(toks)-1]) {
		return false
	}
	// PWD alone is the shell's working directory, not a password.
	if len(toks) == 1 && toks[0] == "PWD" {
		return false
	}
	for i, t := range toks {
		if slices.Contains(secretWords, t) {
			return true
		}
		if i > 0 {
			for _, p := range secretPairs {
				if toks[i-1] == p[0] && t == p[1] {
					return true
				}
			}
		}
	}
	return false
}

// notSecretValues are values that a secret-looking name may hold without
// holding a secret: switches and placeholders.
var notSecretValues = []string{"", "true", "false", "yes", "no", "on", "off", "0", "1", "none", "null", "nil", "required", "optional", "disabled", "enabled"}

// harmlessValue reports whether a literal value cannot be a secret: a
// switch, a placeholder or the path of a mounted secret.
func harmlessValue(v string) bool {
	v = strings.TrimSpace(v)
	return slices.Contains(notSecretValues, strings.ToLower(v)) || strings.HasPrefix(v, "/run/secrets/")
}

// secretValueRE matches credential formats that are secrets whatever the
// variable is called.
var secretValueRE = regexp.MustCompile(`AKIA[0-9A-Z]{16}|ASIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{40,}|glpat-[A-Za-z0-9_-]{20}|xox[abprs]-[A-Za-z0-9-]{10,}|sk_live_[A-Za-z0-9]{16,}|npm_[A-Za-z0-9]{36}|-----BEGIN [A-Z ]*PRIVATE KEY-----|AIza[0-9A-Za-z_-]{35}`)

// secretFilePatterns are base names of files that hold keys or credentials.
var secretFilePatterns = []string{
	"id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "*.pem", "*.key", "*.p12", "*.pfx", "*.jks", "*.keystore", "*.ppk",
	".env", ".env.*", "*.env", ".npmrc", ".yarnrc.yml", ".pypirc", ".netrc", "_netrc", ".git-credentials", ".dockercfg",
	".htpasswd", "credentials", "credentials.json", "service-account*.json", "*.tfvars", "secrets.yml", "secrets.yaml", "secrets.json",
}

// secretDirs are directory names whose whole content is credentials.
var secretDirs = []string{".ssh", ".aws", ".gnupg", ".kube"}

// notSecretFiles are the harmless relatives of secret file names.
var notSecretFiles = []string{".env.example", ".env.sample", ".env.template", ".env.dist", ".env.defaults", "*.pub", "*.crt", "*.cert", "known_hosts", "authorized_keys"}

// secretFile reports whether a COPY or ADD source names a key or credentials
// file, and returns the name that matched.
func secretFile(src string) (string, bool) {
	src = strings.TrimSuffix(src, "/")
	b := path.Base(src)
	for _, p := range notSecretFiles {
		if ok, _ := path.Match(p, b); ok {
			return "", false
		}
	}
	for _, p := range secretFilePatterns {
		if ok, _ := path.Match(p, b); ok {
			return b, true
		}
	}
	for _, el := range strings.Split(src, "/") {
		if slices.Contains(secretDirs, el) {
			return el, true
		}
	}
	if strings.HasSuffix(src, ".docker/config.json") {
		return ".docker/config.json", true
	}
	return "", false
}

// urlCredsRE matches scheme://user:password@ with a literal password.
var urlCredsRE = regexp.MustCompile(`[A-Za-z][A-Za-z0-9+.-]*://[^/@\s:$]+:([^/@\s]+)@`)

// urlCredentials reports whether a word holds a URL with a literal password.
func urlCredentials(word string) bool {
	m := urlCredsRE.FindStringSubmatch(word)
	return m != nil && !strings.HasPrefix(m[1], "$")
}
