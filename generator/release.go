package generator

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/dockergen/dockergen/generator/catalog"
)

// This file wires the release catalog (generator/catalog, releases.yaml)
// into the stacks: every image a stack names is one of the catalog's
// repositories with one of its tag patterns, filled with the spec's version
// and the base family release its distro picks; every default version is
// the catalog's newest supported line that the base has; version patterns
// and help come from the catalog's lines. No stack writes a tag or a
// version by hand.

// cat is the embedded catalog; its date is the day dockergen's answers are
// for (dockergen version prints it).
func cat() *catalog.Catalog { return catalog.Default() }

// Base families: what a spec's distro field names, per base.
const (
	familyDebian = "debian"
	familyAlpine = "alpine"
	familyUbuntu = "ubuntu"
)

// defaultFamilies is which base family each base's distro picks, for a
// stack without Families of its own: the Debian release of slim,
// distroless and scratch (the builder's), the Alpine release of alpine.
var defaultFamilies = map[string]string{
	BaseSlim: familyDebian, BaseDistroless: familyDebian, BaseScratch: familyDebian, BaseAlpine: familyAlpine,
}

// release is what picks a spec's images: its version, base and server, and
// the base family release (distro) of that base.
type release struct {
	Version, Base, Server string
	// AOT is a .NET Native AOT build (build.aot): its own SDK and runtime
	// images.
	AOT bool
	// Family is the base family the distro names (debian, alpine, ubuntu).
	Family string
	// Distro is the family release: a codename (trixie, noble) or a
	// version (3.24), as the catalog's publishes lists write it.
	Distro string
	// strict refuses a family release an image is no longer built on (a
	// frozen tag): the test of which distro values are published.
	strict bool
}

// family returns the base family a stack's base picks with distro.
func (st *stack) family(base string) string {
	if f, ok := st.Families[base]; ok {
		return f
	}
	return defaultFamilies[base]
}

// familyName is how a family release is written in a spec: the codename
// where the family has them (trixie), else the version (3.24).
func familyName(l *catalog.Line) string {
	if l.Codename != "" {
		return l.Codename
	}
	return l.Version
}

// familyLine finds a family release by codename or version.
func familyLine(family, name string) *catalog.Line {
	for _, l := range cat().Lines(family) {
		if l.Codename == name || l.Version == name {
			return l
		}
	}
	return nil
}

// defaultDistro is the family's default release (Debian trixie, Alpine
// 3.24, Ubuntu noble), "" for a base without a family.
func defaultDistro(family string) string {
	if family == "" {
		return ""
	}
	l, err := cat().DefaultLine(family)
	if err != nil {
		return ""
	}
	return familyName(l)
}

// lastBuiltOn returns the newest release of family that images of a
// runtime line can have been built on: one released before the line's end
// of life. Node.js 16 ended in September 2023, before Debian trixie was
// released: no node:16-trixie image was ever built, its last are
// bookworm's. ok is false when the catalog does not know the line or it
// has no end of life yet (every current release applies).
func lastBuiltOn(runtime, version, family string) (distro string, line *catalog.Line, ok bool) {
	if runtime == "" || family == "" {
		return "", nil, false
	}
	l, err := cat().Line(runtime, version)
	if err != nil || l.EOL.IsZero() {
		return "", nil, false
	}
	lines := cat().Lines(family)
	for i := len(lines) - 1; i >= 0; i-- {
		if lines[i].Released.Before(l.EOL.Time) {
			return familyName(lines[i]), l, true
		}
	}
	return "", l, false
}

// distroFor is the distro a spec without one gets: the family's default
// release, or, for a runtime line that reached its end of life before that
// release came out, the newest release its images were built on.
func (st *stack) distroFor(version, base string) string {
	fam := st.family(base)
	def := defaultDistro(fam)
	if version == "" {
		return def
	}
	last, _, ok := lastBuiltOn(st.Runtime, version, fam)
	if !ok {
		return def
	}
	if dl, ll := familyLine(fam, def), familyLine(fam, last); dl != nil && ll != nil && ll.Released.Before(dl.Released.Time) {
		return last
	}
	return def
}

// DistroWhy says why a spec's distro is not its family's default release
// when a runtime line's end of life chose it ("" otherwise): "Node.js 20
// ended on 2026-04-30, before Alpine 3.24: its last images are 3.23's".
func DistroWhy(s *Spec) string {
	st, ok := stacks[s.Stack]
	if !ok || s.Distro == "" {
		return ""
	}
	fam := st.family(s.Base)
	def := defaultDistro(fam)
	last, l, found := lastBuiltOn(st.Runtime, s.Version, fam)
	if !found || s.Distro != last || last == def {
		return ""
	}
	p, _ := cat().Product(fam)
	return fmt.Sprintf("%s %s ended on %s, before %s %s: its last images are %s's", runtimeTitle(st.Runtime), s.Version, l.EOL, p.Title, def, last)
}

// vals are the placeholder values of the catalog's tag patterns: the
// version, and every family's release (the default, the distro for its own
// family); distroless is the Debian release's number.
func (r release) vals() map[string]string {
	v := map[string]string{"version": r.Version}
	for _, fam := range []string{familyDebian, familyAlpine, familyUbuntu} {
		v[fam] = defaultDistro(fam)
	}
	if r.Family != "" && r.Distro != "" {
		v[r.Family] = r.Distro
	}
	if l := familyLine(familyDebian, v[familyDebian]); l != nil {
		v["distroless"] = l.Version
	}
	return v
}

// image returns the reference of a catalog repository with one of its tag
// patterns (for a distroless repository, whose catalog tags are "*", the
// literal tag). extra overrides placeholder values, in pairs (variant, fpm).
// An image whose catalog entry gives the runtime version per family release
// (distroless python3) must carry the spec's version.
func (r release) image(repo, tag string, extra ...string) (string, error) {
	im, ok := cat().Image(repo)
	if !ok {
		return "", fmt.Errorf("generator: image %s is not in the release catalog", repo)
	}
	vals := r.vals()
	for i := 0; i+1 < len(extra); i += 2 {
		vals[extra[i]] = extra[i+1]
	}
	if im.Versions != nil {
		rel := vals["distroless"]
		carried := im.Versions[rel]
		name := strings.ReplaceAll(repo, "{distroless}", rel)
		if carried == "" {
			return "", fmt.Errorf("%s does not exist (allowed distro: %s)", name, r.allowedText(im))
		}
		if !sameLine(im.Runtime, carried, r.Version) {
			return "", fmt.Errorf("%s ships %s %s, not %s (set version: %q, or another base or distro)", name, runtimeTitle(im.Runtime), carried, r.Version, carried)
		}
	}
	pattern, literal := tag, ""
	if slices.Contains(im.Tags, "*") {
		pattern, literal = "", tag
	}
	fill := im.Fill
	if r.strict {
		fill = im.Ref
	}
	ref, err := fill(pattern, vals)
	if err != nil {
		return "", err
	}
	if literal != "" {
		ref += ":" + literal
	}
	return ref, nil
}

// allowedText lists the family releases an image with per-release versions
// exists for.
func (r release) allowedText(im *catalog.Image) string {
	var names []string
	for _, l := range cat().Lines(familyDebian) {
		if im.Versions[l.Version] != "" {
			names = append(names, l.Codename)
		}
	}
	return strings.Join(names, ", ")
}

// sameLine reports whether two versions of a runtime are on one line.
func sameLine(runtime, a, b string) bool {
	la, errA := cat().Line(runtime, a)
	lb, errB := cat().Line(runtime, b)
	return errA == nil && errB == nil && la == lb
}

// runtimeTitle names a runtime for people ("Node.js").
func runtimeTitle(runtime string) string {
	if p, ok := cat().Product(runtime); ok {
		return p.Title
	}
	return runtime
}

// tool returns a pinned tool's version (pnpm, yarn, poetry, uv, composer,
// corepack) from the catalog.
func pinnedTool(name string) catalog.Tool {
	t, ok := cat().Tool(name)
	if !ok {
		panic("generator: tool " + name + " is not in the release catalog")
	}
	return t
}

// newestLine is the catalog's newest supported line of a runtime (nginx
// 1.30 for the static stack's server).
func newestLine(runtime string) string {
	l, err := cat().Newest(runtime, catalog.AsOf())
	if err != nil {
		panic("generator: " + err.Error())
	}
	return l.Version
}

// releaseOf is a spec's release, its distro defaulted.
func (st *stack) releaseOf(s *Spec) release {
	r := release{Version: s.Version, Base: s.Base, Server: s.Server, Family: st.family(s.Base), Distro: s.Distro, AOT: s.Build.AOT}
	if r.Distro == "" {
		r.Distro = st.distroFor(s.Version, s.Base)
	}
	return r
}

// distros returns the family releases a stack builds version on base with,
// newest first: those every image of the combination is published on and
// whose family release is not at end of life (distroless Debian 12 is; an
// explicit distro outside this list is generated with a warning).
func (st *stack) distros(version, base, server string) []string {
	fam := st.family(base)
	if fam == "" {
		return nil
	}
	lines := cat().Lines(fam)
	var out []string
	for i := len(lines) - 1; i >= 0; i-- {
		r := release{Version: version, Base: base, Server: server, Family: fam, Distro: familyName(lines[i]), strict: true}
		b, rt, _, err := st.Images(r)
		if err == nil && familyCurrent(b) && familyCurrent(rt) {
			out = append(out, r.Distro)
		}
	}
	return out
}

// defaultVersion is the version a spec gets when it names none: the
// catalog's newest supported line of the stack's runtime (the newest LTS
// where the runtime has them) that the base and distro have; the newest
// supported line they have when it is not that one (distroless Debian 13
// ships Python 3.13, not 3.14). A stack without a runtime in the catalog
// (binary) has its own DefaultVersion.
func (st *stack) defaultVersion(base, distro string) string {
	if st.Runtime == "" {
		return st.DefaultVersion
	}
	asOf := catalog.AsOf()
	newest, err := cat().Newest(st.Runtime, asOf)
	if err != nil {
		panic("generator: " + err.Error())
	}
	fam := st.family(base)
	if distro == "" {
		distro = defaultDistro(fam)
	}
	ok := func(v string) bool {
		if !slices.Contains(st.Bases, base) {
			return true
		}
		_, _, _, err := st.Images(release{Version: v, Base: base, Family: fam, Distro: distro, Server: st.serverFor(base), strict: true})
		return err == nil
	}
	if ok(newest.Version) {
		return newest.Version
	}
	lines := cat().Lines(st.Runtime)
	for i := len(lines) - 1; i >= 0; i-- {
		if ph := lines[i].PhaseAt(asOf); (ph == catalog.Supported || ph == catalog.SecurityOnly) && !lines[i].Mainline && ok(lines[i].Version) {
			return lines[i].Version
		}
	}
	return newest.Version
}

func (st *stack) defaultServer() string { return st.serverFor(st.DefaultBase) }

// serverFor is the default server on a base ("" for a stack without a
// choice).
func (st *stack) serverFor(base string) string {
	if s, ok := st.BaseServers[base]; ok {
		return s
	}
	if len(st.Servers) > 0 {
		return st.Servers[0]
	}
	return ""
}

// versionRE is the shape of a stack's versions: each line in the catalog
// written as its lines are (26, 3.14, 1.27, 10.0), any number in the last
// place; the catalog then says whether such a line exists.
func versionRE(runtime string) *regexp.Regexp {
	majors := map[string]bool{}
	var alts []string
	parts := 0
	for _, l := range cat().Lines(runtime) {
		p := strings.Split(l.Version, ".")
		parts = len(p)
		if m := strings.Join(p[:len(p)-1], `\.`); !majors[m] {
			majors[m] = true
			alts = append(alts, m)
		}
	}
	if parts <= 1 {
		return regexp.MustCompile(`^[0-9]{1,3}$`)
	}
	return regexp.MustCompile(`^(?:` + strings.Join(alts, "|") + `)\.[0-9]{1,3}$`)
}

// versionHelp says what a runtime's versions are, from the catalog: "a
// Node.js release line from 16 to 26, such as 26".
func versionHelp(st *stack) string {
	lines := cat().Lines(st.Runtime)
	what := st.VersionHelp
	if what == "" {
		what = "a " + runtimeTitle(st.Runtime) + " release line"
	}
	return fmt.Sprintf("%s from %s to %s, such as %s", what, lines[0].Version, lines[len(lines)-1].Version, st.defaultVersion(st.DefaultBase, ""))
}

// checkVersion returns what is wrong with a version of a stack whose
// runtime is in the catalog ("" when it is one of its lines, or older than
// every line: end of life, generated with a warning).
func (st *stack) checkVersion(v string) string {
	if !st.VersionRE.MatchString(v) {
		return fmt.Sprintf("%q is not a valid %s version (allowed: %s)", v, st.Name, st.VersionHelp)
	}
	if st.Runtime == "" {
		return ""
	}
	if _, err := cat().Status(st.Runtime, v, catalog.AsOf()); err != nil {
		return fmt.Sprintf("%q is not a %s release line dockergen knows (allowed: %s)", v, runtimeTitle(st.Runtime), st.VersionHelp)
	}
	return ""
}

// img is a catalog repository and one of its tag patterns (for distroless,
// the literal tag), with placeholder values of its own in pairs (variant,
// fpm).
type img struct {
	repo, tag string
	extra     []string
}

// The runtime images several stacks share.
var (
	// scratch is the empty image: no catalog entry, no tag.
	scratch = img{repo: "scratch"}
	// distrolessStatic, distrolessBase and distrolessCC are distroless's
	// images without a runtime, as the nonroot user.
	distrolessStatic = img{"gcr.io/distroless/static-debian{distroless}", "nonroot", nil}
	distrolessBase   = img{"gcr.io/distroless/base-debian{distroless}", "nonroot", nil}
	distrolessCC     = img{"gcr.io/distroless/cc-debian{distroless}", "nonroot", nil}
)

// ref returns an img's reference for a release.
func (r release) ref(i img) (string, error) {
	if i.repo == "scratch" {
		return "scratch", nil
	}
	return r.image(i.repo, i.tag, i.extra...)
}

// images returns a release's builder and runtime references and the
// interpreter, the first error if either does not exist.
func images(r release, interp string, builder, runtime img) (string, string, string, error) {
	b, err := r.ref(builder)
	if err != nil {
		return "", "", "", err
	}
	rt, err := r.ref(runtime)
	if err != nil {
		return "", "", "", err
	}
	return b, rt, interp, nil
}

// checkDistro returns what is wrong with a spec's distro ("" when it is
// fine): it must be a release of its base's family that the catalog knows
// (a release the images are no longer built on is generated with a
// warning); a base without a family (none so far) takes none.
func (st *stack) checkDistro(s *Spec) string {
	fam := st.family(s.Base)
	if s.Distro == "" {
		return ""
	}
	allowed := strings.Join(st.distros(s.Version, s.Base, s.Server), ", ")
	if fam == "" {
		return fmt.Sprintf("base %s has no distro to choose (allowed: empty)", s.Base)
	}
	if familyLine(fam, s.Distro) == nil || familyName(familyLine(fam, s.Distro)) != s.Distro {
		p, _ := cat().Product(fam)
		return fmt.Sprintf("%q is not a release of %s for base %s of %s (allowed: %s)", s.Distro, p.Title, s.Base, s.Stack, allowed)
	}
	return ""
}

// distroHelp says which distro values each base of a stack is published
// on, with its default version: "slim: trixie, bookworm; alpine: 3.24,
// 3.23".
func (st *stack) distroHelp() string {
	var parts []string
	for _, b := range st.Bases {
		v := st.defaultVersion(b, "")
		if d := st.distros(v, b, st.serverFor(b)); len(d) > 0 {
			parts = append(parts, b+": "+strings.Join(d, ", "))
		}
	}
	return strings.Join(parts, "; ")
}

// familyCurrent reports whether an image's base family release is neither
// at end of life nor frozen (its runtime line is not asked about).
func familyCurrent(ref string) bool {
	info, ok := cat().ClassifyImage(ref, catalog.AsOf())
	return !ok || info.Family == nil || info.Family.Phase != catalog.EndOfLife && !info.Frozen
}

// DefaultDistro returns the distro a stack's base gets when the spec names
// none (trixie, 3.24, noble), or "" for an unknown stack or base.
func DefaultDistro(stackName, base string) string {
	st, ok := stacks[stackName]
	if !ok || !slices.Contains(st.Bases, base) {
		return ""
	}
	return defaultDistro(st.family(base))
}

// firstVersionRE is the first dotted version in a text.
var firstVersionRE = regexp.MustCompile(`[0-9]+(?:\.[0-9]+)+`)

// resolveVersion turns a version a project names into a stack's version,
// with the reason: a constraint or minimum resolves to the newest supported
// line that satisfies it (catalog.Resolve, in the runtime's own syntax); an
// exact version (a lockfile, a pin file) keeps its line (catalog.Pin), even
// at end of life, which Warnings then reports.
func (st *stack) resolveVersion(d Detected) (Detected, bool) {
	asOf := catalog.AsOf()
	var r catalog.Resolution
	var err error
	if d.constraint {
		if r, err = cat().Resolve(st.Runtime, d.Value, asOf); err != nil {
			// A form the catalog cannot read (8.3.x-dev): its first version.
			if v := firstVersionRE.FindString(d.Value); v != "" {
				r, err = cat().Pin(st.Runtime, v, asOf)
			}
		}
	} else if r, err = cat().Pin(st.Runtime, d.Value, asOf); err != nil {
		// Older than every line in the catalog: end of life, kept as
		// pinned (Warnings says so).
		if s, serr := cat().Status(st.Runtime, d.Value, asOf); serr == nil && s.Line == nil && st.checkVersion(d.Value) == "" {
			return Detected{Value: d.Value, From: d.From, Reason: fmt.Sprintf("%s (%s) → %s, end of life (older than every line in the catalog)", d.Value, d.From, d.Value)}, true
		}
		r, err = cat().Resolve(st.Runtime, d.Value, asOf) // "stable", "lts/*"
	}
	if err != nil || st.checkVersion(r.Line.Version) != "" {
		return Detected{}, false
	}
	reason := r.Reason
	if d.From != "" {
		if before, after, ok := strings.Cut(reason, " → "); ok {
			reason = before + " (" + d.From + ") → " + after
		}
	}
	return Detected{Value: r.Line.Version, From: d.From, Reason: reason}, true
}
