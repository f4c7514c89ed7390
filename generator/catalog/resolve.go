package catalog

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Syntax is a version-constraint language.
type Syntax string

// The constraint syntaxes Resolve reads; SyntaxFor says which runtime uses
// which.
const (
	// SyntaxNpm: npm ranges (package.json engines, .nvmrc): ">=18",
	// "^20 || ^22", "20.x", "18 - 22", "~20.1", "v20.11.0", "lts/*",
	// "lts/iron", "node".
	SyntaxNpm Syntax = "npm"
	// SyntaxPEP440: Python version specifiers (requires-python,
	// .python-version): ">=3.11", "~=3.12", ">=3.9,<3.13", "3.12.*",
	// "==3.12.1", "3.12".
	SyntaxPEP440 Syntax = "pep440"
	// SyntaxGem: RubyGems requirements (Gemfile ruby, .ruby-version,
	// Gemfile.lock RUBY VERSION): "~> 3.2", ">= 3.2", "3.4.9", "ruby 3.4.9p0".
	SyntaxGem Syntax = "gem"
	// SyntaxComposer: Composer constraints (require.php, config.platform.php):
	// "^8.1", ">=8.2", "~8.3.0", "8.2.*|8.3.*", ">=8.1 <8.4".
	SyntaxComposer Syntax = "composer"
	// SyntaxGoMod: go.mod's go directive is a minimum ("1.19", "go 1.22.3");
	// a toolchain ("go1.27.3", "toolchain go1.27.3") is an exact version.
	SyntaxGoMod Syntax = "gomod"
	// SyntaxTFM: .NET target frameworks (net8.0, net10.0-windows) and
	// global.json SDK versions (8.0.404) name one line.
	SyntaxTFM Syntax = "tfm"
	// SyntaxCargo: Cargo's rust-version is a minimum ("1.85"); "stable" is
	// the newest.
	SyntaxCargo Syntax = "cargo"
	// SyntaxPlain: comparisons as in npm; a bare version names its line
	// (Java's 21, nginx's 1.30).
	SyntaxPlain Syntax = "plain"
)

var syntaxes = map[string]Syntax{
	"node": SyntaxNpm, "python": SyntaxPEP440, "ruby": SyntaxGem, "php": SyntaxComposer,
	"go": SyntaxGoMod, "dotnet": SyntaxTFM, "rust": SyntaxCargo,
}

// SyntaxFor returns the constraint syntax of a runtime's ecosystem
// (SyntaxPlain for java, nginx and the base families).
func SyntaxFor(runtime string) Syntax {
	if s, ok := syntaxes[runtime]; ok {
		return s
	}
	return SyntaxPlain
}

// Resolution is the line a constraint resolves to.
type Resolution struct {
	// Line is the chosen line.
	Line *Line
	// Version is the exact version when the constraint pins one (20.11.0),
	// else the line's version.
	Version string
	// Pinned is set when the constraint names one version or one line (an
	// exact version, .nvmrc's 20, .python-version's 3.12): it resolves to
	// that line even when the line is at end of life.
	Pinned bool
	// Phase is the chosen line's phase at the day asked about; EndOfLife only
	// when the constraint allows no line that is alive.
	Phase Phase
	// Alternative is the newest supported line (Newest), for a warning when
	// Phase is EndOfLife.
	Alternative *Line
	// Reason says why, for detect: ">=18 → 26, the newest LTS".
	Reason string
}

// Resolve returns the newest supported line that satisfies a constraint,
// written in the runtime's ecosystem syntax (SyntaxFor). Lines not released
// at asOf are never chosen. A minimum is a floor, not the choice: ">=18"
// resolves to the newest LTS. Of several lines alive, an LTS line is
// preferred where the runtime has LTS lines, and a development (mainline)
// line is chosen only when nothing else fits. A constraint that names one
// version or line resolves to it, even at end of life (Phase says so). When
// every line the constraint allows has ended, the newest of them is chosen,
// with Phase EndOfLife. It fails for a constraint it cannot read and for one
// no line in the catalog satisfies.
func (c *Catalog) Resolve(runtime, constraint string, asOf time.Time) (Resolution, error) {
	p, err := c.product(runtime)
	if err != nil {
		return Resolution{}, err
	}
	con, err := parseConstraint(p, SyntaxFor(runtime), constraint)
	if err != nil {
		return Resolution{}, fmt.Errorf("%s version %q: %w", p.Title, constraint, err)
	}
	return c.resolve(p, con, asOf)
}

// Pin resolves an exact version from a pin file or lockfile (Gemfile.lock,
// rust-toolchain, .go-version…): its own line, even at end of life. A
// version with fewer components than a line ("3") is read as "that major",
// the newest supported line in it.
func (c *Catalog) Pin(runtime, ver string, asOf time.Time) (Resolution, error) {
	p, err := c.product(runtime)
	if err != nil {
		return Resolution{}, err
	}
	con, err := parseConstraint(p, SyntaxPlain, strings.TrimPrefix(strings.TrimSpace(ver), "="))
	if err != nil {
		return Resolution{}, fmt.Errorf("%s version %q: %w", p.Title, ver, err)
	}
	return c.resolve(p, con, asOf)
}

func (c *Catalog) resolve(p *Product, con constraint, asOf time.Time) (Resolution, error) {
	newest := p.prefer(p.Lines, asOf)
	if con.pinned != nil && p.lineOf(con.pinned) == nil {
		con.pinned = nil // "3", or a version newer than every line: not one line
	}
	if con.newestAny {
		con.any = []interval{{}}
	}
	var allowed []*Line
	for _, l := range p.Lines {
		if l.Released.onOrBefore(asOf) && con.allows(l) {
			allowed = append(allowed, l)
		}
	}
	if len(allowed) == 0 {
		if con.pinned != nil { // pinned to a line released after asOf: take it as written
			if l := p.lineOf(con.pinned); l != nil {
				allowed = []*Line{l}
			}
		}
		if len(allowed) == 0 {
			return Resolution{}, fmt.Errorf("%s %s: no release line in the catalog satisfies it (%s)", p.Title, con.text, p.span())
		}
	}
	var pick *Line
	switch {
	case con.newestAny:
		for i := len(allowed) - 1; i >= 0 && pick == nil; i-- {
			if ph := allowed[i].PhaseAt(asOf); ph == Supported || ph == SecurityOnly {
				pick = allowed[i]
			}
		}
	default:
		pick = p.prefer(allowed, asOf)
	}
	r := Resolution{Alternative: newest, Pinned: con.pinned != nil}
	if pick == nil { // every allowed line has ended: the newest of them
		pick = allowed[len(allowed)-1]
	}
	r.Line, r.Version, r.Phase = pick, pick.Version, pick.PhaseAt(asOf)
	if con.pinned != nil && len(con.pinned) > len(pick.ver) {
		r.Version = con.pinned.String()
	}
	r.Reason = reason(con, r, newest, asOf)
	return r, nil
}

func reason(con constraint, r Resolution, newest *Line, asOf time.Time) string {
	l := r.Line
	s := con.text + " → " + l.Version
	if r.Version != l.Version {
		s += " (" + r.Version + ")"
	}
	switch {
	case r.Phase == EndOfLife:
		if !r.Pinned {
			s += ", the newest allowed"
		}
		s += ", end of life since " + l.EOL.String()
		if newest != nil {
			s += " (newest supported: " + newest.Version + ")"
		}
		return s
	case r.Pinned:
	case l == newest && l.IsLTS(asOf):
		s += ", the newest LTS"
	case l == newest:
		s += ", the newest supported"
	case l.IsLTS(asOf):
		s += ", the newest LTS allowed"
	default:
		s += ", the newest supported allowed"
	}
	if r.Phase == SecurityOnly {
		s += " (security fixes only; end of life on " + l.EOL.String() + ")"
	}
	return s
}

// bound is one end of an interval; a nil v is unbounded.
type bound struct {
	v    version
	incl bool
}

// interval is the versions between lo and hi.
type interval struct{ lo, hi bound }

// constraint is a union of intervals.
type constraint struct {
	text string
	any  []interval
	// pinned is the version when the constraint names exactly one version
	// or line.
	pinned version
	// newestAny: "node", "current", "stable": the newest line alive,
	// LTS or not.
	newestAny bool
}

// allows reports whether some version of the line satisfies the constraint.
func (c constraint) allows(l *Line) bool {
	line := interval{lo: bound{l.ver, true}, hi: bound{l.ver.next(), false}}
	for _, iv := range c.any {
		if iv.overlaps(line) {
			return true
		}
	}
	return false
}

func (a interval) overlaps(b interval) bool {
	lo := a.lo
	if lo.v == nil || (b.lo.v != nil && (compareVersions(b.lo.v, lo.v) > 0 || compareVersions(b.lo.v, lo.v) == 0 && !b.lo.incl)) {
		lo = b.lo
	}
	hi := a.hi
	if hi.v == nil || (b.hi.v != nil && (compareVersions(b.hi.v, hi.v) < 0 || compareVersions(b.hi.v, hi.v) == 0 && !b.hi.incl)) {
		hi = b.hi
	}
	if lo.v == nil || hi.v == nil {
		return true
	}
	c := compareVersions(lo.v, hi.v)
	return c < 0 || c == 0 && lo.incl && hi.incl
}

// intersect narrows a by b.
func (a interval) intersect(b interval) interval {
	if b.lo.v != nil && (a.lo.v == nil || compareVersions(b.lo.v, a.lo.v) > 0 || compareVersions(b.lo.v, a.lo.v) == 0 && !b.lo.incl) {
		a.lo = b.lo
	}
	if b.hi.v != nil && (a.hi.v == nil || compareVersions(b.hi.v, a.hi.v) < 0 || compareVersions(b.hi.v, a.hi.v) == 0 && !b.hi.incl) {
		a.hi = b.hi
	}
	return a
}

var (
	opRE      = regexp.MustCompile(`(~>|~=|===|==|>=|<=|!=|\^|~|>|<|=)\s+`)
	termRE    = regexp.MustCompile(`^(~>|~=|===|==|>=|<=|!=|\^|~|>|<|=)?v?([0-9]+(?:\.[0-9]+){0,3})(?:\.[*xX])?$|^(~>|~=|===|==|>=|<=|!=|\^|~|>|<|=)?v?([*xX])$`)
	hyphenRE  = regexp.MustCompile(`^v?([0-9.]+)\s+-\s+v?([0-9.]+)$`)
	tfmRE     = regexp.MustCompile(`^net(?:coreapp)?([0-9]+\.[0-9]+)(?:-[a-z0-9.]+)?$`)
	rubyVerRE = regexp.MustCompile(`^(?:ruby[\s-]+)?([0-9]+\.[0-9]+\.[0-9]+)(?:p[0-9]+)?$`)
)

func parseConstraint(p *Product, syn Syntax, text string) (constraint, error) {
	text = strings.TrimSpace(text)
	con := constraint{text: text}
	if text == "" {
		return con, fmt.Errorf("empty constraint")
	}
	s := strings.Trim(text, `"'`)
	lower := strings.ToLower(s)
	switch syn {
	case SyntaxNpm:
		switch {
		case lower == "lts/*" || lower == "lts" || lower == "lts/-0":
			con.any = []interval{{}}
			return con, nil // prefer() picks the newest LTS
		case strings.HasPrefix(lower, "lts/"):
			l := p.byCodename(strings.TrimPrefix(lower, "lts/"))
			if l == nil {
				return con, fmt.Errorf("unknown LTS codename %q", strings.TrimPrefix(s, "lts/"))
			}
			con.pinned = l.ver
			con.any = []interval{lineInterval(l.ver)}
			return con, nil
		case lower == "node" || lower == "latest" || lower == "current" || lower == "stable":
			con.newestAny = true
			return con, nil
		}
	case SyntaxGoMod:
		s = strings.TrimSpace(strings.TrimPrefix(lower, "toolchain"))
		if strings.HasPrefix(s, "go1") || strings.HasPrefix(s, "go2") {
			return parseTerms(con, syn, strings.TrimPrefix(s, "go"))
		}
		s = strings.TrimSpace(strings.TrimPrefix(s, "go "))
		if v, err := parseVersion(s); err == nil {
			con.text = ">=" + v.String()
			con.any = []interval{{lo: bound{v, true}}}
			return con, nil
		}
	case SyntaxCargo:
		if lower == "stable" {
			con.newestAny = true
			return con, nil
		}
		if v, err := parseVersion(s); err == nil {
			con.text = ">=" + v.String()
			con.any = []interval{{lo: bound{v, true}}}
			return con, nil
		}
	case SyntaxTFM:
		if m := tfmRE.FindStringSubmatch(lower); m != nil {
			s = m[1]
		}
	case SyntaxGem:
		if m := rubyVerRE.FindStringSubmatch(lower); m != nil {
			s = m[1]
		}
	}
	return parseTerms(con, syn, s)
}

// parseTerms reads OR-ed clauses of AND-ed comparisons.
func parseTerms(con constraint, syn Syntax, s string) (constraint, error) {
	s = opRE.ReplaceAllString(s, "$1")
	var ors []string
	switch syn {
	case SyntaxComposer:
		ors = strings.Split(strings.ReplaceAll(s, "||", "|"), "|")
	case SyntaxPEP440, SyntaxGem:
		ors = []string{s}
	default:
		ors = strings.Split(s, "||")
	}
	terms := 0
	var only string
	for _, clause := range ors {
		clause = strings.TrimSpace(clause)
		if clause == "" {
			return con, fmt.Errorf("empty alternative")
		}
		iv := interval{}
		if m := hyphenRE.FindStringSubmatch(clause); m != nil && (syn == SyntaxNpm || syn == SyntaxComposer || syn == SyntaxPlain) {
			a, err1 := parseVersion(m[1])
			b, err2 := parseVersion(m[2])
			if err1 != nil || err2 != nil {
				return con, fmt.Errorf("range %q: want VERSION - VERSION", clause)
			}
			con.any = append(con.any, interval{lo: bound{a, true}, hi: bound{b.next(), false}})
			terms += 2
			continue
		}
		var parts []string
		switch syn {
		case SyntaxPEP440, SyntaxGem:
			parts = strings.Split(clause, ",")
		default:
			parts = strings.FieldsFunc(clause, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
		}
		for _, t := range parts {
			t = strings.Trim(strings.TrimSpace(t), `"'`)
			if t == "" {
				return con, fmt.Errorf("empty comparison")
			}
			one, exact, err := parseTerm(syn, t)
			if err != nil {
				return con, err
			}
			iv = iv.intersect(one)
			terms++
			only = ""
			if exact {
				only = t
			}
		}
		con.any = append(con.any, iv)
	}
	if terms == 1 && only != "" {
		m := termRE.FindStringSubmatch(only)
		con.pinned, _ = parseVersion(m[2])
	}
	return con, nil
}

// parseTerm reads one comparison. exact is set for a version with no
// operator (or =, ==) and no wildcard.
func parseTerm(syn Syntax, t string) (iv interval, exact bool, err error) {
	m := termRE.FindStringSubmatch(t)
	if m == nil {
		return iv, false, fmt.Errorf("%q: not a version comparison this syntax (%s) reads", t, syn)
	}
	if m[4] != "" { // * or x: anything
		return interval{}, false, nil
	}
	op, vs := m[1], m[2]
	v, err := parseVersion(vs)
	if err != nil {
		return iv, false, err
	}
	wild := strings.HasSuffix(t, "*") || strings.HasSuffix(t, "x") || strings.HasSuffix(t, "X")
	// In npm (and the plain syntax) a partial version is a range of every
	// version it starts with; elsewhere 3.12 means 3.12.0.
	partialRange := syn == SyntaxNpm || syn == SyntaxPlain || syn == SyntaxTFM
	switch op {
	case "", "=", "==", "===":
		if wild || partialRange || op == "" && len(v) < 3 {
			return lineInterval(v), !wild, nil
		}
		return interval{lo: bound{v, true}, hi: bound{v, true}}, true, nil
	case "!=":
		return interval{}, false, nil // excludes one version, never a whole line
	case ">=":
		return interval{lo: bound{v, true}}, false, nil
	case ">":
		if partialRange && (wild || len(v) < 3) {
			return interval{lo: bound{v.next(), true}}, false, nil
		}
		return interval{lo: bound{v, false}}, false, nil
	case "<=":
		if partialRange && (wild || len(v) < 3) {
			return interval{hi: bound{v.next(), false}}, false, nil
		}
		return interval{hi: bound{v, true}}, false, nil
	case "<":
		return interval{hi: bound{v, false}}, false, nil
	case "^":
		i := 0
		for i < len(v)-1 && v[i] == 0 {
			i++
		}
		return interval{lo: bound{v, true}, hi: bound{v[:i+1].next(), false}}, false, nil
	case "~":
		if syn == SyntaxComposer { // Composer's ~ is pessimistic, like ~> and ~=
			return pessimistic(v), false, nil
		}
		if len(v) == 1 {
			return lineInterval(v), false, nil
		}
		return interval{lo: bound{v, true}, hi: bound{v[:2].next(), false}}, false, nil
	case "~>", "~=":
		return pessimistic(v), false, nil
	}
	return iv, false, fmt.Errorf("%q: unknown operator", t)
}

// pessimistic is ~> 3.2 (>= 3.2, < 4) and ~> 3.2.1 (>= 3.2.1, < 3.3).
func pessimistic(v version) interval {
	if len(v) == 1 {
		return lineInterval(v)
	}
	return interval{lo: bound{v, true}, hi: bound{v[:len(v)-1].next(), false}}
}

// lineInterval is every version that starts with v.
func lineInterval(v version) interval {
	return interval{lo: bound{v, true}, hi: bound{v.next(), false}}
}
