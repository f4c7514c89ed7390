package generator

import (
	"bufio"
	"bytes"
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
)

// configFile is a file that a stack's image copies in (nginx.conf, php.ini):
// generated beside the Dockerfile from the template STACK.NAME.tmpl rather
// than written by a shell command inside RUN, so people and scanners read it
// as what it is. Check re-parses the rendered file.
type configFile struct {
	Name  string
	Check func([]byte) error
}

// configTemplate is the template that renders a stack's config file.
func configTemplate(stackName, file string) string { return stackName + "." + file + ".tmpl" }

// ConfigSrc returns the COPY source of one of the spec's config files: its
// path relative to the build context. It fails for a file the stack does not
// generate (a typo in a template).
func (d *data) ConfigSrc(name string) (string, error) {
	for _, c := range d.configs {
		if c.Name == name {
			return path.Join(d.outDir, name), nil
		}
	}
	return "", fmt.Errorf("%s is not one of the stack's config files", name)
}

// ConfigSrcs returns the COPY sources of every config file of the spec.
func (d *data) ConfigSrcs() []string {
	var srcs []string
	for _, c := range d.configs {
		srcs = append(srcs, path.Join(d.outDir, c.Name))
	}
	return srcs
}

// InDir returns the path of config file name relative to dir (a directory
// of the build context, such as a site's root) when the file lies inside
// it, else "": a server must then not serve it.
func (d *data) InDir(dir, name string) (string, error) {
	src, err := d.ConfigSrc(name)
	if err != nil {
		return "", err
	}
	dir = path.Clean(dir)
	if dir == "." {
		return src, nil
	}
	if rest, ok := strings.CutPrefix(src, dir+"/"); ok {
		return rest, nil
	}
	return "", nil
}

// verifyConfigs checks that each config file was rendered, re-parses, and
// is not excluded from the build context by the generated .dockerignore
// (its COPY would fail).
func verifyConfigs(files Files, want expect) error {
	var ignore *patternmatcher.PatternMatcher
	ignoreName := want.IgnoreFile
	if ignoreName == "" {
		ignoreName = ".dockerignore"
	}
	if di, ok := files[ignoreName]; ok {
		pats, err := ignorefile.ReadAll(bytes.NewReader(di))
		if err != nil {
			return bugf(ignoreName, err)
		}
		if ignore, err = patternmatcher.New(pats); err != nil {
			return bugf(ignoreName, err)
		}
	}
	for _, c := range want.Configs {
		b, ok := files[c.Name]
		if !ok {
			return bugf(c.Name, fmt.Errorf("not rendered"))
		}
		if err := c.Check(b); err != nil {
			return bugf(c.Name, err)
		}
		if ignore != nil {
			src := path.Join(want.OutDir, c.Name)
			if ex, err := ignore.MatchesOrParentMatches(src); err != nil || ex {
				return bugf(ignoreName, fmt.Errorf("it excludes %s, which the Dockerfile copies", src))
			}
		}
	}
	return nil
}

var (
	iniSection = regexp.MustCompile(`^\[[A-Za-z0-9_.-]+\]$`)
	iniKey     = regexp.MustCompile(`^[A-Za-z0-9_.\[\]-]+$`)
)

// checkINI parses PHP's INI syntax, strictly: comments (;), [section]
// lines and key = value lines whose value is a bare word or one
// double-quoted string with no quote or line break inside.
func checkINI(b []byte) error {
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, ";"):
			continue
		case strings.HasPrefix(line, "["):
			if !iniSection.MatchString(line) {
				return fmt.Errorf("line %d: bad section %q", n, line)
			}
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if !ok || !iniKey.MatchString(k) {
			return fmt.Errorf("line %d: want key = value, got %q", n, line)
		}
		if q, ok := strings.CutPrefix(v, `"`); ok {
			if !strings.HasSuffix(q, `"`) || strings.Contains(strings.TrimSuffix(q, `"`), `"`) {
				return fmt.Errorf("line %d: unbalanced quotes in %q", n, v)
			}
		} else if v == "" || strings.ContainsAny(v, "\"'{}|&~![()^$;") {
			return fmt.Errorf("line %d: value %q needs quotes", n, v)
		}
	}
	return sc.Err()
}

// checkNginx checks nginx.conf's structure: quotes closed, braces balanced,
// and every directive ended by ';' or opening a block.
func checkNginx(b []byte) error {
	depth, words, line := 0, 0, 1
	s := string(b)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\n':
			line++
		case c == '#':
			for i < len(s) && s[i] != '\n' {
				i++
			}
			line++
		case c == '"' || c == '\'':
			j := strings.IndexByte(s[i+1:], c)
			if j < 0 {
				return fmt.Errorf("line %d: unclosed quote", line)
			}
			line += strings.Count(s[i:i+1+j], "\n")
			i += j + 1
			words++
		case c == ';':
			if words == 0 {
				return fmt.Errorf("line %d: empty directive", line)
			}
			words = 0
		case c == '{':
			if words == 0 {
				return fmt.Errorf("line %d: block without a name", line)
			}
			depth, words = depth+1, 0
		case c == '}':
			if words != 0 {
				return fmt.Errorf("line %d: directive not ended with ';'", line)
			}
			if depth--; depth < 0 {
				return fmt.Errorf("line %d: unbalanced '}'", line)
			}
		case c == ' ' || c == '\t' || c == '\r':
		default:
			for i+1 < len(s) && !strings.ContainsRune(" \t\r\n;{}#\"'", rune(s[i+1])) {
				i++
			}
			words++
		}
	}
	if depth != 0 || words != 0 {
		return fmt.Errorf("unbalanced braces or an unended directive at the end")
	}
	return nil
}

var apacheTag = regexp.MustCompile(`^<(/?)([A-Za-z]+)[ >]`)

// checkApache checks an Apache configuration's sections: every <Section>
// closed by its </Section>, in order; and no line continued with '\'.
func checkApache(b []byte) error {
	var open []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasSuffix(line, `\`) {
			return fmt.Errorf("line %d: continued line", n)
		}
		if !strings.HasPrefix(line, "<") {
			continue
		}
		m := apacheTag.FindStringSubmatch(line + " ")
		if m == nil || !strings.HasSuffix(line, ">") {
			return fmt.Errorf("line %d: bad section tag %q", n, line)
		}
		if m[1] == "" {
			open = append(open, m[2])
			continue
		}
		if len(open) == 0 || open[len(open)-1] != m[2] {
			return fmt.Errorf("line %d: </%s> closes nothing open", n, m[2])
		}
		open = open[:len(open)-1]
	}
	if len(open) > 0 {
		return fmt.Errorf("<%s> is not closed", open[len(open)-1])
	}
	return sc.Err()
}
