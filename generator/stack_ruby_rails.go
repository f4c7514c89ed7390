package generator

import (
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
)

// Ruby on Rails: what a Rails app needs to run in production from a
// read-only image, read from the project (Gemfile.lock, config/puma.rb,
// config/routes.rb, config/environments/production.rb) and applied to the
// candidate: the environment, the key passed from outside, the directories
// it writes, the asset build and the health endpoint.

var (
	// railsLockRE is the rails (or railties) gem Gemfile.lock locks, with
	// its version.
	railsLockRE = regexp.MustCompile(`(?m)^    (?:rails|railties) \(([0-9]+)\.([0-9]+)[^)]*\)`)
	// railsHealthRE is the health route of Rails 7.1 and later
	// (get "up" => "rails/health#show", as rails new writes it).
	// railsRootRE is a root route: root "pages#home", root to: "...".
	railsRootRE   = regexp.MustCompile(`(?m)^\s*(root)\b\s*(?:\(|to:|["':])`)
	railsHealthRE = regexp.MustCompile(`(?m)^\s*get\s*\(?\s*["']/?([A-Za-z0-9_./-]*)["']\s*(?:=>|,\s*to:)\s*["']rails/health#show["']`)
	// railsAssetsRE: an asset pipeline that assets:precompile runs.
	railsAssetsRE = regexp.MustCompile(`(?m)^    (sprockets-rails|propshaft) \(`)
	// railsJSBundlingRE: asset builds that need Node.js.
	railsJSBundlingRE = regexp.MustCompile(`(?m)^    (jsbundling-rails|cssbundling-rails) \(`)
	railsSQLiteRE     = regexp.MustCompile(`(?m)^    sqlite3 \(`)
	// ENV["NAME"] or ENV.fetch("NAME") of a variable, its name captured.
	// PIDFILE with a default (Rails 7.0's tmp/pids/server.pid).
	rubyPidfileRE = regexp.MustCompile(`ENV\.fetch\(\s*["'](PIDFILE)["']\s*(?:,|\)\s*\{)`)
	rubyPortEnvRE = regexp.MustCompile(`ENV(?:\.fetch\(\s*|\[\s*)["'](PORT)["']`)
	railsStaticRE = regexp.MustCompile(`ENV\[\s*["'](RAILS_SERVE_STATIC_FILES)["']`)
)

// railsVersion returns the Rails version Gemfile.lock locks (major, minor)
// and where, or ok false when the project is not a Rails app.
func railsVersion(p *project) (major, minor int, from string, ok bool) {
	lock, has := p.read("Gemfile.lock")
	if !has {
		return 0, 0, "", false
	}
	m := railsLockRE.FindSubmatchIndex(lock)
	if m == nil {
		return 0, 0, "", false
	}
	major, _ = strconv.Atoi(string(lock[m[2]:m[3]]))
	minor, _ = strconv.Atoi(string(lock[m[4]:m[5]]))
	return major, minor, at("Gemfile.lock", lineAt(lock, m[0]+4)), true
}

// railsDetect applies Rails' needs to the candidate; it reports whether
// the project is a Rails app.
func railsDetect(p *project, c *Candidate) bool {
	major, minor, from, ok := railsVersion(p)
	if !ok {
		return false
	}
	v71 := major > 7 || major == 7 && minor >= 1
	lock, _ := p.read("Gemfile.lock")

	c.setEnv("RAILS_ENV", "production", from, "the production environment: no reloading, eager loading, no development gems (BUNDLE_WITHOUT)")
	c.setEnv("RAILS_LOG_TO_STDOUT", "1", from, "Rails logs to stdout, where docker logs reads it, not to log/production.log")
	if m, ok := p.scan([]string{"config/environments/production.rb"}, []*regexp.Regexp{railsStaticRE}); ok {
		c.setEnv("RAILS_SERVE_STATIC_FILES", "1", m.From, "production.rb serves public/ (the compiled assets) only when it is set")
	}
	if m, ok := p.scan([]string{"config/puma.rb"}, []*regexp.Regexp{rubyPidfileRE}); ok {
		c.setEnv("PIDFILE", "/tmp/puma.pid", m.From, "config/puma.rb writes Puma's pid file where PIDFILE says; its default directory tmp/pids does not exist in the empty tmpfs at tmp/")
	}
	for _, k := range []struct{ name, why string }{
		{"SECRET_KEY_BASE", "Rails signs and encrypts cookies with it; never baked into the image"},
		{"RAILS_MASTER_KEY", "decrypts config/credentials.yml.enc, which holds secret_key_base unless SECRET_KEY_BASE is set; config/master.key stays out of the build context"},
	} {
		c.PassEnv = append(c.PassEnv, Setting{Name: k.name, From: from, Reason: k.why})
	}
	c.Notes = append(c.Notes, fmt.Sprintf("Rails (%s): SECRET_KEY_BASE or RAILS_MASTER_KEY is passed from the environment at run time (passEnv), never baked in: set one before ./run.sh run or docker compose up (bin/rails secret makes a key)", from))
	c.Notes = append(c.Notes, "Rails: the production database comes from config/database.yml; set DATABASE_URL (add it to passEnv) to point the app at a database server")

	// Writes: tmp/ (caches, bootsnap, pids) and log/, and storage/ for
	// SQLite databases and Active Storage's local disk.
	dirs := []string{"tmp", "log"}
	if railsSQLiteRE.Match(lock) || p.exists("config/storage.yml") && isDir(p, "storage") {
		dirs = append(dirs, "storage")
	}
	for _, d := range dirs {
		c.Writable = append(c.Writable, Detected{Value: path.Join(DefaultWorkdir, d), From: from, Reason: "Rails writes " + d + "/"})
	}
	c.Notes = append(c.Notes, fmt.Sprintf("Rails writes %s/: made writable (a tmpfs, empty at each start)", strings.Join(dirs, "/, ")))
	if len(dirs) == 3 {
		c.Notes = append(c.Notes, "Rails: storage/ (SQLite databases, Active Storage's local files) is a tmpfs, lost when the container stops: mount a volume there, or use a database server (DATABASE_URL) and a cloud storage service")
	}

	// assets:precompile in the build, with a throwaway key: Rails 7.1 and
	// later take SECRET_KEY_BASE_DUMMY, older ones any value.
	if m := railsAssetsRE.FindSubmatchIndex(lock); m != nil && len(c.BuildCommand) == 0 {
		rails := "bin/rails"
		if !p.exists("bin/rails") {
			rails = "rails"
		}
		dummy := "SECRET_KEY_BASE_DUMMY=1"
		if !v71 {
			dummy = "SECRET_KEY_BASE=1"
		}
		c.BuildCommand = []string{"env", "RAILS_ENV=production", dummy, rails, "assets:precompile"}
		if rails == "rails" {
			c.BuildCommand = []string{"env", "RAILS_ENV=production", dummy, "bundle", "exec", "rails", "assets:precompile"}
		}
		c.BuildFrom = at("Gemfile.lock", lineAt(lock, m[0]+4))
	}

	if !c.HealthPath.Found() {
		if m, ok := p.scan([]string{"config/routes.rb"}, []*regexp.Regexp{railsHealthRE}); ok {
			m.Value = "/" + strings.TrimPrefix(m.Value, "/")
			c.HealthPath = m
		}
	}
	if !c.HealthPath.Found() {
		// Without /up, / is a page only where routes.rb has a root route:
		// else it answers 404 in production, and probing it would leave
		// the container unhealthy forever.
		if m, ok := p.scan([]string{"config/routes.rb"}, []*regexp.Regexp{railsRootRE}); ok {
			c.HealthPath = Detected{Value: "/", From: m.From, Reason: "the root route"}
		} else if p.exists("config/routes.rb") {
			c.NoHealth = "Rails (config/routes.rb): no /up (rails/health#show, Rails 7.1+) and no root route, so / answers 404 in production"
			c.Notes = append(c.Notes, c.NoHealth+": no HTTP healthcheck (healthcheck.disabled); add get \"up\" => \"rails/health#show\" to config/routes.rb and set healthcheck.path: /up to get one")
		}
	}
	if c.HealthPath.Found() {
		c.Notes = append(c.Notes, fmt.Sprintf("Rails: the healthcheck probes %s with X-Forwarded-Proto: https, so that config.force_ssl does not redirect it", c.HealthPath.Value))
	}
	return true
}

var hanamiLockRE = regexp.MustCompile(`(?m)^    hanami \(([0-9]+)\.`)

// hanamiDetect: a Hanami app runs in its production environment, which it
// reads from HANAMI_ENV.
func hanamiDetect(p *project, c *Candidate) {
	lock, _ := p.read("Gemfile.lock")
	if m := hanamiLockRE.FindIndex(lock); m != nil {
		c.setEnv("HANAMI_ENV", "production", at("Gemfile.lock", lineAt(lock, m[0]+4)), "Hanami reads its environment from HANAMI_ENV (development otherwise)")
	}
}

// rubyPort finds the port: in the sources, else the server's default (Rails
// 3000, a Rack app 9292); the app's PORT is set where it is read.
func rubyPort(p *project, c *Candidate) bool {
	srcs := rubySources(p, c)
	if m, ok := p.scan(srcs, rubyPorts); ok {
		if n, _ := strconv.Atoi(m.Value); n >= 1024 && n <= 65535 {
			c.Port = m
		} else {
			c.unprivileged(m, "")
		}
	} else if _, _, from, ok := railsVersion(p); ok {
		c.Port = Detected{Value: "3000", From: from, Reason: "the Rails server's default port"}
	} else if p.exists("config.ru") {
		c.Port = Detected{Value: "9292", From: "config.ru", Reason: "rackup's and Puma's default port for a config.ru"}
	} else {
		return true
	}
	if m, ok := p.scan(srcs, []*regexp.Regexp{rubyPortEnvRE}); ok && c.Port.Found() && c.Server.Value == "puma" {
		c.setEnv("PORT", c.Port.Value, m.From, "the app reads PORT; it says the port Puma is bound to")
	}
	return true
}

// PumaWorkers is Puma's worker count for a ruby spec (--workers): one per
// CPU of the limit (rounded up), no more than one per 128 MiB of the memory
// limit beyond 64 MiB (a Rails worker's resident size, with room) nor one
// per 16 of the pids limit (a worker's threads); fewer than 2 is single
// mode (0), where the one process serves with its threads, without a
// cluster parent costing memory.
func (s *Spec) PumaWorkers() int {
	cpus, err := strconv.ParseFloat(s.Resources.CPUs, 64)
	if err != nil || cpus <= 0 {
		cpus = 1
	}
	n := int(cpus + 0.999)
	if mem := MemoryBytes(s.Resources.Memory); mem > 0 {
		n = min(n, int((mem-64<<20)/(128<<20)))
	}
	if s.Resources.Pids > 0 {
		n = min(n, s.Resources.Pids/16)
	}
	if n < 2 {
		return 0
	}
	return n
}

// pumaWorkersWhy says, as the server's reason, how many Puma workers the
// defaults give and why.
func pumaWorkersWhy(c *Candidate) {
	if c.Server.Value != "puma" {
		return
	}
	s := &Spec{Resources: Resources{Memory: DefaultMemory, CPUs: DefaultCPUs, Pids: DefaultPids}}
	mode := fmt.Sprintf("%d workers", s.PumaWorkers())
	if s.PumaWorkers() == 0 {
		mode = "single mode (--workers 0: one process serving with its threads)"
	}
	c.Server.Reason = fmt.Sprintf("Puma runs in %s in %s, %s CPU and %d pids: one worker per CPU and per 128 MiB beyond 64 MiB, a cluster only from 2 workers; --workers overrides WEB_CONCURRENCY and config/puma.rb, and follows resources", mode, DefaultMemory, DefaultCPUs, DefaultPids)
}

// railsAssetsOutput: jsbundling-rails and cssbundling-rails build into
// app/assets/builds, which the asset pipeline then fingerprints.
func railsAssetsOutput(p *project) (Detected, bool) {
	lock, _ := p.read("Gemfile.lock")
	if m := railsJSBundlingRE.FindSubmatchIndex(lock); m != nil {
		return Detected{Value: "app/assets/builds", From: at("Gemfile.lock", lineAt(lock, m[0]+4)), Reason: string(lock[m[2]:m[3]]) + " builds into app/assets/builds"}, true
	}
	return Detected{}, false
}

// railsAssets fits assets:precompile to an assets stage: jsbundling-rails
// and cssbundling-rails hook their Node.js builds into it unless
// SKIP_JS_BUILD and SKIP_CSS_BUILD are set (the Ruby image has no Node.js;
// the stage built app/assets/builds already), and cssbundling's build:css
// script runs in the stage after build.
func railsAssets(p *project, c *Candidate) {
	lock, _ := p.read("Gemfile.lock")
	m := railsJSBundlingRE.FindSubmatchIndex(lock)
	if m == nil {
		return
	}
	if len(c.AssetsCommand) == 0 {
		c.Notes = append(c.Notes, fmt.Sprintf("Gemfile.lock:%d: %s builds assets with Node.js, which the Ruby build image does not have: assets:precompile fails until they are built before docker build or in an assets stage", lineAt(lock, m[0]+4), lock[m[2]:m[3]]))
		return
	}
	if len(c.BuildCommand) > 1 && c.BuildCommand[0] == "env" {
		c.BuildCommand = append([]string{"env", "SKIP_JS_BUILD=1", "SKIP_CSS_BUILD=1"}, c.BuildCommand[1:]...)
	}
	if pj, _, ok := readPackageJSON(p); ok && pj != nil && strings.TrimSpace(pj.Scripts["build:css"]) != "" {
		run := strings.Join(c.AssetsCommand[:len(c.AssetsCommand)-1], " ")
		c.AssetsCommand = []string{"sh", "-c", run + " build && " + run + " build:css"}
	}
}
