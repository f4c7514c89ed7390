package generator

import (
	"slices"
	"strings"
	"testing"
)

func rubyCandidate(t *testing.T, files map[string]string) *Candidate {
	t.Helper()
	d, err := Detect(writeProject(t, files))
	if err != nil {
		t.Fatal(err)
	}
	c := d.For("ruby")
	if c == nil {
		t.Fatalf("no ruby candidate: %v", d.Stacks())
	}
	return c
}

func railsLock(version, extra string) string {
	return "GEM\n  remote: https://rubygems.org/\n  specs:\n" + extra +
		"    puma (6.6.0)\n      nio4r (~> 2.0)\n    rails (" + version + ")\n      railties (= " + version + ")\n    railties (" + version + ")\n\nPLATFORMS\n  ruby\n"
}

// TestRailsDetect: a Rails app runs in production and logs to stdout, gets
// its key from the environment, writes tmp/ and log/ (and storage/ with
// SQLite), precompiles its assets with a throwaway key (SECRET_KEY_BASE_DUMMY
// from 7.1), listens on 3000 and is probed on its /up route.
func TestRailsDetect(t *testing.T) {
	c := rubyCandidate(t, map[string]string{
		"Gemfile":          "source \"https://rubygems.org\"\ngem \"rails\", \"~> 8.0\"\n",
		"Gemfile.lock":     railsLock("8.0.2", "    propshaft (1.1.0)\n    sqlite3 (2.6.0)\n"),
		"config.ru":        "require_relative \"config/environment\"\nrun Rails.application\n",
		"config/routes.rb": "Rails.application.routes.draw do\n  get \"up\" => \"rails/health#show\", as: :rails_health_check\nend\n",
		"bin/rails":        "#!/usr/bin/env ruby\n",
	})
	if c.Server.Value != "puma" || c.Main.Value != "config.ru" {
		t.Fatalf("server %q, main %q", c.Server.Value, c.Main.Value)
	}
	if c.Port.Value != "3000" || c.Port.From != "Gemfile.lock:8" {
		t.Errorf("port %+v, want Rails' 3000 from the rails line", c.Port)
	}
	if c.HealthPath.Value != "/up" || c.HealthPath.From != "config/routes.rb:2" {
		t.Errorf("health %+v", c.HealthPath)
	}
	s := c.Spec()
	s.Defaults()
	if errs := s.Validate(); len(errs) > 0 {
		t.Fatal(errs)
	}
	if s.Env["RAILS_ENV"] != "production" || s.Env["RAILS_LOG_TO_STDOUT"] != "1" {
		t.Errorf("env %v", s.Env)
	}
	if !slices.Equal(s.PassEnv, []string{"SECRET_KEY_BASE", "RAILS_MASTER_KEY"}) {
		t.Errorf("passEnv %v", s.PassEnv)
	}
	if !slices.Equal(s.Writable, []string{"/tmp", "/app/tmp", "/app/log", "/app/storage"}) {
		t.Errorf("writable %v", s.Writable)
	}
	if !slices.Equal(s.Build.Command, []string{"env", "RAILS_ENV=production", "SECRET_KEY_BASE_DUMMY=1", "bin/rails", "assets:precompile"}) {
		t.Errorf("build %v", s.Build.Command)
	}
	files, err := Generate(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"Dockerfile", "compose.yaml", "run.sh"} {
		if strings.Contains(string(files[f]), "SECRET_KEY_BASE=") {
			t.Errorf("%s bakes a SECRET_KEY_BASE value", f)
		}
	}
	if !strings.Contains(string(files["run.sh"]), "--env SECRET_KEY_BASE \\") || !strings.Contains(string(files["compose.yaml"]), "- \"RAILS_MASTER_KEY\"") {
		t.Errorf("run.sh and compose.yaml must pass the keys from the environment")
	}

	// Rails 7.0: any throwaway value, no storage/ without SQLite, and its
	// pid file moved out of tmp/pids.
	old := rubyCandidate(t, map[string]string{
		"Gemfile":        "source \"https://rubygems.org\"\ngem \"rails\", \"~> 7.0.8\"\n",
		"Gemfile.lock":   railsLock("7.0.8", "    sprockets-rails (3.4.2)\n"),
		"config.ru":      "run Rails.application\n",
		"config/puma.rb": "port ENV.fetch(\"PORT\") { 3000 }\npidfile ENV.fetch(\"PIDFILE\") { \"tmp/pids/server.pid\" }\n",
	})
	s = old.Spec()
	if !slices.Equal(s.Build.Command, []string{"env", "RAILS_ENV=production", "SECRET_KEY_BASE=1", "bundle", "exec", "rails", "assets:precompile"}) {
		t.Errorf("rails 7.0 build %v", s.Build.Command)
	}
	if !slices.Equal(s.Writable, []string{"/tmp", "/app/tmp", "/app/log"}) || s.Env["PIDFILE"] != "/tmp/puma.pid" || s.Env["PORT"] != "3000" {
		t.Errorf("rails 7.0: writable %v, env %v", s.Writable, s.Env)
	}
	if old.HealthPath.Found() {
		t.Errorf("no health route, yet %+v", old.HealthPath)
	}

	// Without /up, a root route makes / the probe; with neither, / is a
	// 404 in production: no HTTP healthcheck, and a note why.
	for _, tc := range []struct {
		routes, health string
		disabled       bool
	}{
		{"Rails.application.routes.draw do\n  resources :widgets\n  root \"welcome#index\"\nend\n", "/", false},
		{"Rails.application.routes.draw do\n  root to: \"pages#home\"\nend\n", "/", false},
		{"Rails.application.routes.draw do\n  resources :widgets\n  # root \"articles#index\"\nend\n", "", true},
	} {
		c := rubyCandidate(t, map[string]string{
			"Gemfile":          "source \"https://rubygems.org\"\ngem \"rails\", \"~> 7.0.8\"\n",
			"Gemfile.lock":     railsLock("7.0.8", ""),
			"config.ru":        "run Rails.application\n",
			"config/routes.rb": tc.routes,
		})
		s := c.Spec()
		if c.HealthPath.Value != tc.health || s.Healthcheck.Disabled != tc.disabled {
			t.Errorf("routes %q: health %+v, disabled %v; want %q, %v", tc.routes, c.HealthPath, s.Healthcheck.Disabled, tc.health, tc.disabled)
		}
		if tc.disabled && !strings.Contains(strings.Join(c.Notes, "\n"), "no root route") {
			t.Errorf("routes %q: no note why: %q", tc.routes, c.Notes)
		}
	}
}

// TestRubyDefaultPorts: without a port in the code, a Rack app (config.ru)
// listens on rackup's and Puma's 9292; a framework's own PORT variable
// (HANAMI_PORT) is read with its default.
func TestRubyDefaultPorts(t *testing.T) {
	lock := "GEM\n  specs:\n    puma (6.6.0)\n    sinatra (4.1.1)\n"
	c := rubyCandidate(t, map[string]string{"Gemfile": "gem 'sinatra'\n", "Gemfile.lock": lock, "config.ru": "require './app'\nrun Sinatra::Application\n"})
	if c.Port.Value != "9292" || c.Port.From != "config.ru" {
		t.Errorf("rack port %+v", c.Port)
	}
	c = rubyCandidate(t, map[string]string{"Gemfile": "gem 'hanami'\n", "Gemfile.lock": lock + "    hanami (2.2.1)\n", "config.ru": "run Hanami.app\n",
		"config/puma.rb": "port ENV.fetch(\"HANAMI_PORT\", 2300)\n"})
	if c.Port.Value != "2300" || c.Port.From != "config/puma.rb:1" {
		t.Errorf("hanami port %+v", c.Port)
	}
	if !slices.ContainsFunc(c.Env, func(e Setting) bool { return e.Name == "HANAMI_ENV" && e.Value == "production" }) {
		t.Errorf("hanami env %v", c.Env)
	}
}

// TestPumaWorkers: a worker per CPU and per 128 MiB beyond 64 MiB and per
// 16 pids; below 2, single mode (0).
func TestPumaWorkers(t *testing.T) {
	for _, c := range []struct {
		mem, cpus  string
		pids, want int
	}{
		{"256m", "1", 128, 0}, {"1g", "1", 128, 0}, {"1g", "2", 128, 2}, {"1g", "4", 128, 4}, {"512m", "4", 128, 3},
		{"2g", "8", 48, 3}, {"2g", "1.5", 128, 2}, {"300m", "4", 128, 0},
	} {
		s := &Spec{Resources: Resources{Memory: c.mem, CPUs: c.cpus, Pids: c.pids}}
		if got := s.PumaWorkers(); got != c.want {
			t.Errorf("%s, %s CPUs, %d pids: %d workers, want %d", c.mem, c.cpus, c.pids, got, c.want)
		}
	}
}

// TestRubyGemfileFiles: what the Gemfile reads (ruby file:, a gemspec and
// the version file it requires, path: gems) is copied before bundle
// install, each with the Gemfile line that reads it.
func TestRubyGemfileFiles(t *testing.T) {
	c := rubyCandidate(t, map[string]string{
		"Gemfile":                         "source \"https://rubygems.org\"\nruby file: \".ruby-version\"\ngemspec\ngem \"billing\", path: \"engines/billing\"\n",
		"Gemfile.lock":                    "GEM\n  specs:\n",
		".ruby-version":                   "3.4.1\n",
		"shop.gemspec":                    "require_relative \"lib/shop/version\"\nGem::Specification.new do |s|\n  s.name = \"shop\"\nend\n",
		"lib/shop/version.rb":             "module Shop; VERSION = \"1.0\"; end\n",
		"engines/billing/billing.gemspec": "Gem::Specification.new\n",
		"app.rb":                          "puts 1\n",
	})
	want := []struct{ value, from string }{
		{".ruby-version", "Gemfile:2"}, {"shop.gemspec", "Gemfile:3"}, {"lib/shop/version.rb", "Gemfile:3"}, {"engines/billing", "Gemfile:4"},
	}
	if len(c.Files) != len(want) {
		t.Fatalf("files %+v", c.Files)
	}
	for i, w := range want {
		if c.Files[i].Value != w.value || c.Files[i].From != w.from || c.Files[i].Reason == "" {
			t.Errorf("files[%d] = %+v, want %s from %s with a reason", i, c.Files[i], w.value, w.from)
		}
	}
	s := c.Spec()
	s.Defaults()
	files, err := Generate(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	df := string(files["Dockerfile"])
	copyAt := strings.Index(df, `COPY ["engines/billing", "engines/billing"]`)
	if copyAt < 0 || copyAt > strings.Index(df, "bundle install") {
		t.Errorf("the path: gem must be copied before bundle install:\n%s", df)
	}
}

// TestPassEnv: passed variables reach run.sh (--env NAME) and compose.yaml
// (environment: [NAME]) by name only; a name that is also baked in env,
// listed twice or not a variable name is refused.
func TestPassEnv(t *testing.T) {
	s := &Spec{APIVersion: APIVersion, Name: "app", Stack: "node", PassEnv: []string{"DATABASE_URL", "API_TOKEN"}}
	s.Defaults()
	if errs := s.Validate(); len(errs) > 0 {
		t.Fatal(errs)
	}
	r := NewRunSettings(s, ".")
	if argv := strings.Join(r.Argv(), " "); !strings.Contains(argv, "--env DATABASE_URL --env API_TOKEN") {
		t.Errorf("docker run flags %q", argv)
	}
	for _, c := range []struct {
		pass  []string
		env   map[string]string
		field string
	}{
		{[]string{"A", "A"}, nil, "passEnv[1]"},
		{[]string{"1A"}, nil, "passEnv[0]"},
		{[]string{"TOKEN"}, map[string]string{"TOKEN": "x"}, "passEnv[0]"},
	} {
		s := &Spec{APIVersion: APIVersion, Name: "app", Stack: "node", PassEnv: c.pass, Env: c.env}
		s.Defaults()
		if errs := s.Validate(); !slices.ContainsFunc(errs, func(e FieldError) bool { return e.Field == c.field }) {
			t.Errorf("passEnv %v, env %v: errors %v, want one on %s", c.pass, c.env, errs, c.field)
		}
	}
}
