package cli

import (
	"strings"
	"testing"

	"github.com/dockergen/dockergen/generator"
)

// cliShQuote is the CLI's former copy of the shell quoting, kept here only to
// show that generator.ShellQuote, which replaced it, quotes every input the
// same way.
func cliShQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

var shellQuoteCases = []struct{ in, want string }{
	{"", "''"},
	{".", "."},
	{"./app", "./app"},
	{"examples/go", "examples/go"},
	{"/tmp/a-b_c@1%2+3=4:5,6", "/tmp/a-b_c@1%2+3=4:5,6"},
	{"my app", "'my app'"},
	{"it's", `'it'\''s'`},
	{"'", `''\'''`},
	{`a"b`, `'a"b'`},
	{"$HOME", "'$HOME'"},
	{"a;rm -rf /", "'a;rm -rf /'"},
	{"back`tick`", "'back`tick`'"},
	{"tab\there", "'tab\there'"},
	{"new\nline", "'new\nline'"},
	{"café", "'café'"},
	{"プロジェクト", "'プロジェクト'"},
	{"~/src", "'~/src'"},
	{"a*b?", "'a*b?'"},
	{"\xff", "'\xff'"},
}

func TestShellQuote(t *testing.T) {
	for _, c := range shellQuoteCases {
		if got := generator.ShellQuote(c.in); got != c.want {
			t.Errorf("ShellQuote(%q) = %q, want %q", c.in, got, c.want)
		}
		if got := cliShQuote(c.in); got != c.want {
			t.Errorf("the CLI's former quoting of %q = %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzShellQuote checks that generator.ShellQuote agrees with the CLI's
// former copy on any input (the seeds run with every go test).
func FuzzShellQuote(f *testing.F) {
	for _, c := range shellQuoteCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := generator.ShellQuote(s), cliShQuote(s); got != want {
			t.Errorf("ShellQuote(%q) = %q, the CLI's former copy gives %q", s, got, want)
		}
	})
}
