package generator

import (
	"regexp"
	"strings"
)

var shSafe = regexp.MustCompile(`^[A-Za-z0-9_@%+=:,./-]+$`)

// ShellQuote returns s as one POSIX shell word: unchanged when it has only
// safe characters (letters, digits and _@%+=:,./-), otherwise single-quoted
// with each ' written as '\”. It is the one shell-quoting function: run.sh
// (the template function sh) and the CLI's printed commands both use it.
func ShellQuote(s string) string {
	if s != "" && shSafe.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
