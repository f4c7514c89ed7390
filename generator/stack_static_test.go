package generator

import (
	"bytes"
	"testing"

	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
)

// TestStaticServesOnlyTheSite checks, with the matcher BuildKit applies to
// the build context, that a plain site's image (COPY . of the context)
// holds the site and not the project's documentation, licences, dotfiles,
// CI, package files or dockergen's outputs; and that a built site, which
// copies only its build output, still sends what the build needs.
func TestStaticServesOnlyTheSite(t *testing.T) {
	ignored := func(t *testing.T, s *Spec) *patternmatcher.PatternMatcher {
		t.Helper()
		files, err := Generate(s, Options{})
		if err != nil {
			t.Fatal(err)
		}
		pats, err := ignorefile.ReadAll(bytes.NewReader(files[".dockerignore"]))
		if err != nil {
			t.Fatal(err)
		}
		pm, err := patternmatcher.New(pats)
		if err != nil {
			t.Fatal(err)
		}
		return pm
	}
	check := func(t *testing.T, pm *patternmatcher.PatternMatcher, p string, want bool) {
		t.Helper()
		got, err := pm.MatchesOrParentMatches(p)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s: excluded = %v, want %v", p, got, want)
		}
	}

	plain, err := ExampleSpec("static")
	if err != nil {
		t.Fatal(err)
	}
	if plain.Main != "." || len(plain.Build.Command) != 0 {
		t.Fatalf("the static example is not a plain site (main %q, build %v)", plain.Main, plain.Build.Command)
	}
	pm := ignored(t, plain)
	for _, p := range []string{
		"README.md", "LICENSE", "LICENSE.txt", "COPYING", "CHANGELOG.md", "CONTRIBUTING.md",
		".github", ".github/workflows/ci.yml", ".gitlab-ci.yml", ".editorconfig", ".gitignore",
		".env", ".DS_Store", "assets/.DS_Store", ".vscode/settings.json",
		"package.json", "package-lock.json", "yarn.lock", "Makefile", "netlify.toml",
		"dockergen.yaml", "Dockerfile", ".dockerignore", "run.sh", "compose.yaml",
		"DOCKER-SECURITY.md", "seccomp.json", "e2e.yaml", "docker-compose.yml",
	} {
		check(t, pm, p, true)
	}
	for _, p := range []string{
		"index.html", "assets", "assets/site.css", "assets/app.js", "robots.txt",
		"favicon.ico", "404.html", "blog/index.html", ".well-known/security.txt",
		"nginx.conf", // copied by the Dockerfile; nginx answers 404 for it
	} {
		check(t, pm, p, false)
	}

	// A built site copies only build.output; its build needs the package
	// files and its configuration.
	built := *plain
	built.Main = "dist"
	built.Build.Command = []string{"npm", "run", "build"}
	pm = ignored(t, &built)
	for _, p := range []string{"package.json", "package-lock.json", "vite.config.js", "index.html", "src/main.js"} {
		check(t, pm, p, false)
	}
}
