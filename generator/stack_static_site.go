package generator

import (
	"fmt"
	"path"
	"regexp"
)

// Sites made by a static-site generator that is not a Node.js package
// (Hugo, Jekyll). dockergen does not build them in the image: the release
// catalog has no Hugo or Jekyll builder image, and Debian's hugo and jekyll
// packages trail the releases that current themes require (and Jekyll
// sites resolve their gems from their own Gemfile.lock, which Debian's
// jekyll ignores). Their output directory is served when it is committed;
// otherwise detect says how to build it first, and the safety net refuses
// the missing directory.

// siteGenerator is one static-site generator.
type siteGenerator struct {
	Name string
	// Find reports the generator's config, where it was found, or false.
	Find func(p *project) (string, bool)
	// Output is the default output directory; OutputFrom reads the
	// config's own setting.
	Output     string
	OutputFrom func(p *project) (Detected, bool)
	// Build is the command that writes the output directory.
	Build string
}

// siteGenerators: Hugo's config (hugo.toml, or config.toml beside
// content/ or themes/), Jekyll's _config.yml with a Gemfile naming jekyll
// or github-pages.
var siteGenerators = []*siteGenerator{
	{
		Name: "Hugo",
		Find: func(p *project) (string, bool) {
			for _, f := range []string{"hugo.toml", "hugo.yaml", "hugo.json"} {
				if p.exists(f) {
					return f, true
				}
			}
			for _, f := range []string{"config.toml", "config.yaml"} {
				if p.exists(f) && (isDir(p, "content") || isDir(p, "themes") || isDir(p, "archetypes")) {
					return f, true
				}
			}
			return "", false
		},
		Output:     "public",
		OutputFrom: configString([]string{"hugo.toml", "hugo.yaml", "hugo.json", "config.toml", "config.yaml"}, regexp.MustCompile(`(?m)^\s*"?publishDir"?\s*[:=]\s*["']?([\w./-]+)`)),
		Build:      "hugo --minify",
	},
	{
		Name: "Jekyll",
		Find: func(p *project) (string, bool) {
			if !p.exists("_config.yml") {
				return "", false
			}
			if w, ok := configMatch([]string{"Gemfile"}, regexp.MustCompile(`(?m)^\s*gem\s+["'](?:jekyll|github-pages)["']`))(p); ok {
				return w, true
			}
			return "", false
		},
		Output:     "_site",
		OutputFrom: configString([]string{"_config.yml"}, regexp.MustCompile(`(?m)^destination\s*:\s*["']?([\w./-]+)`)),
		Build:      "bundle exec jekyll build",
	},
}

// staticGenerated is a generator's site found in a project.
type staticGenerated struct {
	gen *siteGenerator
	// config is where the generator was recognised.
	config string
	// out is the output directory, From the setting or the config; pages
	// says it is docs/, GitHub Pages' publishing directory, instead.
	out   Detected
	pages bool
}

func findSiteGenerator(p *project) *staticGenerated {
	for _, g := range siteGenerators {
		where, ok := g.Find(p)
		if !ok {
			continue
		}
		s := &staticGenerated{gen: g, config: where, out: Detected{Value: g.Output, From: where}}
		if d, ok := g.OutputFrom(p); ok {
			s.out = d
		}
		// GitHub Pages publishes a branch's root or its docs/: a site
		// built and moved there (hugo && mv public docs) is served from it.
		if !p.exists(path.Join(s.out.Value, "index.html")) && p.exists("docs/index.html") {
			s.out, s.pages = Detected{Value: "docs", From: "docs/index.html"}, true
		}
		return s
	}
	return nil
}

// note says what is served, or how to build it first.
func (s *staticGenerated) note(p *project) string {
	if s.pages {
		return fmt.Sprintf("a %s site (%s) published from docs/ (GitHub Pages' directory): docs/ is served as it is; dockergen does not run %s in the image (no %s builder image), so rebuild docs/ ('%s', then move its output there) before each docker build", s.gen.Name, s.config, s.gen.Name, s.gen.Name, s.gen.Build)
	}
	if p.exists(path.Join(s.out.Value, "index.html")) {
		return fmt.Sprintf("a %s site (%s): its committed output %s/ (%s) is served as it is; dockergen does not run %s in the image (no %s builder image), so run '%s' and commit %s/ before each docker build", s.gen.Name, s.config, s.out.Value, s.out.Source(), s.gen.Name, s.gen.Name, s.gen.Build, s.out.Value)
	}
	return fmt.Sprintf("a %s site (%s) with no built %s/ (%s): dockergen does not run %s in the image (no %s builder image; Debian's package trails current themes), so run '%s' first, then generate: main %s is the directory it writes", s.gen.Name, s.config, s.out.Value, s.out.Source(), s.gen.Name, s.gen.Name, s.gen.Build, s.out.Value)
}

// staticJekyll reports a Jekyll site: its Gemfile is the site generator's,
// not a Ruby app's, so the ruby detector declines it.
func staticJekyll(p *project) bool {
	g := findSiteGenerator(p)
	return g != nil && g.gen.Name == "Jekyll"
}
