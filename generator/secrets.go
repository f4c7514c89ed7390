package generator

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/dockergen/dockergen/generator/internal/secretscan"
)

// The secret scan keeps credentials out of every output. A value baked into
// ENV, ARG or LABEL, or into an exec-form command line, can be read by
// anyone who can pull the image (docker history, docker inspect), so a value
// that looks like a secret is refused at validation, with the field, its
// position in the spec and the safe alternative. The message never contains
// the value: at most its first 4 characters, and never more than a quarter
// of it.
//
// What is scanned:
//
//	field                    known formats  password-like name  high entropy
//	env.NAME                 yes            yes (NAME)          yes
//	build.args.NAME          yes            yes (NAME)          yes
//	labels.KEY               yes            yes (KEY)           yes
//	entrypoint[N], command[N],
//	build.command[N],
//	healthcheck.command[N]   yes            yes (--password=x,  no (inline scripts
//	                                        --token x, ...)     and hashes are common)
//
// Known formats are private key blocks (PEM, OpenSSH, PuTTY), AWS access
// key ids (AKIA/ASIA), GCP service-account JSON and API keys, Azure storage
// keys, connection strings and SAS signatures, GitHub (ghp_, gho_, ghu_,
// ghs_, ghr_, github_pat_), GitLab (glpat-), Slack (xox[baprs]- and webhook
// URLs), Stripe secret and restricted keys (sk_live_, rk_live_, sk_test_,
// rk_test_), npm (npm_), PyPI (pypi-AgEI), JWTs (eyJ….eyJ….sig) and
// passwords inside URLs (scheme://user:password@host).
//
// A password-like name is one whose words (split at '_', '.', '-' and
// camelCase) include PASSWORD, PASSWD, PASS, PWD, PASSPHRASE, SECRET, TOKEN,
// CREDENTIALS, CREDS, APIKEY, AUTHKEY or the pairs API KEY, PRIVATE KEY,
// SECRET KEY, ACCESS KEY, SIGNING KEY, ENCRYPTION KEY, MASTER KEY, CLIENT
// SECRET, unless its last word says the value is a reference to the secret
// rather than the secret (FILE, PATH, DIR, URL, HOST, NAME, USER, TTL,
// LENGTH, ...). It is refused with a literal non-empty value, except a
// boolean (true, false, 0, 1, ...), a $VAR or ${VAR} reference (which the
// Dockerfile keeps literal) or a path under /run/secrets.
//
// High entropy is measured per token: maximal runs of base64/base64url/hex
// characters. Tokens that mix upper and lower case and digits are measured
// whole (standard base64 holds '/' and '+'); single-case tokens are split at
// '/', '_', '.', '+', '=' and '-' first, so that paths, URLs, host names and
// versions are judged by their words. A token is refused when it is at
// least 20 characters (32 for hex) and its Shannon entropy in bits per
// character reaches a threshold that grows with its length, just under what
// random text of that alphabet averages. UUIDs, alphabet sequences, hex after
// a hash name (sha256:, sha512-, ...) or in a field named like a hash
// (…_SHA, …_COMMIT, ….revision, …_DIGEST), SSH public keys and Stripe
// publishable keys (pk_live_) are not refused.
//
// A false positive is overridden with notSecrets, which lists field paths
// exactly as messages print them (env.NAME, build.args.NAME, labels.KEY,
// command[1], ...). Every entry must name a field the spec has, so the
// override stays visible and cannot go stale unnoticed.

var (
	// hashWords, as the last word of a name, say that a hex value is a hash.
	hashWords = map[string]bool{
		"SHA": true, "SHA1": true, "SHA256": true, "SHA512": true, "MD5": true, "COMMIT": true, "REVISION": true,
		"REV": true, "DIGEST": true, "HASH": true, "CHECKSUM": true, "SUM": true, "REF": true,
	}
	// passwordFlagRE is a command-line flag that takes a secret:
	// --password=VALUE, or --password followed by VALUE in the next word.
	passwordFlagRE = regexp.MustCompile(`^--?([A-Za-z0-9_.-]+)(?:=(.*))?$`)
)

var (
	tokenRE     = regexp.MustCompile(`[A-Za-z0-9+/=_-]{20,}`)
	uuidRE      = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	hexRE       = regexp.MustCompile(`^[0-9a-fA-F]+$`)
	hashPrefRE  = regexp.MustCompile(`(?i)(?:sha(?:1|224|256|384|512)|md5|blake2b|blake3|sha512_256)[-:=]$`)
	hashTokenRE = regexp.MustCompile(`(?i)^(?:sha(?:1|224|256|384|512)|md5|blake2b|blake3)[-=]`) // SRI: sha512-<base64>
	publicKeyRE = regexp.MustCompile(`(?:ssh-(?:rsa|dss|ed25519)|ecdsa-sha2-nistp[0-9]+|sk-ssh-ed25519@openssh\.com) AAAA|pk_(?:live|test)_`)
)

// shannon returns the Shannon entropy of s in bits per byte.
func shannon(s string) float64 {
	var counts [256]int
	for i := 0; i < len(s); i++ {
		counts[s[i]]++
	}
	h, n := 0.0, float64(len(s))
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / n
			h -= p * math.Log2(p)
		}
	}
	return h
}

// entropyThreshold is the entropy, in bits per character, from which a
// token of n characters is taken for random: a little under the mean of
// random text of the token's alphabet (62 or 64 symbols when mixed, 36 when
// single-case, 16 for hex), so that most real secrets reach it and words,
// which repeat letters, do not.
func entropyThreshold(n int, alphabet string) float64 {
	var steps []float64 // for n <24, <32, <40, >=40
	switch alphabet {
	case "hex":
		steps = []float64{3.0, 3.0, 3.2, 3.3}
	case "single":
		steps = []float64{3.7, 3.9, 4.1, 4.2}
	default:
		steps = []float64{3.9, 4.1, 4.3, 4.4}
	}
	switch {
	case n < 24:
		return steps[0]
	case n < 32:
		return steps[1]
	case n < 40:
		return steps[2]
	}
	return steps[3]
}

func classes(s string) (lower, upper, digit bool) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z':
			lower = true
		case 'A' <= c && c <= 'Z':
			upper = true
		case '0' <= c && c <= '9':
			digit = true
		}
	}
	return
}

// sequential reports whether s is mostly an alphabet or counting run
// (abcdef..., 0123...), which has high entropy and no secrecy.
func sequential(s string) bool {
	run := 0
	for i := 1; i < len(s); i++ {
		if s[i] == s[i-1]+1 {
			run++
		}
	}
	return run*2 >= len(s)
}

// randomToken reports the first token of v that looks random enough to be a
// key. hashField says the field's name marks it as holding a hash.
func randomToken(v string, hashField bool) (string, bool) {
	if publicKeyRE.MatchString(v) {
		return "", false
	}
	for _, loc := range tokenRE.FindAllStringIndex(v, -1) {
		tok := strings.Trim(v[loc[0]:loc[1]], "=/+-_")
		if hashPrefRE.MatchString(v[:loc[0]]) || uuidRE.MatchString(tok) || hashTokenRE.MatchString(tok) {
			continue
		}
		lower, upper, _ := classes(tok)
		parts := []string{tok}
		if !(lower && upper) {
			parts = strings.FieldsFunc(tok, func(r rune) bool { return strings.ContainsRune("/_.+=-", r) })
		}
		for _, p := range parts {
			if suspicious(p, hashField) {
				return p, true
			}
		}
	}
	return "", false
}

func suspicious(t string, hashField bool) bool {
	lower, upper, digit := classes(t)
	letter := lower || upper
	switch {
	case !digit || !letter || sequential(t):
		return false
	case hexRE.MatchString(t) && !(lower && upper):
		return !hashField && len(t) >= 32 && shannon(t) >= entropyThreshold(len(t), "hex")
	case len(t) < 20:
		return false
	case lower && upper:
		return shannon(t) >= entropyThreshold(len(t), "mixed")
	}
	return shannon(t) >= entropyThreshold(len(t), "single")
}

// redact shows at most the first 4 characters of a secret, and never more
// than a quarter of it.
func redact(s string) string {
	n := min(4, utf8.RuneCountInString(s)/4)
	r := []rune(s)
	return fmt.Sprintf("%q", string(r[:n])+"…")
}

// secretScanned is a field the scan looks at.
type secretScanned struct {
	field, name, value, kind string // kind: env, arg, label, argv
	prev                     string // argv: the previous word
	hasPrev                  bool
}

func (s *Spec) secretFields() []secretScanned {
	var out []secretScanned
	addMap := func(prefix, kind string, m map[string]string) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			out = append(out, secretScanned{field: prefix + k, name: k, value: m[k], kind: kind})
		}
	}
	addMap("env.", "env", s.Env)
	addMap("build.args.", "arg", s.Build.Args)
	addMap("labels.", "label", s.Labels)
	for _, a := range []struct {
		f    string
		argv []string
	}{{"entrypoint", s.Entrypoint}, {"command", s.Command}, {"build.command", s.Build.Command}, {"healthcheck.command", s.Healthcheck.Command}} {
		for i, w := range a.argv {
			sc := secretScanned{field: fmt.Sprintf("%s[%d]", a.f, i), value: w, kind: "argv"}
			if i > 0 {
				sc.prev, sc.hasPrev = a.argv[i-1], true
			}
			out = append(out, sc)
		}
	}
	return out
}

// alternative is the safe way to pass a secret, per kind of field.
var alternative = map[string]string{
	"env":   "an image's environment is readable by anyone who can pull it: inject the secret at run time instead (docker run --env-file or a compose secret)",
	"arg":   "build arguments are recorded in the image history: use a build secret instead (build.secrets, mounted only into the dependency step)",
	"label": "labels are public image metadata: remove it",
	"argv":  "the command line is stored in the image config: have the app read the secret from a file or from the environment at run time",
}

// scanSecrets checks every scanned field that notSecrets does not name, and
// that every notSecrets entry names a scanned field of the spec.
func (s *Spec) scanSecrets() []FieldError {
	var errs []FieldError
	fields := s.secretFields()
	known := map[string]bool{}
	for _, f := range fields {
		known[f.field] = true
	}
	skip := map[string]bool{}
	for i, n := range s.NotSecrets {
		f := fmt.Sprintf("notSecrets[%d]", i)
		switch {
		case !printable(n) || len(n) > 300:
			errs = append(errs, FieldError{f, "is not a field path (for example env.PUBLIC_KEY_ID)"})
		case !known[n]:
			errs = append(errs, FieldError{f, fmt.Sprintf("%q names no field of this spec that the secret scan reads (allowed: env.NAME, build.args.NAME, labels.KEY, entrypoint[N], command[N], build.command[N], healthcheck.command[N] of fields that are set)", n)})
		case skip[n]:
			errs = append(errs, FieldError{f, fmt.Sprintf("%q is listed twice", n)})
		}
		skip[n] = true
	}
	for _, f := range fields {
		if skip[f.field] {
			continue
		}
		if why := f.secret(); why != "" {
			errs = append(errs, FieldError{f.field, fmt.Sprintf("%s; never put a secret in a spec: %s (if it is not a secret, add %q to notSecrets)", why, alternative[f.kind], f.field)})
		}
	}
	return errs
}

// secret says why a field's value looks like a secret, or "".
func (f secretScanned) secret() string {
	v := f.value
	if what, m, ok := secretscan.MatchFormat(v); ok {
		return fmt.Sprintf("the value looks like %s (%s)", what, redact(m))
	}
	switch f.kind {
	case "argv":
		if m := passwordFlagRE.FindStringSubmatch(v); m != nil && m[2] != "" && secretscan.PasswordLikeName(m[1]) && !secretscan.HarmlessValue(m[2]) {
			return fmt.Sprintf("the argument passes a literal secret to --%s (%s)", m[1], redact(m[2]))
		}
		if f.hasPrev && v != "" && !strings.HasPrefix(v, "-") && !secretscan.HarmlessValue(v) {
			if m := passwordFlagRE.FindStringSubmatch(f.prev); m != nil && m[2] == "" && secretscan.PasswordLikeName(m[1]) {
				return fmt.Sprintf("the argument is a literal secret for %s (%s)", f.prev, redact(v))
			}
		}
		return ""
	}
	if v != "" && secretscan.PasswordLikeName(f.name) && !secretscan.HarmlessValue(v) {
		return fmt.Sprintf("%q names a secret and its value is a literal (%s)", f.name, redact(v))
	}
	words := secretscan.NameWords(f.name)
	hashField := len(words) > 0 && hashWords[words[len(words)-1]]
	if t, ok := randomToken(v, hashField); ok {
		return fmt.Sprintf("the value holds a random-looking token that may be a key (%s, %d characters)", redact(t), len(t))
	}
	return ""
}

// withoutEchoes drops every other error about a field that holds a secret,
// since those messages may quote the value.
func withoutEchoes(errs []FieldError, secretErrs []FieldError) []FieldError {
	if len(secretErrs) == 0 {
		return errs
	}
	secret := map[string]bool{}
	for _, e := range secretErrs {
		if !strings.HasPrefix(e.Field, "notSecrets[") {
			secret[e.Field] = true
		}
	}
	out := errs[:0]
	for _, e := range errs {
		if !secret[e.Field] {
			out = append(out, e)
		}
	}
	return append(out, secretErrs...)
}
