package generator

import (
	"fmt"
	"math/rand"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dockergen/dockergen/generator/internal/secretscan"
)

// The fake credentials below are built at run time, so that no string in
// the source looks like a live token to a repository secret scanner.

const (
	b64Alphabet   = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	alnumAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	lowerAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	hexAlphabet   = "0123456789abcdef"
)

var redactedRE = regexp.MustCompile(`"(\\.|[^"\\]){0,4}…"`)

func randString(r *rand.Rand, alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.Intn(len(alphabet))]
	}
	return string(b)
}

// fakes are one fake credential of each known format.
func fakes() map[string]string {
	r := rand.New(rand.NewSource(7))
	an := func(n int) string { return randString(r, alnumAlphabet, n) }
	return map[string]string{
		"a private key":                      "-----BEGIN " + "RSA PRIVATE KEY-----\\nMIIEow" + an(40),
		"a private key (openssh)":            "-----BEGIN " + "OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAA",
		"a private key (putty)":              "PuTTY-User-" + "Key-File-3: ssh-ed25519",
		"an AWS access key id":               "AKIA" + strings.ToUpper(randString(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)),
		"an AWS access key id (temporary)":   "ASIA" + strings.ToUpper(randString(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)),
		"a GCP service-account key":          `{"type": "service_account", "project_id": "demo", "private_key_id": "` + randString(r, hexAlphabet, 40) + `"}`,
		"a GCP service-account key (field)":  `{"private_key": "` + "-----BEGIN " + `PRIVATE KEY-----"`,
		"a GCP API key":                      "AIza" + randString(r, alnumAlphabet+"_-", 35),
		"an Azure storage connection string": "DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=" + randString(r, b64Alphabet, 86) + "==;EndpointSuffix=core.windows.net",
		"an Azure SAS signature":             "https://demo.blob.core.windows.net/c?sv=2022-11-02&ss=b&sig=" + randString(r, alnumAlphabet, 40) + "%3D",
		"an Azure storage account key":       randString(r, b64Alphabet, 86) + "==",
		"a GitHub token":                     "gh" + "p_" + an(36),
		"a GitHub OAuth token":               "gh" + "o_" + an(36),
		"a GitHub app token":                 "gh" + "s_" + an(36),
		"a GitHub fine-grained token":        "github" + "_pat_" + an(22) + "_" + an(59),
		"a GitLab token":                     "gl" + "pat-" + an(20),
		"a Slack token":                      "xo" + "xb-" + randString(r, "0123456789", 12) + "-" + an(24),
		"a Slack user token":                 "xo" + "xp-" + randString(r, "0123456789", 12) + "-" + an(24),
		"a Slack webhook URL":                "https://hooks.slack.com/services/T" + an(8) + "/B" + an(8) + "/" + an(24),
		"a Stripe secret key":                "sk" + "_live_" + an(24),
		"a Stripe restricted key":            "rk" + "_live_" + an(24),
		"an npm access token":                "np" + "m_" + an(36),
		"a PyPI API token":                   "pypi-" + "AgEIcHlwaS5vcmc" + randString(r, alnumAlphabet+"_-", 60),
		"a JSON Web Token":                   "ey" + "JhbGciOiJIUzI1NiJ9.ey" + "JzdWIiOiIxMjM0NTY3ODkwIn0." + randString(r, alnumAlphabet+"_-", 43),
		"a password in a URL":                "postgres://app:" + "hunter2" + "@db.internal:5432/app",
		"a random key (AWS secret key)":      randString(r, b64Alphabet, 40),
		"a random key (hex)":                 randString(r, hexAlphabet, 40),
	}
}

func scan(kind, name, value string) string {
	return secretScanned{field: "x", name: name, value: value, kind: kind}.secret()
}

// TestSecretFormatsAreRefused checks every known format in env, build
// arguments and labels, under a neutral name, and in a command line.
func TestSecretFormatsAreRefused(t *testing.T) {
	for what, v := range fakes() {
		for _, kind := range []string{"env", "arg", "label"} {
			if why := scan(kind, "SETTING", v); why == "" {
				t.Errorf("%s in %s was not refused", what, kind)
			}
		}
		if strings.HasPrefix(what, "a random key") {
			continue // command lines get no entropy scan
		}
		if why := scan("argv", "", v); why == "" {
			t.Errorf("%s in a command was not refused", what)
		}
		if why := scan("argv", "", "--config="+v); why == "" && !strings.HasPrefix(v, "-----") {
			t.Errorf("%s in a flag value was not refused", what)
		}
	}
}

func TestSecretFormatNames(t *testing.T) {
	for what, v := range fakes() {
		got := scan("env", "SETTING", v)
		want := map[string]string{
			"a GitHub OAuth token":              "a GitHub token",
			"a GitHub app token":                "a GitHub token",
			"a GitHub fine-grained token":       "a GitHub token",
			"a Slack user token":                "a Slack token",
			"a Stripe restricted key":           "a Stripe secret key",
			"a GCP service-account key (field)": "a private key",
			"a random key (AWS secret key)":     "random-looking token",
			"a random key (hex)":                "random-looking token",
		}[what]
		if want == "" {
			want = strings.TrimSpace(strings.Split(what, "(")[0])
		}
		if !strings.Contains(got, want) {
			t.Errorf("%s: message %q does not say %q", what, got, want)
		}
	}
}

func TestPasswordLikeNames(t *testing.T) {
	refused := []string{
		"PASSWORD", "DB_PASSWORD", "POSTGRES_PASSWORD", "MYSQL_ROOT_PASSWORD", "SMTP_PASS", "REDIS_PASSWD",
		"SECRET", "SECRET_KEY_BASE", "DJANGO_SECRET_KEY", "JWT_SECRET", "NEXTAUTH_SECRET", "CLIENT_SECRET",
		"GITHUB_TOKEN", "NPM_TOKEN", "ACCESS_TOKEN", "SLACK_BOT_TOKEN", "API_KEY", "STRIPE_API_KEY", "OPENAI_APIKEY",
		"PRIVATE_KEY", "SIGNING_KEY", "ENCRYPTION_KEY", "AWS_SECRET_ACCESS_KEY", "GOOGLE_APPLICATION_CREDENTIALS",
		"DOCKER_CREDS", "GPG_PASSPHRASE", "dbPassword", "apiKey", "com.example.api-key", "app.token",
	}
	for _, n := range refused {
		if why := scan("env", n, "changeme"); why == "" {
			t.Errorf("%s=changeme was not refused", n)
		}
	}
	allowed := []struct{ name, value string }{
		{"PASSWORD", ""},                        // empty: to be injected at run time
		{"DB_PASSWORD_FILE", "/run/secrets/db"}, // the *_FILE convention
		{"DB_PASSWORD", "/run/secrets/db_password"},
		{"GITHUB_TOKEN_PATH", "/var/run/token"},
		{"TOKEN_URL", "https://auth.example.com/oauth/token"},
		{"OAUTH_TOKEN_ENDPOINT", "https://auth.example.com/token"},
		{"SECRET_NAME", "prod-db-credentials"},
		{"PASSWORD_MIN_LENGTH", "12"},
		{"SESSION_TOKEN_TTL", "3600"},
		{"API_KEY_HEADER", "X-Api-Key"},
		{"REQUIRE_TOKEN", "true"},
		{"PASSWORD_AUTH", "false"},
		{"DB_PASSWORD", "${DB_PASSWORD}"},
		{"PWD", "/app"},
		{"OLDPWD", "/"},
		{"KEYBOARD_LAYOUT", "us"},
		{"CACHE_KEY", "v2-deps"},
		{"PUBLIC_KEY_ID", "k1"},
		{"TOKENIZER_MODEL", "bert-base-uncased"},
		{"BYPASS_CACHE", "1"},
		{"PASSENGER_APP_ENV", "production"},
		{"AUTH_URL", "https://auth.example.com"},
		{"SECRETARY_EMAIL", "office@example.com"},
		{"org.opencontainers.image.source", "https://github.com/dockergen/dockergen"},
	}
	for _, c := range allowed {
		if why := scan("env", c.name, c.value); why != "" {
			t.Errorf("%s=%q was refused: %s", c.name, c.value, why)
		}
	}
}

func TestPasswordFlagsInCommands(t *testing.T) {
	refused := [][]string{
		{"/app/server", "--password=hunter2"},
		{"/app/server", "-token=abc"},
		{"/app/server", "--api-key", "abc"},
		{"/app/server", "--db-password", "hunter2"},
	}
	for _, argv := range refused {
		s := &Spec{Command: argv}
		var hit bool
		for _, f := range s.secretFields() {
			hit = hit || f.secret() != ""
		}
		if !hit {
			t.Errorf("%q was not refused", argv)
		}
	}
	allowed := [][]string{
		{"/app/server", "--password-file=/run/secrets/pw"},
		{"/app/server", "--token-file", "/run/secrets/token"},
		{"/app/server", "--require-token", "--port", "8080"},
		{"/app/server", "--token", "-"},
		{"/app/server", "--auth-token=${TOKEN}"},
		{"/usr/local/bin/node", "-e", "fetch('http://127.0.0.1:8080/').then(r=>process.exit(r.ok?0:1))"},
		{"gunicorn", "--bind=0.0.0.0:8080", "--workers=4", "app:app"},
		{"npm", "run", "build", "--", "--mode=production"},
	}
	for _, argv := range allowed {
		s := &Spec{Command: argv}
		for _, f := range s.secretFields() {
			if why := f.secret(); why != "" {
				t.Errorf("%q: %s was refused: %s", argv, f.field, why)
			}
		}
	}
}

// TestEntropyFalsePositives lists values that are not secrets and that a
// careless entropy check would refuse: URLs, paths, versions, words, image
// references, hashes where hashes belong, identifiers and public keys.
func TestEntropyFalsePositives(t *testing.T) {
	hex64 := strings.Repeat("3f2a9c0d41be57e8", 4)
	values := []struct{ name, value string }{
		{"REGISTRY", "https://registry.npmjs.org/"},
		{"DOWNLOAD_URL", "https://github.com/dockergen/dockergen/releases/download/v1.2.3/dockergen_linux_amd64.tar.gz"},
		{"API_BASE", "https://example.com/api/v1/users?page=2&sort=desc"},
		{"AUTHORITY", "https://login.microsoftonline.com/common/oauth2/v2.0/authorize"},
		{"BUCKET_OBJECT", "https://storage.googleapis.com/my-bucket-name/path/to/object.json"},
		{"REDIS_ADDR", "redis://cache-primary.abc123.ng.0001.euw1.cache.amazonaws.com:6379/0"},
		{"DATABASE_URL", "postgres://app@db.internal:5432/app_production?sslmode=require"},
		{"PYTHONPATH", "/usr/local/lib/python3.12/site-packages"},
		{"PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"},
		{"CONFIG", "/opt/app/config/production/settings.yaml"},
		{"PGDATA", "/var/lib/postgresql/data/pgdata"},
		{"NODE_PATH", "/home/node/.npm-global/lib/node_modules"},
		{"ENTRY", "/app/node_modules/@scope/package-name/dist/index.js"},
		{"UPLOADS", "/srv/www/htdocs/wp-content/uploads/2024/01"},
		{"LIBSSL", "/usr/lib/x86_64-linux-gnu/libssl.so.3"},
		{"VERSION", "5.0.0-beta.3+build.20240115"},
		{"BASE", "3.12.1-slim-bookworm"},
		{"GO_IMAGE", "golang:1.26.0-alpine3.22"},
		{"IMAGE", "ghcr.io/dockergen/dockergen:v1.2.3"},
		{"IMAGE_PINNED", "ghcr.io/dockergen/dockergen@sha256:" + hex64},
		{"WORD", "supercalifragilisticexpialidocious"},
		{"WORD2", "internationalization"},
		{"CLASS", "org.springframework.boot.autoconfigure.SpringBootApplication"},
		{"CONN_NAME", "ApplicationInsightsConnectionString"},
		{"SERVICE", "MyCompanyInternalServiceName"},
		{"SENTENCE", "The quick brown fox jumps over the lazy dog"},
		{"JAVA_OPTS", "-XX:MaxRAMPercentage=75.0 -XX:+UseContainerSupport -Dfile.encoding=UTF-8"},
		{"NODE_OPTIONS", "--max-old-space-size=4096 --enable-source-maps"},
		{"DEPLOYMENT", "my-service-production-eu-west-1"},
		{"POD", "k8s-app-frontend-deployment-7d9f8b6c5d"},
		{"GCP_RESOURCE", "projects/my-project-123456/locations/europe-west1"},
		{"ROLE_ARN", "arn:aws:iam::123456789012:role/service-role/MyLambdaExecutionRole"},
		{"TZ", "America/Argentina/Buenos_Aires"},
		{"LANG", "en_US.UTF-8"},
		{"ZONES", "eu-west-1a,eu-west-1b,eu-west-1c"},
		{"CHARSET", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"},
		{"ALPHABET", "abcdefghijklmnopqrstuvwxyz"},
		{"TENANT_ID", "72f988bf-86f1-41af-91ab-2d7cd011db47"},
		{"REQUEST_ID", "123e4567-e89b-12d3-a456-426614174000"},
		{"GIT_COMMIT", hex64[:40]},
		{"BUILD_SHA", hex64},
		{"org.opencontainers.image.revision", hex64[:40]},
		{"CHECKSUM", "sha256:" + hex64},
		{"INTEGRITY", "sha512-" + randString(rand.New(rand.NewSource(5)), b64Alphabet, 86) + "=="},
		{"SRI", "sha384-" + randString(rand.New(rand.NewSource(6)), b64Alphabet, 64)},
		{"DEPLOY_KEY_PUB", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG3u9kBx5P4yq0sR9a2Jw6Yj2q8tT3xQk7Fv1mN0pLzZ deploy@ci"},
		{"STRIPE_PUBLISHABLE", "pk_live_" + strings.Repeat("51HaBcDeF2gH", 2)},
		{"EMAIL", "first.last@example-company.com"},
		{"CRON", "*/15 0-6 * * MON-FRI"},
		{"FEATURES", "search,recommendations,checkout-v2,dark-mode"},
		{"GREETING", "Hello, wörld! Ünïcödé façade résumé naïve"},
	}
	for _, c := range values {
		if why := scan("env", c.name, c.value); why != "" {
			t.Errorf("%s=%q was refused: %s", c.name, c.value, why)
		}
		if why := scan("label", "org.example."+strings.ToLower(strings.ReplaceAll(c.name, "_", "-")), c.value); why != "" && !strings.Contains(c.name, ".") {
			t.Errorf("label %s=%q was refused: %s", c.name, c.value, why)
		}
	}
}

// TestEntropyDetectsRandomTokens measures the detection rate on random
// tokens of each alphabet and length, under a neutral name.
func TestEntropyDetectsRandomTokens(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	cases := []struct {
		alphabet string
		name     string
		n        int
		min      float64 // detection rate
	}{
		{b64Alphabet, "base64", 24, 0.60},
		{b64Alphabet, "base64", 32, 0.85},
		{b64Alphabet, "base64", 40, 0.95},
		{b64Alphabet, "base64", 64, 0.999},
		{alnumAlphabet, "alnum", 40, 0.95},
		{lowerAlphabet, "lower+digits", 32, 0.80},
		{lowerAlphabet, "lower+digits", 40, 0.95},
		{hexAlphabet, "hex", 32, 0.95},
		{hexAlphabet, "hex", 40, 0.99},
		{hexAlphabet, "hex", 64, 0.999},
	}
	for _, c := range cases {
		hits := 0
		const N = 2000
		for i := 0; i < N; i++ {
			if scan("env", "SETTING", randString(r, c.alphabet, c.n)) != "" {
				hits++
			}
		}
		rate := float64(hits) / N
		t.Logf("%-13s n=%2d detected %.1f%%", c.name, c.n, 100*rate)
		if rate < c.min {
			t.Errorf("%s n=%d: detected %.1f%%, want at least %.1f%%", c.name, c.n, 100*rate, 100*c.min)
		}
	}
}

func TestRedact(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"ghp_" + strings.Repeat("a", 36), `"ghp_…"`},
		{"hunter2", `"h…"`},
		{"abc", `"…"`},
		{"ééééééééééééééééé", `"éééé…"`},
	} {
		if got := redact(c.in); got != c.want {
			t.Errorf("redact(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

// leaks reports a piece of value of 5 characters or more that msg repeats,
// ignoring pieces that the field path itself contains and the names of the
// formats (a service-account key says "service").
func leaks(msg, field, value string) string {
	for _, f := range secretscan.Formats {
		msg = strings.ReplaceAll(msg, f.What, "")
	}
	// The redacted prefix itself, at most 4 characters, is allowed.
	msg = redactedRE.ReplaceAllString(msg, "")
	r := []rune(value)
	for i := 0; i+5 <= len(r); i++ {
		piece := string(r[i : i+5])
		if strings.Contains(msg, piece) && !strings.Contains(field, piece) {
			return piece
		}
	}
	return ""
}

// TestSecretErrorsThroughLoadSpec checks the whole path: file:line:col,
// the field, the alternative, the notSecrets hint, and no echo of the value.
func TestSecretErrorsThroughLoadSpec(t *testing.T) {
	for what, v := range fakes() {
		for _, c := range []struct{ yaml, field, alt string }{
			{"env:\n  SETTING: %s\n", "env.SETTING", "inject the secret at run time"},
			{"build:\n  args:\n    SETTING: %s\n", "build.args.SETTING", "use a build secret instead"},
			{"labels:\n  org.example.setting: %s\n", "labels.org.example.setting", "labels are public image metadata"},
		} {
			spec := "apiVersion: dockergen/v1\nname: app\nstack: node\n" + fmt.Sprintf(c.yaml, yamlString(v))
			_, err := LoadSpec("s.yaml", []byte(spec))
			if err == nil {
				t.Errorf("%s in %s: loaded", what, c.field)
				continue
			}
			msg := err.Error()
			line := strings.Count(spec[:strings.Index(spec, yamlString(v))], "\n") + 1
			prefix := fmt.Sprintf("s.yaml:%d:", line)
			if !strings.HasPrefix(msg, prefix) || !strings.Contains(msg, ": "+c.field+": ") {
				t.Errorf("%s: message %q does not start with %s…: %s:", what, msg, prefix, c.field)
			}
			if !strings.Contains(msg, c.alt) || !strings.Contains(msg, `add "`+c.field+`" to notSecrets`) {
				t.Errorf("%s: message %q lacks the alternative or the notSecrets hint", what, msg)
			}
			if p := leaks(msg, c.field, v); p != "" {
				t.Errorf("%s: message %q repeats %q of the secret", what, msg, p)
			}
		}
	}
}

// TestSecretNeverEchoed: a field that holds a secret and breaks another rule
// (a newline in a command word, whose message quotes the word) reports only
// the secret, redacted.
func TestSecretNeverEchoed(t *testing.T) {
	tok := "np" + "m_" + strings.Repeat("Ab3", 12)
	s := &Spec{Name: "app", Stack: "node", Command: []string{"--registry-token=" + tok + "\nx"}}
	s.Defaults()
	errs := s.Validate()
	if len(errs) != 1 || errs[0].Field != "command[0]" {
		t.Fatalf("got %v, want one error on command[0]", errs)
	}
	if p := leaks(errs[0].Msg, "command[0]", tok); p != "" {
		t.Errorf("message %q repeats %q", errs[0].Msg, p)
	}
}

func TestNotSecrets(t *testing.T) {
	key := randString(rand.New(rand.NewSource(3)), b64Alphabet, 44)
	base := "apiVersion: dockergen/v1\nname: app\nstack: node\nenv:\n  VAPID_PUBLIC_KEY: " + yamlString(key) + "\n"
	if _, err := LoadSpec("s.yaml", []byte(base)); err == nil || !strings.Contains(err.Error(), "env.VAPID_PUBLIC_KEY: the value holds a random-looking token") {
		t.Fatalf("without notSecrets: %v", err)
	}
	if _, err := LoadSpec("s.yaml", []byte(base+"notSecrets: [env.VAPID_PUBLIC_KEY]\n")); err != nil {
		t.Fatalf("with notSecrets: %v", err)
	}
	// Only the named field is skipped.
	other := base + "  API_TOKEN: letmein\nnotSecrets: [env.VAPID_PUBLIC_KEY]\n"
	if _, err := LoadSpec("s.yaml", []byte(other)); err == nil || !strings.Contains(err.Error(), "env.API_TOKEN") {
		t.Errorf("another field: %v", err)
	}
	plain := "apiVersion: dockergen/v1\nname: app\nstack: node\nenv:\n  VAPID_PUBLIC_KEY: x\n"
	for _, c := range []struct{ list, want string }{
		{"[env.NOPE]", `s.yaml:6:14: notSecrets[0]: "env.NOPE" names no field of this spec`},
		{"[VAPID_PUBLIC_KEY]", `notSecrets[0]: "VAPID_PUBLIC_KEY" names no field`},
		{"[env.VAPID_PUBLIC_KEY, env.VAPID_PUBLIC_KEY]", `s.yaml:6:36: notSecrets[1]: "env.VAPID_PUBLIC_KEY" is listed twice`},
		{"[\"env.A\\nB\"]", `notSecrets[0]: is not a field path`},
	} {
		_, err := LoadSpec("s.yaml", []byte(plain+"notSecrets: "+c.list+"\n"))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("notSecrets %s: got %v, want …%s…", c.list, err, c.want)
		}
	}
	// Command words can be overridden too.
	cmd := "apiVersion: dockergen/v1\nname: app\nstack: node\ncommand: [\"--token\", \"abc\"]\n"
	if _, err := LoadSpec("s.yaml", []byte(cmd)); err == nil || !strings.Contains(err.Error(), "command[1]: the argument is a literal secret for --token") {
		t.Errorf("command: %v", err)
	}
	if _, err := LoadSpec("s.yaml", []byte(cmd+"notSecrets: [\"command[1]\"]\n")); err != nil {
		t.Errorf("command with notSecrets: %v", err)
	}
}

// TestRandomTokenNeverPanics runs the scanner on awkward input.
func TestRandomTokenNeverPanics(t *testing.T) {
	for _, v := range []string{"", "=", strings.Repeat("=", 50), strings.Repeat("/", 50), "\xff\xfe", "é" + strings.Repeat("a1B", 20), strings.Repeat("-_", 30)} {
		_ = scan("env", "X", v)
		_ = scan("argv", "", v)
		_ = redact(v)
		if !utf8.ValidString(v) {
			continue
		}
	}
}
