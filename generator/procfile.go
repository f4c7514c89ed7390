package generator

import (
	"bufio"
	"bytes"
	"fmt"
	"regexp"
	"strings"
)

// procfileWeb reads the web process of a Procfile (the PaaS convention of
// Heroku, Dokku, foreman and others: "web: gunicorn app:app"), a strong hint
// of what the project runs and how, for every stack. It returns the command
// as written, with its file:line.
func procfileWeb(p *project) (Detected, bool) {
	data, ok := p.read("Procfile")
	if !ok {
		return Detected{}, false
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		name, cmd, ok := strings.Cut(line, ":")
		if !ok || strings.TrimSpace(name) != "web" {
			continue
		}
		if cmd = strings.TrimSpace(cmd); cmd != "" {
			return Detected{Value: cmd, From: fmt.Sprintf("Procfile:%d", n)}, true
		}
	}
	return Detected{}, false
}

// procfileWords splits a Procfile command into words, dropping leading
// environment assignments (FOO=bar cmd). Quotes group words; nothing is
// expanded: "$PORT" stays as written for the caller to recognise.
func procfileWords(cmd string) []string {
	var words []string
	var cur strings.Builder
	quote, in := rune(0), false
	for _, r := range cmd {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '"' || r == '\'':
			quote, in = r, true
		case r == ' ' || r == '\t':
			if in {
				words = append(words, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteRune(r)
			in = true
		}
	}
	if in {
		words = append(words, cur.String())
	}
	for len(words) > 1 && envAssignRE.MatchString(words[0]) {
		words = words[1:]
	}
	return words
}

var envAssignRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*=`)
