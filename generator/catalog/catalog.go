// Package catalog is dockergen's release catalog: the one source of truth for
// the release lines of every runtime (Go, Node.js, Python, Java, .NET, Ruby,
// PHP, Rust, nginx) and base family (Debian, Alpine, Ubuntu, distroless),
// with their release, end of active support and end of life dates, the image
// tags each runtime publishes per base family, and the tool pins.
//
// The data is releases.yaml, embedded in the binary and parsed once, strictly
// (an unknown field is an error). Its date field is the day the catalog was
// last checked: Date. Answers depend on an as-of day, normally Date, so that
// the same binary gives the same answers on any day; README.md says how to
// update the data.
package catalog

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"gopkg.in/yaml.v3"
)

//go:embed releases.yaml
var releasesYAML []byte

// Date is a calendar day, written YYYY-MM-DD in the data.
type Date struct{ time.Time }

// ParseDate reads a YYYY-MM-DD day.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return Date{t}, nil
}

// String formats the day as YYYY-MM-DD ("" for the zero Date).
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}

// UnmarshalYAML reads a YYYY-MM-DD scalar.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	v, err := ParseDate(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	*d = v
	return nil
}

// onOrBefore reports whether the day d has begun at asOf (d ≤ asOf's day).
func (d Date) onOrBefore(asOf time.Time) bool {
	return !d.IsZero() && !dayOf(asOf).Before(d.Time)
}

func dayOf(t time.Time) time.Time {
	y, m, dd := t.Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
}

// Catalog is the parsed release catalog.
type Catalog struct {
	// Date is the catalog's as-of day: the day its facts were checked.
	Date Date `yaml:"date"`
	// Runtimes are the language runtimes and servers, by name (go, node…).
	Runtimes map[string]*Product `yaml:"runtimes"`
	// Bases are the base image families, by name (debian, alpine, ubuntu,
	// distroless).
	Bases map[string]*Product `yaml:"bases"`
	// Images are the image repositories dockergen knows and the tags they
	// publish.
	Images []*Image `yaml:"images"`
	// Tools are the pinned tools, by name (pnpm, yarn, poetry, uv, composer).
	Tools map[string]Tool `yaml:"tools"`
}

// Product is a runtime or a base family and its release lines.
type Product struct {
	// Name is the key in the catalog (go, debian…); set on load.
	Name string `yaml:"-"`
	// Title is the name for people: "Node.js".
	Title string `yaml:"title"`
	// Lines are the release lines, oldest first.
	Lines []*Line `yaml:"lines"`
	// hasLTS is set when any line is LTS: the product has an LTS notion and
	// Newest prefers LTS lines.
	hasLTS bool
}

// Line is one release line (a major or minor version that gets fixes as a
// whole): Node.js 26, Python 3.14, Debian 13.
type Line struct {
	// Version is the line's version: "26", "3.14", "1.27", "10.0", "13".
	Version string `yaml:"version"`
	// Codename is the line's name where it has one: trixie, noble, jod.
	Codename string `yaml:"codename"`
	// Released is the day of the first stable release.
	Released Date `yaml:"released"`
	// Support is the end of active support (bug fixes); after it the line
	// gets security fixes only. Zero when the project has no such phase.
	Support Date `yaml:"support"`
	// EOL is the end of life: no fixes at all after it.
	EOL Date `yaml:"eol"`
	// LTS is the day the line became a long-term support line (zero when it
	// is not one).
	LTS Date `yaml:"lts"`
	// Mainline marks a development line (nginx mainline) that Newest never
	// picks unless nothing else is supported.
	Mainline bool `yaml:"mainline"`
	// Default marks the line dockergen uses when nothing else is said.
	Default bool `yaml:"default"`
	// Images overrides EOL for images whose name starts with a key
	// (distroless: nodejs, java and python3 images end before static/base).
	Images map[string]Date `yaml:"images"`

	product *Product
	ver     version
}

// Product returns the runtime or base family the line belongs to.
func (l *Line) Product() *Product { return l.product }

// Name is the line as people write it: "Node.js 26", "Debian 13 (trixie)".
func (l *Line) Name() string {
	s := l.product.Title + " " + l.Version
	if l.Codename != "" && l.product.Name != "node" {
		s += " (" + l.Codename + ")"
	}
	return s
}

// IsLTS reports whether the line is an LTS line at asOf.
func (l *Line) IsLTS(asOf time.Time) bool { return l.LTS.onOrBefore(asOf) }

// EOLFor returns the end of life of the line for an image name (distroless
// language images end sooner than the base images).
func (l *Line) EOLFor(image string) Date {
	best := ""
	for prefix := range l.Images {
		if strings.HasPrefix(image, prefix) && len(prefix) > len(best) {
			best = prefix
		}
	}
	if best != "" {
		return l.Images[best]
	}
	return l.EOL
}

// Phase is where a line is in its life at a given day.
type Phase int

// Phases, from first to last.
const (
	// Unreleased: the line's first release is after the day.
	Unreleased Phase = iota
	// Supported: bug and security fixes.
	Supported
	// SecurityOnly: security fixes only (maintenance LTS, Debian LTS…).
	SecurityOnly
	// EndOfLife: no fixes at all.
	EndOfLife
)

var phaseNames = []string{"unreleased", "supported", "security fixes only", "end of life"}

// String names the phase.
func (p Phase) String() string {
	if p < Unreleased || p > EndOfLife {
		return fmt.Sprintf("phase(%d)", int(p))
	}
	return phaseNames[p]
}

// PhaseAt returns the line's phase at asOf.
func (l *Line) PhaseAt(asOf time.Time) Phase { return l.phaseAt(asOf, l.EOL) }

func (l *Line) phaseAt(asOf time.Time, eol Date) Phase {
	switch {
	case !l.Released.onOrBefore(asOf):
		return Unreleased
	case eol.onOrBefore(asOf):
		return EndOfLife
	case l.Support.onOrBefore(asOf):
		return SecurityOnly
	}
	return Supported
}

// Tool is a pinned tool.
type Tool struct {
	// Version is the pinned version.
	Version string `yaml:"version"`
	// Integrity is the package manager's integrity suffix (corepack's
	// sha512.<hex>), when it has one.
	Integrity string `yaml:"integrity"`
	// Image is the image the tool is copied from, when it comes as one.
	Image string `yaml:"image"`
}

var (
	loadOnce   sync.Once
	loaded     *Catalog
	errLoading error
)

// Load returns the embedded catalog, parsed on first use. It fails only when
// the embedded data is invalid, which TestEmbedded rules out.
func Load() (*Catalog, error) {
	loadOnce.Do(func() { loaded, errLoading = Parse(releasesYAML) })
	return loaded, errLoading
}

// Default returns the embedded catalog; it panics if the embedded data is
// invalid (a build that TestEmbedded fails).
func Default() *Catalog {
	c, err := Load()
	if err != nil {
		panic("catalog: embedded releases.yaml: " + err.Error())
	}
	return c
}

// AsOf returns the embedded catalog's date: the day its answers are for.
func AsOf() time.Time { return Default().Date.Time }

// Parse reads a catalog strictly: an unknown field, a malformed date or
// version, lines out of order, dates out of order, a product without exactly
// one default line or an image naming an unknown runtime or family fail.
// Errors name releases.yaml:line.
func Parse(data []byte) (*Catalog, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var c Catalog
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("releases.yaml: %w", err)
	}
	if err := c.validate(); err != nil {
		return nil, fmt.Errorf("releases.yaml: %w", err)
	}
	return &c, nil
}

func (c *Catalog) validate() error {
	if c.Date.IsZero() {
		return errors.New("date: missing (the catalog's as-of day, YYYY-MM-DD)")
	}
	if len(c.Runtimes) == 0 || len(c.Bases) == 0 {
		return errors.New("runtimes and bases: both must list products")
	}
	for kind, m := range map[string]map[string]*Product{"runtimes": c.Runtimes, "bases": c.Bases} {
		for name, p := range m {
			if p == nil {
				return fmt.Errorf("%s.%s: empty", kind, name)
			}
			if _, dup := c.Runtimes[name]; dup && kind == "bases" {
				return fmt.Errorf("bases.%s: also a runtime; names must be unique", name)
			}
			p.Name = name
			if err := p.validate(); err != nil {
				return fmt.Errorf("%s.%s: %w", kind, name, err)
			}
		}
	}
	for i, im := range c.Images {
		if err := im.compile(c); err != nil {
			return fmt.Errorf("images[%d] (%s): %w", i, im.Repo, err)
		}
	}
	for name, t := range c.Tools {
		if t.Version == "" {
			return fmt.Errorf("tools.%s.version: missing", name)
		}
	}
	return nil
}

func (p *Product) validate() error {
	if p.Title == "" {
		return errors.New("title: missing")
	}
	if len(p.Lines) == 0 {
		return errors.New("lines: none")
	}
	defaults := 0
	for i, l := range p.Lines {
		v, err := parseVersion(l.Version)
		if err != nil {
			return fmt.Errorf("lines[%d].version: %w", i, err)
		}
		l.ver, l.product = v, p
		if l.Released.IsZero() || l.EOL.IsZero() {
			return fmt.Errorf("lines[%d] (%s): released and eol are required", i, l.Version)
		}
		if !l.Released.Before(l.EOL.Time) {
			return fmt.Errorf("lines[%d] (%s): eol %s is not after released %s", i, l.Version, l.EOL, l.Released)
		}
		if !l.Support.IsZero() && (l.Support.Before(l.Released.Time) || l.Support.After(l.EOL.Time)) {
			return fmt.Errorf("lines[%d] (%s): support %s must be between released and eol", i, l.Version, l.Support)
		}
		for img, d := range l.Images {
			if d.After(l.EOL.Time) || d.Before(l.Released.Time) {
				return fmt.Errorf("lines[%d] (%s): images.%s %s must be between released and eol", i, l.Version, img, d)
			}
		}
		if i > 0 && compareVersions(p.Lines[i-1].ver, v) >= 0 {
			return fmt.Errorf("lines[%d] (%s): lines must be in ascending version order", i, l.Version)
		}
		if l.Default {
			defaults++
		}
		if !l.LTS.IsZero() {
			p.hasLTS = true
		}
	}
	if defaults != 1 {
		return fmt.Errorf("lines: %d marked default, want exactly 1", defaults)
	}
	return nil
}

// Product returns a runtime or base family by name.
func (c *Catalog) Product(name string) (*Product, bool) {
	if p, ok := c.Runtimes[name]; ok {
		return p, true
	}
	p, ok := c.Bases[name]
	return p, ok
}

func (c *Catalog) product(name string) (*Product, error) {
	p, ok := c.Product(name)
	if !ok {
		return nil, fmt.Errorf("unknown runtime or base %q (the catalog has %s)", name, strings.Join(c.names(), ", "))
	}
	return p, nil
}

func (c *Catalog) names() []string {
	var out []string
	for n := range c.Runtimes {
		out = append(out, n)
	}
	for n := range c.Bases {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// RuntimeNames returns the runtimes' names, sorted.
func (c *Catalog) RuntimeNames() []string {
	var out []string
	for n := range c.Runtimes {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// Lines returns a runtime's or base family's lines, oldest first (nil for an
// unknown name). The lines are shared: do not modify them.
func (c *Catalog) Lines(name string) []*Line {
	p, ok := c.Product(name)
	if !ok {
		return nil
	}
	return slices.Clone(p.Lines)
}

// DefaultLine returns the line marked default for a runtime or base family.
func (c *Catalog) DefaultLine(name string) (*Line, error) {
	p, err := c.product(name)
	if err != nil {
		return nil, err
	}
	for _, l := range p.Lines {
		if l.Default {
			return l, nil
		}
	}
	return nil, fmt.Errorf("%s: no default line", name) // ruled out by validate
}

// Line returns the line a version belongs to: "20.11.0" and "v20" are in
// Node.js 20, "bookworm" is Debian 12. It fails for a version no line holds.
func (c *Catalog) Line(name, ver string) (*Line, error) {
	p, err := c.product(name)
	if err != nil {
		return nil, err
	}
	if l := p.byCodename(ver); l != nil {
		return l, nil
	}
	v, err := parseVersion(ver)
	if err != nil {
		return nil, fmt.Errorf("%s version %q: %w", p.Title, ver, err)
	}
	if l := p.lineOf(v); l != nil {
		return l, nil
	}
	return nil, fmt.Errorf("%s %s: no such release line in the catalog (%s)", p.Title, ver, p.span())
}

func (p *Product) span() string {
	return "it has " + p.Lines[0].Version + " to " + p.Lines[len(p.Lines)-1].Version
}

func (p *Product) byCodename(s string) *Line {
	for _, l := range p.Lines {
		if l.Codename != "" && strings.EqualFold(l.Codename, s) {
			return l
		}
	}
	return nil
}

// lineOf returns the line whose version is a prefix of v (nil if none).
func (p *Product) lineOf(v version) *Line {
	for _, l := range p.Lines {
		if len(v) >= len(l.ver) && compareVersions(v[:len(l.ver)], l.ver) == 0 {
			return l
		}
	}
	return nil
}

// olderThanAll reports whether v is before every line (compared on the
// components v has: "2" is before Python 3.8, "1" is not before Go 1.19).
func (p *Product) olderThanAll(v version) bool {
	first := p.Lines[0].ver
	n := min(len(v), len(first))
	return compareVersions(v[:n], first[:n]) < 0
}

// Status is a version's place in its line's life at a given day.
type Status struct {
	// Product is the runtime or base family.
	Product *Product
	// Version is the version asked about, as given.
	Version string
	// Line is the version's line; nil when the version is older than every
	// line in the catalog (then Phase is EndOfLife and EOL is the oldest
	// line's, a day by which it had certainly ended).
	Line *Line
	// Phase is the line's phase at the day asked about.
	Phase Phase
	// Support and EOL are the line's end of active support (zero if none)
	// and end of life.
	Support, EOL Date
	// Alternative is the newest supported line (Newest), nil if there is
	// none.
	Alternative *Line
}

// String says it in one line, for example "Node.js 18: end of life since
// 2025-04-30 (newest supported: 26, LTS)".
func (s Status) String() string {
	name := s.Product.Title + " " + s.Version
	alt := ""
	if s.Alternative != nil && s.Alternative != s.Line {
		alt = " (newest supported: " + s.Alternative.Version
		if !s.Alternative.LTS.IsZero() {
			alt += ", LTS"
		}
		alt += ")"
	}
	switch s.Phase {
	case EndOfLife:
		if s.Line == nil {
			return fmt.Sprintf("%s: end of life, older than %s which ended on %s%s", name, s.Product.Lines[0].Version, s.EOL, alt)
		}
		return fmt.Sprintf("%s: end of life since %s%s", name, s.EOL, alt)
	case SecurityOnly:
		return fmt.Sprintf("%s: security fixes only since %s, end of life on %s%s", name, s.Support, s.EOL, alt)
	case Unreleased:
		return fmt.Sprintf("%s: not released yet (planned %s)%s", name, s.Line.Released, alt)
	}
	return fmt.Sprintf("%s: supported until %s", name, s.EOL)
}

// Status returns where a runtime's (or base family's) version is in its life
// at asOf: supported, security fixes only, or end of life, with the dates and
// the newest supported alternative. A version older than every line in the
// catalog is end of life; a version newer than every line, or one naming no
// single line ("3"), is an error.
func (c *Catalog) Status(name, ver string, asOf time.Time) (Status, error) {
	p, err := c.product(name)
	if err != nil {
		return Status{}, err
	}
	st := Status{Product: p, Version: ver}
	st.Alternative, _ = c.Newest(name, asOf)
	l := p.byCodename(ver)
	if l == nil {
		v, err := parseVersion(ver)
		if err != nil {
			return Status{}, fmt.Errorf("%s version %q: %w", p.Title, ver, err)
		}
		l = p.lineOf(v)
		if l == nil {
			if p.olderThanAll(v) {
				st.Phase, st.EOL = EndOfLife, p.Lines[0].EOL
				return st, nil
			}
			return Status{}, fmt.Errorf("%s %s: no such release line in the catalog (%s)", p.Title, ver, p.span())
		}
	}
	st.Line, st.Phase, st.Support, st.EOL = l, l.PhaseAt(asOf), l.Support, l.EOL
	return st, nil
}

// Newest returns the line dockergen prefers at asOf: of the released lines
// not at end of life, the newest LTS line when the product has LTS lines,
// else the newest line that is not a development (mainline) line, else the
// newest. It fails when every line has ended.
func (c *Catalog) Newest(name string, asOf time.Time) (*Line, error) {
	p, err := c.product(name)
	if err != nil {
		return nil, err
	}
	if l := p.prefer(p.Lines, asOf); l != nil {
		return l, nil
	}
	return nil, fmt.Errorf("%s: every line in the catalog is unreleased or at end of life on %s; update the catalog", p.Title, dayOf(asOf).Format(time.DateOnly))
}

// prefer picks from lines (oldest first) as Newest does; nil when none is
// released and alive at asOf.
func (p *Product) prefer(lines []*Line, asOf time.Time) *Line {
	var alive []*Line
	for _, l := range lines {
		if ph := l.PhaseAt(asOf); ph == Supported || ph == SecurityOnly {
			alive = append(alive, l)
		}
	}
	for _, keep := range []func(*Line) bool{
		func(l *Line) bool { return p.hasLTS && l.IsLTS(asOf) },
		func(l *Line) bool { return !p.hasLTS && !l.Mainline },
		func(l *Line) bool { return !l.Mainline },
		func(*Line) bool { return true },
	} {
		for i := len(alive) - 1; i >= 0; i-- {
			if keep(alive[i]) {
				return alive[i]
			}
		}
	}
	return nil
}

// Tool returns a tool pin by name.
func (c *Catalog) Tool(name string) (Tool, bool) {
	t, ok := c.Tools[name]
	return t, ok
}
