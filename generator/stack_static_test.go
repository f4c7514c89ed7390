package generator

import (
	"bytes"
	"os"
	"reflect"
	"strings"
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
	// Its image holds only the build's output, and nginx answers 404 for
	// the dotfiles a build copies from public/ (.htaccess, .DS_Store).
	files, err := Generate(&built, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if df := string(files["Dockerfile"]); !strings.Contains(df, "COPY --from=build /src/dist /srv/site\n") && !strings.Contains(df, "COPY --from=build /src/dist /app\n") {
		t.Errorf("the image holds more than dist:\n%s", df)
	}
	if conf := string(files["nginx.conf"]); !strings.Contains(conf, `location ~ /\.(?!well-known/) { return 404; }`) {
		t.Errorf("a built site's dotfiles are served:\n%s", conf)
	}
}

// TestStaticFrameworks: each front-end framework's static build is the
// static stack's (the node detector declines it), built with its own
// package manager's build script, served from the framework's output
// directory (its config's, with file:line), with the SPA fallback only for
// single-page apps.
func TestStaticFrameworks(t *testing.T) {
	pkg := func(deps string) string {
		return `{"name": "web", "scripts": {"dev": "x", "build": "x build"}, "devDependencies": {` + deps + `}}`
	}
	cases := []struct {
		name            string
		files           map[string]string
		main, mainFrom  string
		server, tool    string
		buildCmd        string
		wantNodeToo     bool
		wantNoteContain string
	}{
		{name: "vite default", files: map[string]string{"package.json": pkg(`"vite": "^7"`), "package-lock.json": "{}", "index.html": "<div id=app>"},
			main: "dist", mainFrom: "package.json:1", server: "nginx-spa", tool: "npm", buildCmd: "npm run build"},
		{name: "vite outDir", files: map[string]string{"package.json": pkg(`"vite": "^7"`), "package-lock.json": "{}", "index.html": "x",
			"vite.config.ts": "import { defineConfig } from 'vite'\nexport default defineConfig({\n  build: {\n    outDir: 'www/',\n  },\n})\n"},
			main: "www", mainFrom: "vite.config.ts:4", server: "nginx-spa", tool: "npm", buildCmd: "npm run build"},
		{name: "vite library has no index.html", files: map[string]string{"package.json": pkg(`"vite": "^7"`), "package-lock.json": "{}"}, wantNodeToo: true},
		{name: "cra with yarn", files: map[string]string{"package.json": pkg(`"react-scripts": "5.0.1"`), "yarn.lock": "# yarn lockfile v1\n", "public/index.html": "x"},
			main: "build", mainFrom: "package.json:1", server: "nginx-spa", tool: "yarn", buildCmd: "yarn run build"},
		{name: "vue cli outputDir", files: map[string]string{"package.json": pkg(`"@vue/cli-service": "~5.0.0"`), "pnpm-lock.yaml": "lockfileVersion: '9.0'\n", "public/index.html": "x",
			"vue.config.js": "module.exports = {\n  outputDir: \"site\"\n}\n"},
			main: "site", mainFrom: "vue.config.js:2", server: "nginx-spa", tool: "pnpm", buildCmd: "pnpm run build"},
		{name: "next export", files: map[string]string{"package.json": pkg(`"next": "15.0.0"`), "package-lock.json": "{}",
			"next.config.mjs": "const nextConfig = {\n  output: 'export',\n}\nexport default nextConfig\n"},
			main: "out", mainFrom: "package.json:1", server: "", tool: "npm", buildCmd: "npm run build"},
		{name: "next export distDir", files: map[string]string{"package.json": pkg(`"next": "15.0.0"`), "package-lock.json": "{}",
			"next.config.ts": "const nextConfig = {\n  output: \"export\",\n  distDir: \"dist\",\n}\n"},
			main: "dist", mainFrom: "next.config.ts:3", tool: "npm", buildCmd: "npm run build"},
		{name: "next server is node", files: map[string]string{"package.json": pkg(`"next": "15.0.0"`), "package-lock.json": "{}",
			"next.config.js": "module.exports = { reactStrictMode: true }\n"}, wantNodeToo: true},
		{name: "astro", files: map[string]string{"package.json": pkg(`"astro": "^5"`), "package-lock.json": "{}",
			"astro.config.mjs": "import { defineConfig } from 'astro/config';\nexport default defineConfig({});\n"},
			main: "dist", mainFrom: "package.json:1", tool: "npm", buildCmd: "npm run build"},
		{name: "astro ssr is node", files: map[string]string{"package.json": pkg(`"astro": "^5", "@astrojs/node": "^9"`), "package-lock.json": "{}",
			"astro.config.mjs": "import node from '@astrojs/node';\nexport default defineConfig({\n  output: 'server',\n  adapter: node({ mode: 'standalone' }),\n});\n"},
			wantNodeToo: true, wantNoteContain: "astro.config.mjs:3 configures a server build"},
		{name: "sveltekit static", files: map[string]string{"package.json": pkg(`"@sveltejs/adapter-static": "^3", "@sveltejs/kit": "^2", "vite": "^6"`), "package-lock.json": "{}",
			"svelte.config.js": "import adapter from '@sveltejs/adapter-static';\nexport default {\n  kit: {\n    adapter: adapter({\n      pages: 'public',\n      fallback: 'index.html'\n    })\n  }\n};\n"},
			main: "public", mainFrom: "svelte.config.js:5", server: "nginx-spa", tool: "npm", buildCmd: "npm run build"},
		{name: "sveltekit 200.html fallback", files: map[string]string{"package.json": pkg(`"@sveltejs/adapter-static": "^3"`), "package-lock.json": "{}",
			"svelte.config.js": "export default {\n  kit: {\n    adapter: adapter({\n      fallback: '200.html'\n    })\n  }\n};\n"},
			main: "build", mainFrom: "package.json:1", tool: "npm", buildCmd: "npm run build", wantNoteContain: "svelte.config.js:4: the fallback page is 200.html"},
		{name: "webpack html5 boilerplate", files: map[string]string{"package.json": pkg(`"webpack": "^5"`), "package-lock.json": "{}", "index.html": "x",
			"webpack.common.js": "const path = require('path');\n\nmodule.exports = {\n  output: {\n    path: path.resolve(__dirname, 'public'),\n  },\n};\n"},
			main: "public", mainFrom: "webpack.common.js:5", tool: "npm", buildCmd: "npm run build"},
		{name: "vite ssr with express is node", files: map[string]string{"package.json": pkg(`"vite": "^7", "express": "^5"`), "package-lock.json": "{}", "index.html": "x", "server.js": "x"},
			wantNodeToo: true, wantNoteContain: "depends on express"},
		{name: "bun lockfile", files: map[string]string{"package.json": pkg(`"vite": "^7"`), "bun.lock": "{}", "index.html": "x"},
			main: "dist", mainFrom: "package.json:1", server: "nginx-spa", buildCmd: "npm run build", wantNoteContain: "dockergen has no Bun builder image"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Detect(writeProject(t, tc.files))
			if err != nil {
				if tc.main == "" && !tc.wantNodeToo {
					return // nothing to detect: neither node's server nor a site
				}
				t.Fatal(err)
			}
			st := d.For("static")
			node := d.For("node")
			if tc.wantNodeToo != (node != nil) {
				t.Errorf("node candidate: %v, want %v (stacks %v)", node != nil, tc.wantNodeToo, d.Stacks())
			}
			if tc.wantNoteContain != "" {
				var notes []string
				for _, c := range d.Candidates {
					notes = append(notes, c.Notes...)
				}
				if !strings.Contains(strings.Join(notes, "\n"), tc.wantNoteContain) {
					t.Errorf("no note contains %q: %q", tc.wantNoteContain, notes)
				}
			}
			if tc.main == "" {
				if st != nil && st.Output.Found() {
					t.Errorf("a build was found: %+v", st.Output)
				}
				return
			}
			if st == nil || d.Best() != st {
				t.Fatalf("best is not static: %v", d.Stacks())
			}
			if st.Main.Value != tc.main || st.Main.From != tc.mainFrom || st.Output.Value != tc.main {
				t.Errorf("main %+v output %+v, want %s from %s", st.Main, st.Output, tc.main, tc.mainFrom)
			}
			if st.Server.Value != tc.server {
				t.Errorf("server %q, want %q", st.Server.Value, tc.server)
			}
			if st.Tool.Value != tc.tool {
				t.Errorf("tool %q, want %q", st.Tool.Value, tc.tool)
			}
			if got := strings.Join(st.BuildCommand, " "); got != tc.buildCmd || st.BuildFrom != "package.json:1" {
				t.Errorf("build %q from %q, want %q", got, st.BuildFrom, tc.buildCmd)
			}
			s := st.Spec()
			s.Defaults()
			if errs := s.Validate(); len(errs) > 0 {
				t.Fatalf("invalid spec: %v", errs)
			}
			files, err := Generate(s, Options{})
			if err != nil {
				t.Fatal(err)
			}
			conf := string(files["nginx.conf"])
			if spa := strings.Contains(conf, "try_files $uri $uri/ /index.html;"); spa != (tc.server == "nginx-spa") {
				t.Errorf("SPA fallback %v, want %v:\n%s", spa, tc.server == "nginx-spa", conf)
			}
			if tc.server == "" && !strings.Contains(conf, "=404;") {
				t.Errorf("a multi-page build's nginx.conf keeps no 404:\n%s", conf)
			}
			df := string(files["Dockerfile"])
			if !strings.Contains(df, "COPY --from=build /src/"+tc.main+" /app\n") {
				t.Errorf("the Dockerfile does not serve %s:\n%s", tc.main, df)
			}
		})
	}
}

// TestStaticAngularOutput: angular.json's outputPath (a string or
// {base, browser}), under browser/ with the application builder (Angular
// 17+), as it is with the older browser builder, dist/NAME by default.
func TestStaticAngularOutput(t *testing.T) {
	pkg := `{"name": "ng", "scripts": {"ng": "ng", "start": "ng serve", "build": "ng build"}, "devDependencies": {"@angular/cli": "^20"}}`
	for _, tc := range []struct{ name, angular, want, from string }{
		{"application builder", `{
  "projects": {
    "my-app": {
      "projectType": "application",
      "architect": {
        "build": {
          "builder": "@angular/build:application",
          "options": {
            "browser": "src/main.ts"
          }
        }
      }
    }
  }
}`, "dist/my-app/browser", "angular.json:3"},
		{"outputPath string", `{"projects": {"shop": {"architect": {"build": {"builder": "@angular-devkit/build-angular:application",
  "options": {"outputPath": "dist/shop-web"}}}}}}`, "dist/shop-web/browser", "angular.json:2"},
		{"outputPath object", `{"projects": {"shop": {"architect": {"build": {"builder": "@angular-devkit/build-angular:application",
  "options": {"outputPath": {"base": "out", "browser": ""}}}}}}}`, "out", "angular.json:2"},
		{"browser builder", `{"defaultProject": "legacy", "projects": {"lib": {"projectType": "library"}, "legacy": {"architect": {"build": {"builder": "@angular-devkit/build-angular:browser",
  "options": {"outputPath": "dist/legacy"}}}}}}`, "dist/legacy", "angular.json:2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Detect(writeProject(t, map[string]string{"package.json": pkg, "package-lock.json": "{}", "angular.json": tc.angular, "src/index.html": "<app-root>"}))
			if err != nil {
				t.Fatal(err)
			}
			if d.For("node") != nil {
				t.Errorf("node is a candidate: %v", d.Stacks())
			}
			c := d.Best()
			if c.Stack != "static" || c.Main.Value != tc.want || c.Main.From != tc.from || c.Server.Value != "nginx-spa" {
				t.Errorf("%s main %+v server %q, want %s from %s, nginx-spa", c.Stack, c.Main, c.Server.Value, tc.want, tc.from)
			}
		})
	}
}

// TestStaticSiteGenerators: Hugo and Jekyll sites are static; their
// committed output is served as it is, and without it detect says how to
// build it and the safety net refuses the missing directory.
func TestStaticSiteGenerators(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		main  string
		note  string
		built bool
	}{
		{"hugo built", map[string]string{"hugo.toml": "baseURL = 'https://example.org/'\ntitle = 'My New Hugo Site'\n", "content/_index.md": "# hi", "public/index.html": "x"},
			"public", "its committed output public/ (hugo.toml) is served", true},
		{"hugo config.toml publishDir", map[string]string{"config.toml": "baseURL = 'https://example.org/'\npublishDir = \"docs\"\n", "content/_index.md": "# hi"},
			"docs", "run 'hugo --minify' first", false},
		// The ruby stack, first in the registry, takes the Gemfile until
		// its detector declines a Jekyll site (staticJekyll): static is
		// still a candidate.
		{"jekyll", map[string]string{"_config.yml": "title: Your awesome title\ntheme: minima\n", "Gemfile": "source \"https://rubygems.org\"\ngem \"jekyll\", \"~> 4.3.4\"\n", "index.md": "---\nlayout: home\n---\n"},
			"_site", "run 'bundle exec jekyll build' first", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeProject(t, tc.files)
			d, err := Detect(dir)
			if err != nil {
				t.Fatal(err)
			}
			c := d.For("static")
			if c == nil {
				t.Fatalf("no static candidate: %v", d.Stacks())
			}
			if c.Main.Value != tc.main || !strings.Contains(strings.Join(c.Notes, "\n"), tc.note) {
				t.Fatalf("%s main %+v notes %q, want static %s and a note with %q", c.Stack, c.Main, c.Notes, tc.main, tc.note)
			}
			s := c.Spec()
			s.Defaults()
			files, err := Generate(s, Options{})
			if err != nil {
				t.Fatal(err)
			}
			_, err = CheckContext(s, files, Options{}, Project{Context: os.DirFS(dir), ContextName: ".", SpecFile: "dockergen.yaml"})
			if tc.built && err != nil {
				t.Errorf("the safety net refuses a committed site: %v", err)
			}
			if !tc.built && (err == nil || !strings.Contains(err.Error(), "main: \""+tc.main+"\" is not in the build context")) {
				t.Errorf("the safety net accepts a site that is not built: %v", err)
			}
		})
	}
	jekyll := &project{fsys: os.DirFS(writeProject(t, map[string]string{"_config.yml": "theme: minima\n", "Gemfile": "gem \"github-pages\", group: :jekyll_plugins\n"})), cache: map[string][]byte{}}
	rails := &project{fsys: os.DirFS(writeProject(t, map[string]string{"_config.yml": "a: 1\n", "Gemfile": "gem 'rails'\n"})), cache: map[string][]byte{}}
	if !staticJekyll(jekyll) || staticJekyll(rails) {
		t.Errorf("staticJekyll: a GitHub Pages site %v, a Rails app %v", staticJekyll(jekyll), staticJekyll(rails))
	}
	// A config.toml without content/ or themes/, a _config.yml without
	// jekyll in the Gemfile: not sites.
	d, err := Detect(writeProject(t, map[string]string{"config.toml": "a = 1\n", "_config.yml": "a: 1\n", "Gemfile": "gem 'rails'\n"}))
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Stacks(); !reflect.DeepEqual(got, []string{"ruby"}) {
		t.Errorf("stacks %v, want only ruby", got)
	}
}

// TestStaticBuiltChecks: a built site serves its build's output: main . is
// refused, and so is a main outside build.output; the safety net accepts a
// main that only the build writes when build.output names it.
func TestStaticBuiltChecks(t *testing.T) {
	base := func() *Spec {
		s := &Spec{APIVersion: APIVersion, Name: "site", Stack: "static", Main: "dist", Build: Build{Command: []string{"npm", "run", "build"}, Output: "dist"}}
		s.Defaults()
		return s
	}
	for _, tc := range []struct{ main, output, want string }{
		{".", "", "main: a built site serves its build's output"},
		{"build", "dist", `main: "build" is not build.output "dist" or inside it`},
		{"dist/app/browser", "dist/app", ""},
		{"dist", "dist", ""},
	} {
		s := base()
		s.Main, s.Build.Output = tc.main, tc.output
		errs := s.Validate()
		got := ""
		for _, e := range errs {
			got += e.Error()
		}
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("main %q output %q: %q, want %q", tc.main, tc.output, got, tc.want)
		}
	}
	s := base()
	files, err := Generate(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := writeProject(t, map[string]string{"package.json": "{}", "package-lock.json": "{}", "index.html": "x", "dist/index.html": "stale"})
	warnings, err := CheckContext(s, files, Options{}, Project{Context: os.DirFS(dir), ContextName: ".", SpecFile: "dockergen.yaml"})
	if err != nil || len(warnings) > 0 {
		t.Errorf("a main the build writes: %v %q", err, warnings)
	}
	pm, _ := ignoreMatcher(files[".dockerignore"])
	if ex, _ := pm.MatchesOrParentMatches("dist/index.html"); !ex {
		t.Errorf("a local build's dist/ is sent to the build")
	}
}
