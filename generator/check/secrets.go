package check

import (
	"path"
	"slices"
	"strings"

	"github.com/dockergen/dockergen/generator/internal/secretscan"
)

// The names and formats that mark a secret are secretscan's, shared with
// the spec validator: a format added there is caught by both.

// credentialFormat reports whether a value holds a known credential format
// (a token or key, not a URL password: urlCredentials reports those).
func credentialFormat(v string) bool {
	_, _, ok := secretscan.MatchToken(v)
	return ok
}

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

// urlCredentials reports whether a word holds a URL with a literal password.
func urlCredentials(word string) bool {
	return secretscan.URLPasswordRE.MatchString(word)
}
