package generator

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"
)

// The ruby stack: a Bundler project (Gemfile and Gemfile.lock) installed in
// deployment mode (frozen lockfile, no development or test groups) into
// /usr/local/bundle in the builder, then copied with the app into a clean
// copy of the same slim or alpine Ruby image (no compiler ships). No
// distroless Ruby image exists. server none runs main with the interpreter
// and bundler/setup (the locked gems, nothing else, on the load path);
// server puma runs main as a rackup file with bundle exec puma.
var rubyStack = &stack{
	Name:  "ruby",
	Title: "Ruby",
	// Bundler keeps a private gem server's credentials in its global
	// config (bundle config set --global gems.example.com user:token).
	Secret:      Secret{ID: "bundle-config", Target: "/root/.bundle/config", Src: "~/.bundle/config"},
	Runtime:     "ruby",
	DefaultBase: BaseSlim,
	Bases:       []string{BaseSlim, BaseAlpine},
	DefaultMain: "app.rb",
	Servers:     []string{"none", "puma"},
	// files are what the Gemfile reads (.ruby-version, a gemspec, path:
	// gems), copied before bundle install.
	Files: true,
	ChoiceHelp: map[string]string{
		"none": "the interpreter runs main directly",
		"puma": "Puma, a Rack server: main is the config.ru",
	},
	Images: func(r release) (string, string, string, error) {
		switch r.Base {
		case BaseSlim:
			slim := img{"ruby", "{version}-slim-{debian}", nil}
			return images(r, rubyInterp, slim, slim)
		case BaseAlpine:
			alpine := img{"ruby", "{version}-alpine{alpine}", nil}
			return images(r, rubyInterp, alpine, alpine)
		}
		return "", "", "", errNoBase
	},
	// The URL is an argument, never part of the program; --disable-gems
	// keeps the probe to the standard library (net/http and uri). It says
	// the request came through TLS (X-Forwarded-Proto: https), as behind
	// the proxy that terminates it: a Rails app with config.force_ssl
	// would otherwise answer a redirect.
	HTTPProbe: func(interp, url string) []string {
		return []string{interp, "--disable-gems", "-rnet/http", "-e", rubyProbe, url}
	},
	CheckMain: rubyCheckMain,
	Entry:     rubyEntry,
	Label: func(s *Spec) string {
		if s.Server == "puma" {
			return "ruby " + s.Version + " with puma"
		}
		return "ruby " + s.Version
	},
	DepFiles: rubyDepFiles,
	// jsbundling-rails, cssbundling-rails and a Rack app's npm build run
	// in a Node.js stage (assets): the Ruby image has no Node.js.
	Assets: true,
	Doc: stackDoc{
		Reads: []docRead{
			{"`Gemfile`", "the ruby constraint, `ruby file:` / `File.read(\".ruby-version\")`, `gemspec` and the files it requires, `path:` gems (copied before `bundle install`)"},
			{"`Gemfile.lock`, `.ruby-version`", "RUBY VERSION; puma; rails/railties version (RAILS_ENV, key pass-through, `assets:precompile` with SECRET_KEY_BASE_DUMMY from 7.1), propshaft/sprockets-rails, sqlite3 (storage/), hanami (HANAMI_ENV)"},
			{"`config.ru`, `config/puma.rb`", "a Rack app and its port (`PORT`/`HANAMI_PORT` defaults; Rails 3000, Rack 9292); Puma's PIDFILE default"},
			{"`config/routes.rb`, `config/environments/production.rb`", "`rails/health#show` (the `/up` healthcheck); RAILS_SERVE_STATIC_FILES"},
			{"`package.json`, its lockfile, `vite.config.*`", "a `build` script (and `build:css`) → an assets stage (assets) writing jsbundling/cssbundling-rails' `app/assets/builds`, Vite's `outDir` or an `--outdir` flag; `assets:precompile` then runs with SKIP_JS_BUILD/SKIP_CSS_BUILD"},
		},
		DetectedFrom: "`Gemfile` (ruby, gemspec, path: gems), `Gemfile.lock` (RUBY VERSION, puma, rails), `.ruby-version`, `config.ru`, `config/puma.rb`, `config/routes.rb`",
		Runtime:      "Bundler deployment mode, frozen lockfile, no development/test groups",
	},
	MainPrompt: "Script to run:",
	Detector:   rubyDetector,
}

// rubyInterp is the interpreter of the official Ruby images (slim and alpine).
const rubyInterp = "/usr/local/bin/ruby"

// rubyProbe fetches ARGV[0] with net/http (2 s to connect, 2 s to answer)
// and exits 0 only for a 2xx answer; an error exits 1.
const rubyProbe = `u = URI(ARGV[0]); r = Net::HTTP.start(u.host, u.port, open_timeout: 2, read_timeout: 2) { |h| h.get(u.request_uri, 'X-Forwarded-Proto' => 'https') }; exit(r.is_a?(Net::HTTPSuccess))`

// rubyCheckMain returns what is wrong with main: a script path inside the
// build context (server none) or, with server puma, a rackup file (*.ru).
// A rackup file run as a script would do nothing, so it needs puma.
func rubyCheckMain(s *Spec) string {
	if !relPathRE.MatchString(s.Main) || strings.HasPrefix(s.Main, "-") || escapes(s.Main) || path.Clean(s.Main) == "." || strings.HasSuffix(s.Main, "/") {
		if s.Server == "puma" {
			return fmt.Sprintf("%q is not a rackup file inside the build context (for example config.ru)", s.Main)
		}
		return fmt.Sprintf("%q is not a script path inside the build context (for example app.rb)", s.Main)
	}
	isRackup := strings.HasSuffix(s.Main, ".ru")
	switch {
	case s.Server == "puma" && !isRackup:
		return fmt.Sprintf("%q is not a rackup file: server puma runs a Rack app's .ru file (set main, for example config.ru, or server: none to run a script)", s.Main)
	case s.Server != "puma" && isRackup:
		return fmt.Sprintf("%q is a rackup file, which only a Rack server runs (set server: puma, or main to the script that starts the app)", s.Main)
	}
	return ""
}

// rubyEntry returns the ENTRYPOINT: the interpreter with bundler/setup and
// main, or bundle exec puma bound to the first port on every interface,
// with the workers that fit the resources (PumaWorkers) and main as its
// rackup file.
func rubyEntry(s *Spec, interp string) []string {
	if s.Server == "puma" {
		return []string{path.Join(path.Dir(interp), "bundle"), "exec", "puma",
			"--bind", "tcp://0.0.0.0:" + strconv.Itoa(s.Ports[0]), "--environment", "production",
			"--workers", strconv.Itoa(s.PumaWorkers()), s.Main}
	}
	return []string{interp, "-rbundler/setup", s.Main}
}

// --- ruby detection ---

var (
	// rubyReleaseRE takes major.minor from "3.3.0", "ruby-3.3.0", "3.3.0p0",
	// "~> 3.2" or ">= 3.1" (the lowest the constraint accepts).
	rubyReleaseRE   = regexp.MustCompile(`^\s*(?:ruby-)?(?:[~><=!]+\s*)?([0-9]+\.[0-9]+)(?:\.[0-9]+)?(?:p[0-9]+)?\s*$`)
	gemfileRubyRE   = regexp.MustCompile(`(?m)^\s*ruby\s*\(?\s*["']([^"']+)["']`)
	lockRubyRE      = regexp.MustCompile(`(?m)^RUBY VERSION\s*\n\s+ruby\s+([0-9][0-9A-Za-z.]*)`)
	lockPumaRE      = regexp.MustCompile(`(?m)^    puma \(`)
	gemspecNameRE   = regexp.MustCompile(`(?m)^\s*\w+\.name\s*=\s*["']([^"']+)["']`)
	rubyHealthRE    = regexp.MustCompile(`["'](/(?:healthz|health|livez|readyz|ping|up))["']`)
	rubyMainScripts = []string{"app.rb", "server.rb", "main.rb"}
)

// rubyRelease turns a .ruby-version line, a Gemfile ruby constraint or a
// Gemfile.lock RUBY VERSION into the image tag's major.minor; anything else
// (jruby-9.4, truffleruby) is returned as is and reported as not usable.
func rubyRelease(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if m := rubyReleaseRE.FindStringSubmatch(s); m != nil {
		return m[1], true
	}
	return s, s != ""
}

var rubyDetector = &detector{
	// A Jekyll site's Gemfile is its site generator's: the site is static.
	declines: staticJekyll,
	markers:  []string{"Gemfile", "Gemfile.lock", ".ruby-version", "config.ru"},
	name: []finder{func(p *project) (Detected, bool) {
		// A gem-shaped app names itself in its gemspec.
		matches, _ := fs.Glob(p.fsys, "*.gemspec")
		for _, f := range matches {
			if d, ok := nameFrom(f, regexpLine(gemspecNameRE, asIs))(p); ok {
				return d, true
			}
		}
		return Detected{}, false
	}},
	// What the developer's version manager runs first, then the Gemfile's
	// constraint, then the Ruby that wrote the lockfile.
	version: []finder{
		fromFile(".ruby-version", func(data []byte) (string, int, bool) {
			line, _, _ := strings.Cut(strings.TrimSpace(string(data)), "\n")
			v, ok := rubyRelease(line)
			return v, 1, ok
		}),
		toolVersion(2, "ruby"),
		// The lockfile's exact Ruby comes before the Gemfile's requirement
		// (~> 3.2, >= 3.2: the newest supported line that satisfies it).
		fromFile("Gemfile.lock", regexpLine(lockRubyRE, rubyRelease)),
		constraint(fromFile("Gemfile", regexpLine(gemfileRubyRE, asIs))),
	},
	// A Rack app (config.ru) whose Gemfile.lock locks puma is served by
	// puma, with config.ru as main; otherwise the scripts are the mains.
	mains: func(p *project, c *Candidate) []Detected {
		if lock, ok := p.read("Gemfile.lock"); ok && p.exists("config.ru") {
			if m := lockPumaRE.FindIndex(lock); m != nil {
				c.Server = Detected{Value: "puma", From: at("Gemfile.lock", lineAt(lock, m[0]+4))}
				return []Detected{{Value: "config.ru", From: "config.ru"}}
			}
		}
		var found []Detected
		for _, f := range rubyMainScripts {
			if p.exists(f) {
				found = append(found, Detected{Value: f, From: f})
			}
		}
		return found
	},
	sources: rubySources,
	ports:   rubyPorts,
	port:    rubyPort,
	health:  []*regexp.Regexp{rubyHealthRE},
	notes: func(p *project, c *Candidate) {
		c.Files = append(c.Files, rubyGemfileFiles(p)...)
		if !railsDetect(p, c) {
			hanamiDetect(p, c)
		}
		frontEndAssets(p, c, "Ruby", railsAssetsOutput)
		railsAssets(p, c)
		pumaWorkersWhy(c)
		_, hasLock := p.read("Gemfile.lock")
		switch {
		case !p.exists("Gemfile"):
			c.Notes = append(c.Notes, "Gemfile is missing: the Dockerfile installs the gems with Bundler from Gemfile and Gemfile.lock (create a Gemfile, with only a source line if the app needs no gems, and run bundle lock)")
		case !hasLock:
			c.Notes = append(c.Notes, "Gemfile.lock is missing: the Dockerfile installs with BUNDLE_FROZEN=1, which needs it (run bundle lock and commit Gemfile.lock)")
		}
		if p.exists("config.ru") && c.Server.Value != "puma" {
			c.Notes = append(c.Notes, "config.ru is a Rack app but Gemfile.lock locks no puma: add puma to the Gemfile to serve it (server: puma, main: config.ru), or run a script with server: none")
		}
		if len(c.Mains) == 0 && !p.exists("config.ru") {
			c.Notes = append(c.Notes, fmt.Sprintf("no %s found: using %s — set main to the script that starts the app", orList(rubyMainScripts), c.Main.Value))
		} else if len(c.Mains) > 1 {
			var names []string
			for _, m := range c.Mains {
				names = append(names, m.Value)
			}
			c.Notes = append(c.Notes, fmt.Sprintf("%d scripts (%s): using %s — set main to the one that starts the app", len(c.Mains), strings.Join(names, ", "), c.Main.Value))
		}
	},
}

// rubySources are the files scanned for the port and health endpoint.
func rubySources(p *project, c *Candidate) []string {
	srcs := []string{c.Main.Value}
	if p.exists("config.ru") && c.Main.Value != "config.ru" {
		srcs = append(srcs, "config.ru")
	}
	return append(srcs, "config/puma.rb")
}

// rubyPorts find the port in the sources.
var rubyPorts = []*regexp.Regexp{
	// PORT, or a framework's own (HANAMI_PORT), with its default.
	regexp.MustCompile(`["'](?:[A-Z]+_)?PORT["']\s*(?:,|\]\s*\|\|)\s*["']?(\d{2,5})`),
	regexp.MustCompile(`["'](?:[A-Z]+_)?PORT["']\s*\)\s*\{\s*(\d{2,5})`),
	regexp.MustCompile(`(?m)^\s*port\s*\(?\s*["']?(\d{2,5})`),
	regexp.MustCompile(`TCPServer\.new\([^)]*?(\d{2,5})\s*\)`),
	regexp.MustCompile(`(?i)\bport\s*[:=]\s*(\d{2,5})\b`),
}

// rubyDepFiles: the install is BUNDLE_FROZEN, which needs Gemfile.lock.
func rubyDepFiles(*Spec) []DepFile {
	return []DepFile{{Name: "Gemfile"}, {Name: "Gemfile.lock", Create: "bundle lock"}}
}
