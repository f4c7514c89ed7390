// Package secretscan is dockergen's one source of truth on what a secret
// looks like: the credential formats recognised in any value, and the
// variable and label names that say their value is a secret. The spec
// validator (generator) refuses such values before anything is generated;
// dockergen check (generator/check) reports them in existing files. Both
// read these lists, so a format added here is caught by both.
package secretscan

import (
	"regexp"
	"strings"
)

// Format is one known credential format.
type Format struct {
	// What names it for a message ("a GitHub token").
	What string
	// RE matches it; its first group, when present, is the secret itself.
	RE *regexp.Regexp
}

// wordStart is a left word boundary: the token is not the tail of a longer word.
const wordStart = `(?:^|[^A-Za-z0-9_])`

// Formats are the credential formats recognised in any value, whatever
// the field is called: private key blocks (PEM, OpenSSH, PuTTY), AWS access
// key ids, GCP service-account JSON and API keys, Azure storage keys,
// connection strings and SAS signatures, GitHub, GitLab, Slack, Stripe,
// npm and PyPI tokens, and JSON Web Tokens.
var Formats = []Format{
	{"a private key", regexp.MustCompile(`-----BEGIN[ A-Z0-9]*PRIVATE KEY( BLOCK)?-----|PuTTY-User-Key-File-[0-9]`)},
	{"an AWS access key id", regexp.MustCompile(wordStart + `((?:AKIA|ASIA)[A-Z0-9]{16})(?:[^A-Za-z0-9]|$)`)},
	{"a GCP service-account key", regexp.MustCompile(`"private_key(?:_id)?"\s*:|"type"\s*:\s*"service_account"`)},
	{"a GCP API key", regexp.MustCompile(wordStart + `(AIza[0-9A-Za-z_-]{35})`)},
	{"an Azure storage connection string", regexp.MustCompile(`(?i)(?:AccountKey|SharedAccessKey|SharedAccessSignature)\s*=\s*[A-Za-z0-9+/%]{16,}`)},
	{"an Azure SAS signature", regexp.MustCompile(`[?&]sig=[A-Za-z0-9%+/]{20,}`)},
	// 64 bytes in base64, as a whole word: not the tail of sha512-<base64>.
	{"an Azure storage account key", regexp.MustCompile(`(?:^|[^A-Za-z0-9_+/-])([A-Za-z0-9+/]{86}==)`)},
	{"a GitHub token", regexp.MustCompile(wordStart + `(gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})`)},
	{"a GitLab token", regexp.MustCompile(wordStart + `(gl(?:pat|dt|rt|ptt|cbt|soat|ft|imt|agent)-[A-Za-z0-9_-]{20,})`)},
	{"a Slack token", regexp.MustCompile(wordStart + `(xox[baprse]-[A-Za-z0-9-]{10,})`)},
	{"a Slack webhook URL", regexp.MustCompile(`hooks\.slack\.com/(?:services|workflows)/[A-Za-z0-9/_-]{20,}`)},
	{"a Stripe secret key", regexp.MustCompile(wordStart + `((?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,})`)},
	{"an npm access token", regexp.MustCompile(wordStart + `(npm_[A-Za-z0-9]{36})`)},
	{"a PyPI API token", regexp.MustCompile(wordStart + `(pypi-AgEI[A-Za-z0-9_-]{40,})`)},
	{"a JSON Web Token", regexp.MustCompile(wordStart + `(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*)`)},
}

// URLPasswordRE matches scheme://user:password@ with a literal password (not
// a $VAR reference); its first group is the password.
var URLPasswordRE = regexp.MustCompile(`[A-Za-z][A-Za-z0-9+.-]*://[^/\s:@]*:([^/\s@$][^/\s@]*)@`)

// MatchToken returns the first of Formats found in v, and the matched text
// (the secret itself where the format marks it).
func MatchToken(v string) (what, match string, ok bool) {
	for _, f := range Formats {
		m := f.RE.FindStringSubmatchIndex(v)
		if m == nil {
			continue
		}
		start, end := m[0], m[1]
		if len(m) >= 4 && m[2] >= 0 {
			start, end = m[2], m[3]
		}
		return f.What, v[start:end], true
	}
	return "", "", false
}

// MatchFormat is MatchToken, then a password inside a URL
// (scheme://user:password@host), whose match is the password.
func MatchFormat(v string) (what, match string, ok bool) {
	if what, match, ok := MatchToken(v); ok {
		return what, match, true
	}
	if m := URLPasswordRE.FindStringSubmatch(v); m != nil {
		return "a password in a URL", m[1], true
	}
	return "", "", false
}

var (
	// sensitiveWords make a name password-like on their own.
	sensitiveWords = map[string]bool{
		"PASSWORD": true, "PASSWORDS": true, "PASSWD": true, "PASS": true, "PWD": true, "PASSPHRASE": true,
		"SECRET": true, "SECRETS": true, "TOKEN": true, "TOKENS": true, "CREDENTIAL": true, "CREDENTIALS": true,
		"CREDS": true, "APIKEY": true, "AUTHKEY": true, "AUTHTOKEN": true, "PRIVATEKEY": true, "SECRETKEY": true, "ACCESSKEY": true,
	}
	// sensitiveBeforeKey make a name password-like when KEY follows them.
	sensitiveBeforeKey = map[string]bool{
		"API": true, "PRIVATE": true, "SECRET": true, "ACCESS": true, "SIGNING": true, "ENCRYPTION": true,
		"MASTER": true, "AUTH": true, "LICENSE": true, "ACCOUNT": true, "SHARED": true, "CLIENT": true,
	}
	// referenceWords, as the last word of a name, say that the value points
	// to a secret (or describes it) rather than being one.
	referenceWords = map[string]bool{
		"FILE": true, "PATH": true, "DIR": true, "URL": true, "URI": true, "ENDPOINT": true, "HOST": true,
		"PORT": true, "USER": true, "USERNAME": true, "NAME": true, "ID": true, "LENGTH": true, "LEN": true, "TTL": true,
		"EXPIRY": true, "EXPIRES": true, "TIMEOUT": true, "HEADER": true, "TYPE": true, "ALGORITHM": true,
		"ALG": true, "FORMAT": true, "ENABLED": true, "DISABLED": true, "REQUIRED": true, "MODE": true,
		"POLICY": true, "SIZE": true, "COUNT": true, "LIMIT": true, "MIN": true, "MAX": true,
		"PROVIDER": true, "ISSUER": true, "AUDIENCE": true, "SCOPE": true, "SCOPES": true, "REGION": true,
		"VERSION": true, "PREFIX": true, "FIELD": true, "PARAM": true, "STORE": true, "BACKEND": true,
		"ROTATION": true, "LOCATION": true, "SOURCE": true, "LIFETIME": true, "HASH": true, "COMMAND": true,
		"CMD": true, "AGE": true, "DIRECTORY": true,
	}
	camelRE = regexp.MustCompile(`([a-z0-9])([A-Z])`)
)

// NameWords splits a variable name or label key into upper-case words, at
// '_', '.', '-' and camelCase: "dbPassword" and "DB_PASSWORD" both give
// [DB PASSWORD].
func NameWords(name string) []string {
	name = camelRE.ReplaceAllString(name, "${1}_${2}")
	return strings.FieldsFunc(strings.ToUpper(name), func(r rune) bool { return r == '_' || r == '.' || r == '-' })
}

// PasswordLikeName reports whether a variable name or label key says its
// value is a secret: one of its words is PASSWORD, PASSWD, PASS, PWD,
// PASSPHRASE, SECRET, TOKEN, CREDENTIALS, CREDS, APIKEY, AUTHKEY, ... or a
// pair such as API KEY, PRIVATE KEY, CLIENT SECRET (KEY after API, PRIVATE,
// SECRET, ACCESS, SIGNING, ENCRYPTION, MASTER, AUTH, LICENSE, ACCOUNT,
// SHARED or CLIENT), unless its last word says the value refers to or
// describes the secret (FILE, PATH, URL, HOST, NAME, ID, TTL, ...). PWD and
// OLDPWD alone are the shell's directories.
func PasswordLikeName(name string) bool {
	words := NameWords(name)
	if len(words) == 0 || len(words) == 1 && (words[0] == "PWD" || words[0] == "OLDPWD") {
		return false
	}
	if referenceWords[words[len(words)-1]] {
		return false
	}
	for i, w := range words {
		if sensitiveWords[w] {
			return true
		}
		if w == "KEY" && i > 0 && sensitiveBeforeKey[words[i-1]] {
			return true
		}
	}
	return false
}

// notSecretValueRE matches values that a password-like name may hold
// without holding a secret: switches, placeholders, a $VAR or ${VAR}
// reference, and the path of a mounted secret.
var notSecretValueRE = regexp.MustCompile(`^(?i:|true|false|yes|no|on|off|0|1|enabled|disabled|none|null|nil|required|optional)$|^\$\{?[A-Za-z_][A-Za-z0-9_]*(?::?[-?+=][^}]*)?\}?$|^/run/secrets/[A-Za-z0-9._/-]+$`)

// HarmlessValue reports whether a value held by a password-like name cannot
// be a secret (see notSecretValueRE).
func HarmlessValue(v string) bool { return notSecretValueRE.MatchString(strings.TrimSpace(v)) }
