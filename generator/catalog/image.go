package catalog

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Image is an image repository and the tags it publishes.
type Image struct {
	// Repo is the repository, without docker.io/library/; it may hold
	// {version} and {distroless} (gcr.io/distroless/nodejs{version}-debian{distroless}).
	Repo string `yaml:"repo"`
	// Runtime is the runtime the image carries ("" for a plain base image).
	Runtime string `yaml:"runtime"`
	// Versions gives the runtime version per family release when neither
	// repo nor tag carries it (distroless python3-debian13 is Python 3.13).
	Versions map[string]string `yaml:"versions"`
	// Variants are the words {variant} stands for (php's cli, fpm, apache).
	Variants []string `yaml:"variants"`
	// Tags are the tag patterns; "*" is any tag.
	Tags []string `yaml:"tags"`
	// Publishes lists, per base family, the releases the image is still
	// built on. A family absent here is not checked; an empty list means
	// the image is built on no release of that family any more.
	Publishes map[string][]string `yaml:"publishes"`

	repoRE   *regexp.Regexp
	tagREs   []*regexp.Regexp
	families map[string]bool // family placeholders the patterns use
	cat      *Catalog
}

// Image returns the catalog's entry for a repository, written as in
// releases.yaml ("golang", "mcr.microsoft.com/dotnet/aspnet",
// "gcr.io/distroless/nodejs{version}-debian{distroless}").
func (c *Catalog) Image(repo string) (*Image, bool) {
	for _, im := range c.Images {
		if im.Repo == repo {
			return im, true
		}
	}
	return nil, false
}

// Ref builds a reference from one of the image's tag patterns (as listed in
// releases.yaml; "" for an image whose tags are "*", which then gets no tag)
// and the placeholders' values: version, variant, debian, alpine, ubuntu,
// distroless. It fails for a pattern the image does not list, a missing
// value, a family release the catalog does not know, or one the image is no
// longer built on (a frozen tag): golang with "{version}-alpine{alpine}" and
// alpine 3.22 fails, with 3.24 it gives golang:1.27-alpine3.24.
func (im *Image) Ref(tagPattern string, vals map[string]string) (string, error) {
	return im.ref(tagPattern, vals, true)
}

// Fill is Ref without the publishes check: a family release the image is no
// longer built on gives its frozen tag (golang with alpine 3.22 gives
// golang:1.27-alpine3.22) for a caller that asked for it explicitly and warns
// about it (ClassifyImage says why). It still fails for a pattern the image
// does not list, a missing value or a release the catalog does not know.
func (im *Image) Fill(tagPattern string, vals map[string]string) (string, error) {
	return im.ref(tagPattern, vals, false)
}

func (im *Image) ref(tagPattern string, vals map[string]string, published bool) (string, error) {
	if tagPattern != "" && !slices.Contains(im.Tags, tagPattern) {
		return "", fmt.Errorf("%s: no tag pattern %q (it has %s)", im.Repo, tagPattern, strings.Join(im.Tags, ", "))
	}
	if tagPattern == "" && !slices.Contains(im.Tags, "*") {
		return "", fmt.Errorf("%s: a tag pattern is required", im.Repo)
	}
	var errs []string
	fill := func(pat string) string {
		return placeholderRE.ReplaceAllStringFunc(pat, func(ph string) string {
			name := ph[1 : len(ph)-1]
			v := vals[name]
			if v == "" {
				errs = append(errs, "no value for "+ph)
				return ph
			}
			if fam := placeholders[name]; fam != "" {
				p := im.cat.Bases[fam]
				l := familyLine(p, v)
				switch rels, listed := im.Publishes[fam]; {
				case l == nil:
					errs = append(errs, fmt.Sprintf("%s %q is no %s release in the catalog", ph, v, p.Title))
				case published && listed && !slices.ContainsFunc(rels, func(r string) bool { return familyLine(p, r) == l }):
					errs = append(errs, fmt.Sprintf("%s is no longer built on %s %s (only on %s)", im.Repo, p.Title, v, strings.Join(rels, ", ")))
				}
			}
			return v
		})
	}
	ref := fill(im.Repo)
	if tagPattern != "" {
		ref += ":" + fill(tagPattern)
	}
	if len(errs) > 0 {
		return "", fmt.Errorf("%s: %s", im.Repo, strings.Join(errs, "; "))
	}
	return ref, nil
}

// placeholders are what {name} in a pattern may be, and the base family a
// family placeholder names.
var placeholders = map[string]string{
	"version": "", "variant": "",
	"debian": "debian", "alpine": "alpine", "ubuntu": "ubuntu", "distroless": "distroless",
}

var placeholderRE = regexp.MustCompile(`\{([a-z]+)\}`)

func (im *Image) compile(c *Catalog) error {
	if im.Repo == "" || len(im.Tags) == 0 {
		return fmt.Errorf("repo and tags are required")
	}
	if im.Runtime != "" {
		if _, ok := c.Runtimes[im.Runtime]; !ok {
			return fmt.Errorf("runtime %q: not in runtimes", im.Runtime)
		}
	}
	for rel, v := range im.Versions {
		if im.Runtime == "" {
			return fmt.Errorf("versions needs a runtime")
		}
		if _, err := c.Line(im.Runtime, v); err != nil {
			return fmt.Errorf("versions.%s: %w", rel, err)
		}
	}
	im.families, im.cat = map[string]bool{}, c
	var err error
	if im.repoRE, err = im.pattern(im.Repo); err != nil {
		return fmt.Errorf("repo: %w", err)
	}
	for _, t := range im.Tags {
		re, err := im.pattern(t)
		if err != nil {
			return fmt.Errorf("tag %q: %w", t, err)
		}
		im.tagREs = append(im.tagREs, re)
	}
	for fam, rels := range im.Publishes {
		p, ok := c.Bases[fam]
		if !ok {
			return fmt.Errorf("publishes.%s: not in bases", fam)
		}
		for _, r := range rels {
			if familyLine(p, r) == nil {
				return fmt.Errorf("publishes.%s: %q is no %s line in the catalog", fam, r, p.Title)
			}
		}
	}
	return nil
}

// pattern compiles a repo or tag pattern into an anchored regexp.
func (im *Image) pattern(pat string) (*regexp.Regexp, error) {
	if pat == "*" {
		return regexp.MustCompile(`^.*$`), nil
	}
	var b strings.Builder
	b.WriteString("^")
	rest := pat
	for {
		loc := placeholderRE.FindStringSubmatchIndex(rest)
		if loc == nil {
			b.WriteString(regexp.QuoteMeta(rest))
			break
		}
		b.WriteString(regexp.QuoteMeta(rest[:loc[0]]))
		name := rest[loc[2]:loc[3]]
		if _, ok := placeholders[name]; !ok {
			return nil, fmt.Errorf("unknown placeholder {%s}", name)
		}
		switch name {
		case "version":
			if im.Runtime == "" || im.Versions != nil {
				return nil, fmt.Errorf("{version} needs a runtime and no versions")
			}
			b.WriteString(`(?P<version>[0-9]+(?:\.[0-9]+){0,3}(?:_[0-9]+)?)`)
		case "variant":
			if len(im.Variants) == 0 {
				return nil, fmt.Errorf("{variant} needs variants")
			}
			quoted := make([]string, len(im.Variants))
			for i, v := range im.Variants {
				quoted[i] = regexp.QuoteMeta(v)
			}
			b.WriteString(`(?P<variant>` + strings.Join(quoted, "|") + `)`)
		case "alpine":
			b.WriteString(`(?P<alpine>[0-9]+\.[0-9]+(?:\.[0-9]+)?)`)
		case "distroless":
			b.WriteString(`(?P<distroless>[0-9]+)`)
		default: // debian, ubuntu: a codename or a version number
			b.WriteString(`(?P<` + name + `>[a-z]+|[0-9]+(?:\.[0-9]+)?)`)
		}
		if fam := placeholders[name]; fam != "" {
			im.families[fam] = true
		}
		rest = rest[loc[1]:]
	}
	b.WriteString("$")
	return regexp.Compile(b.String())
}

// familyLine finds a base family's line by codename or version.
func familyLine(p *Product, s string) *Line {
	if l := p.byCodename(s); l != nil {
		return l
	}
	v, err := parseVersion(s)
	if err != nil {
		return nil
	}
	return p.lineOf(v)
}

// ImageInfo is what an image reference names, and whether it is current.
type ImageInfo struct {
	// Ref is the reference as given.
	Ref string
	// Image is the catalog entry it matched.
	Image *Image
	// Runtime is the status of the runtime line the image carries; nil when
	// it names none (a plain base image, or a moving tag such as node:lts or
	// python:3).
	Runtime *Status
	// Family is the status of the base family release the tag names; nil
	// when it names none (node:26-alpine follows the newest Alpine).
	Family *Status
	// Frozen is set when the publisher no longer builds the image on that
	// family release (node:22-alpine3.22): the tag exists but is never
	// rebuilt with security fixes. Published lists what it is built on.
	Frozen    bool
	Published []string
	// Alternative is a current reference to use instead, "" when the image
	// is current or none is known.
	Alternative string
}

// EndOfLife reports whether the runtime line or the base family release is
// at end of life.
func (i ImageInfo) EndOfLife() bool {
	return i.Runtime != nil && i.Runtime.Phase == EndOfLife || i.Family != nil && i.Family.Phase == EndOfLife
}

// Current reports whether the image is neither at end of life nor frozen.
func (i ImageInfo) Current() bool { return !i.EndOfLife() && !i.Frozen }

// Problems says, one sentence each, why the image is not current: "Node.js
// 18 reached end of life on 2025-04-30". Empty when it is current.
func (i ImageInfo) Problems() []string {
	var out []string
	for _, st := range []*Status{i.Runtime, i.Family} {
		if st == nil || st.Phase != EndOfLife {
			continue
		}
		name := st.Product.Title + " " + st.Version
		if st.Line != nil && st.Line.Codename != "" && st.Product.Name != "node" {
			name = st.Line.Name() // Debian 11 (bullseye)
		}
		if st.Line == nil {
			out = append(out, fmt.Sprintf("%s is older than %s, which reached end of life on %s", name, st.Product.Lines[0].Version, st.EOL))
		} else {
			out = append(out, fmt.Sprintf("%s reached end of life on %s", name, st.EOL))
		}
	}
	if i.Frozen && i.Family != nil {
		built := "no " + i.Family.Product.Title + " release"
		if len(i.Published) > 0 {
			built = strings.Join(i.Published, " and ")
		}
		out = append(out, fmt.Sprintf("%s is no longer built on %s %s (it is built on %s), so the tag is frozen", i.Image.Repo, i.Family.Product.Title, i.Family.Version, built))
	}
	return out
}

// normalizeRepo drops the default registry and library/ prefix.
func normalizeRepo(repo string) string {
	repo = strings.ToLower(repo)
	for _, p := range []string{"docker.io/", "index.docker.io/", "registry-1.docker.io/"} {
		repo = strings.TrimPrefix(repo, p)
	}
	return strings.TrimPrefix(repo, "library/")
}

// splitRef splits [registry/]repo[:tag][@digest].
func splitRef(ref string) (repo, tag string) {
	if i := strings.Index(ref, "@"); i >= 0 {
		ref = ref[:i]
	}
	if i := strings.LastIndex(ref, ":"); i >= 0 && !strings.Contains(ref[i:], "/") {
		ref, tag = ref[:i], ref[i+1:]
	}
	return ref, tag
}

type match struct {
	im     *Image
	repoM  map[string]string
	tagPat string
	tagM   map[string]string
}

func groups(re *regexp.Regexp, s string) (map[string]string, bool) {
	m := re.FindStringSubmatch(s)
	if m == nil {
		return nil, false
	}
	out := map[string]string{}
	for i, n := range re.SubexpNames() {
		if n != "" {
			out[n] = m[i]
		}
	}
	return out, true
}

// ClassifyImage says which runtime line and base family release an image
// reference names (golang:1.19, node:18-alpine, gcr.io/distroless/base-debian11,
// python:3.12-alpine3.22@sha256:…) and whether it is at end of life or frozen
// at asOf, with a current alternative. ok is false for an image the catalog
// does not know, an untagged or 'latest' one, and a reference that still
// holds a build argument ($VERSION).
func (c *Catalog) ClassifyImage(ref string, asOf time.Time) (info ImageInfo, ok bool) {
	if strings.Contains(ref, "$") {
		return info, false
	}
	repo, tag := splitRef(ref)
	repo = normalizeRepo(repo)
	for _, im := range c.Images {
		if (tag == "" || tag == "latest") && !slices.Contains(im.Tags, "*") {
			continue // untagged: DG102's business, unless the image has no versioned tags
		}
		repoM, ok := groups(im.repoRE, repo)
		if !ok {
			continue
		}
		for i, re := range im.tagREs {
			tagM, ok := groups(re, tag)
			if !ok {
				continue
			}
			mt := match{im: im, repoM: repoM, tagPat: im.Tags[i], tagM: tagM}
			if info, ok := c.classify(mt, ref, asOf); ok {
				return info, true
			}
		}
	}
	return info, false
}

func (m match) get(name string) string {
	if v := m.tagM[name]; v != "" {
		return v
	}
	return m.repoM[name]
}

func (c *Catalog) classify(m match, ref string, asOf time.Time) (ImageInfo, bool) {
	info := ImageInfo{Ref: ref, Image: m.im}
	// The base family release, if the reference names one.
	famName, famVal := "", ""
	for fam := range m.im.families {
		if v := m.get(fam); v != "" {
			famName, famVal = fam, v
		}
	}
	if famName != "" {
		p := c.Bases[famName]
		l := familyLine(p, famVal)
		st := Status{Product: p, Version: famVal}
		switch {
		case l != nil:
			eol := l.EOLFor(imageName(m.im, m))
			st.Line, st.Phase, st.Support, st.EOL = l, l.phaseAt(asOf, eol), l.Support, eol
		case p.byCodename(famVal) == nil && isNumeric(famVal) && p.olderThanAll(mustVersion(famVal)):
			st.Phase, st.EOL = EndOfLife, p.Lines[0].EOL
		default:
			return info, false // not a release of the family: another pattern may fit
		}
		st.Alternative, _ = c.Newest(famName, asOf)
		info.Family = &st
		if rels, listed := m.im.Publishes[famName]; listed && st.Line != nil {
			info.Published = rels
			info.Frozen = !slices.ContainsFunc(rels, func(r string) bool { return familyLine(p, r) == st.Line })
		}
	}
	// The runtime line.
	if m.im.Runtime != "" {
		ver := m.get("version")
		if m.im.Versions != nil {
			ver = m.im.Versions[famVal]
		}
		if ver != "" {
			if st, err := c.Status(m.im.Runtime, ver, asOf); err == nil {
				info.Runtime = &st
			}
		}
	}
	if !info.Current() {
		info.Alternative = c.alternative(m, info, asOf)
	}
	return info, true
}

func isNumeric(s string) bool { _, err := parseVersion(s); return err == nil }

func mustVersion(s string) version { v, _ := parseVersion(s); return v }

// imageName is the repository's last path element with its placeholders
// filled: nodejs20-debian12.
func imageName(im *Image, m match) string {
	name := im.Repo[strings.LastIndex(im.Repo, "/")+1:]
	return placeholderRE.ReplaceAllStringFunc(name, func(s string) string { return m.get(s[1 : len(s)-1]) })
}

// alternative builds a current reference from the same pattern: the newest
// runtime line if the image's line has ended, and the family's default (or
// newest published) release if the tag's has ended or is frozen.
func (c *Catalog) alternative(m match, info ImageInfo, asOf time.Time) string {
	im := m.im
	vals := map[string]string{"variant": m.get("variant"), "version": m.get("version")}
	for fam := range im.families {
		vals[fam] = m.get(fam)
	}
	moveFamily := false
	if info.Runtime != nil && info.Runtime.Phase == EndOfLife && im.Versions != nil {
		moveFamily = true // the runtime follows the family: move the family
	} else if info.Runtime != nil && info.Runtime.Phase == EndOfLife {
		n, err := c.Newest(im.Runtime, asOf)
		if err != nil {
			return ""
		}
		vals["version"] = n.Version
	}
	if f := info.Family; f != nil && (moveFamily || f.Phase == EndOfLife || info.Frozen) {
		p := f.Product
		want, err := c.DefaultLine(p.Name)
		if err != nil {
			return ""
		}
		if rels, listed := im.Publishes[p.Name]; listed && len(rels) > 0 &&
			!slices.ContainsFunc(rels, func(r string) bool { return familyLine(p, r) == want }) {
			want = familyLine(p, rels[len(rels)-1])
		}
		if rels, listed := im.Publishes[p.Name]; listed && len(rels) == 0 {
			return c.otherFamily(m, vals)
		}
		v := want.Version
		if !isNumeric(f.Version) && want.Codename != "" {
			v = want.Codename
		}
		vals[p.Name] = v
	}
	fill := func(pat string) string {
		return placeholderRE.ReplaceAllStringFunc(pat, func(s string) string { return vals[s[1:len(s)-1]] })
	}
	repo := fill(im.Repo)
	if m.tagPat == "*" {
		return repo + tagSuffix(info.Ref)
	}
	return repo + ":" + fill(m.tagPat)
}

// otherFamily rewrites to the first tag pattern whose family the image is
// still built on (.NET 10 has no Debian tags: 10.0-bookworm-slim → 10.0-noble).
func (c *Catalog) otherFamily(m match, vals map[string]string) string {
	for _, pat := range m.im.Tags {
		for _, sub := range placeholderRE.FindAllStringSubmatch(pat, -1) {
			fam := placeholders[sub[1]]
			if rels := m.im.Publishes[fam]; fam != "" && len(rels) > 0 {
				l, err := c.DefaultLine(fam)
				if err != nil || !slices.ContainsFunc(rels, func(r string) bool { return familyLine(c.Bases[fam], r) == l }) {
					l = familyLine(c.Bases[fam], rels[0])
				}
				vals[sub[1]] = l.Version
				if l.Codename != "" {
					vals[sub[1]] = l.Codename
				}
				return placeholderRE.ReplaceAllStringFunc(m.im.Repo, func(s string) string { return vals[s[1:len(s)-1]] }) + ":" +
					placeholderRE.ReplaceAllStringFunc(pat, func(s string) string { return vals[s[1:len(s)-1]] })
			}
		}
	}
	return ""
}

// tagSuffix is ":tag" of a reference, without the digest ("" if untagged).
func tagSuffix(ref string) string {
	_, tag := splitRef(ref)
	if tag == "" {
		return ""
	}
	return ":" + tag
}
