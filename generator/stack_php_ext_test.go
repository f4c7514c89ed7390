package generator

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// phpCandidate detects a php project written from files.
func phpCandidate(t *testing.T, files map[string]string) *Candidate {
	t.Helper()
	d, err := Detect(writeProject(t, files))
	if err != nil {
		t.Fatal(err)
	}
	c := d.For("php")
	if c == nil {
		t.Fatalf("no php candidate: %v", d.Stacks())
	}
	return c
}

func detectedValues(ds []Detected) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Value)
	}
	return out
}

// TestPHPDetectExtensions: ext-* of composer.json and of the packages
// composer.lock installs (not the dev ones), a PDO DSN in the code and the
// database of .env.example, each with its file:line; bundled extensions are
// not listed, unknown ones are noted.
func TestPHPDetectExtensions(t *testing.T) {
	c := phpCandidate(t, map[string]string{
		"composer.json": `{"name": "acme/shop", "require": {"php": "^8.3", "ext-intl": "*", "ext-json": "*", "ext-sqlsrv": "*"}}`,
		"composer.lock": `{"packages": [{"name": "intervention/image", "require": {"ext-gd": "*", "php": "^8.1"}}],
 "packages-dev": [{"name": "phpunit/phpunit", "require": {"ext-xdebug": "*"}}]}`,
		"public/index.php": "<?php\n$db = new PDO('pgsql:host=db;dbname=shop', 'u', getenv('PW'));\n",
		".env.example":     "APP_NAME=shop\nDB_CONNECTION=mysql\n",
	})
	if got, want := detectedValues(c.Extensions), []string{"intl", "gd", "pdo_pgsql", "pdo_mysql"}; !slices.Equal(got, want) {
		t.Errorf("extensions %v, want %v", got, want)
	}
	for _, x := range c.Extensions {
		if !strings.Contains(x.From, ":") || x.Reason == "" {
			t.Errorf("%s: from %q, reason %q: want file:line and why", x.Value, x.From, x.Reason)
		}
	}
	if got := c.Extensions[2].From; got != "public/index.php:2" {
		t.Errorf("pdo_pgsql from %q, want public/index.php:2", got)
	}
	if !slices.ContainsFunc(c.Notes, func(n string) bool { return strings.Contains(n, "sqlsrv (composer.json:1)") }) {
		t.Errorf("no note names the unknown extension sqlsrv: %q", c.Notes)
	}
	s := c.Spec()
	s.Defaults()
	if errs := s.Validate(); len(errs) > 0 {
		t.Fatal(errs)
	}
	if !slices.Equal(s.Extensions, []string{"intl", "gd", "pdo_pgsql", "pdo_mysql"}) {
		t.Errorf("spec extensions %v", s.Extensions)
	}
}

// TestPHPExtensionsDockerfile: the runtime stage builds core extensions
// with docker-php-ext-install and PECL ones with pecl, the base's build
// packages installed and removed in the same layer; Composer's platform
// check runs in the runtime stage, and the composer stage ignores only the
// php and ext-* requirements.
func TestPHPExtensionsDockerfile(t *testing.T) {
	for _, c := range []struct {
		base, server string
		want         []string
	}{
		{BaseSlim, "apache", []string{
			`apt-get install -y --no-install-recommends libfreetype-dev libjpeg62-turbo-dev libpng-dev libwebp-dev libpq-dev`,
			`docker-php-ext-configure gd --with-freetype --with-jpeg --with-webp`,
			`docker-php-ext-install -j"$(nproc)" gd pdo_pgsql`,
			`pecl install redis`, `docker-php-ext-enable redis`,
			`apt-get purge -y --auto-remove`, `xargs -r apt-mark manual`,
		}},
		{BaseAlpine, "fpm", []string{
			`apk add --no-cache --virtual .dockergen-ext-build $PHPIZE_DEPS pax-utils freetype-dev libjpeg-turbo-dev libpng-dev libwebp-dev libpq-dev`,
			`docker-php-ext-install -j"$(nproc)" gd pdo_pgsql`,
			`pecl install redis`, `apk del --no-network .dockergen-ext-build`,
		}},
	} {
		s := &Spec{APIVersion: APIVersion, Name: "shop", Stack: "php", Base: c.base, Server: c.server, Extensions: []string{"gd", "redis", "pdo_pgsql"}}
		s.Defaults()
		if errs := s.Validate(); len(errs) > 0 {
			t.Fatal(errs)
		}
		files, err := Generate(s, Options{})
		if err != nil {
			t.Fatal(err)
		}
		df := string(files["Dockerfile"])
		for _, w := range c.want {
			if !strings.Contains(df, w) {
				t.Errorf("%s: Dockerfile lacks %s:\n%s", c.base, w, df)
			}
		}
		if strings.Contains(df, "--ignore-platform-reqs") || !strings.Contains(df, `"--ignore-platform-req=php", "--ignore-platform-req=ext-*"`) {
			t.Errorf("%s: composer install should ignore only php and ext-* requirements", c.base)
		}
		if !strings.Contains(df, `vendor/composer/platform_check.php`) {
			t.Errorf("%s: no platform check in the runtime stage", c.base)
		}
	}
}

// TestPHPExtensionsValidate: only the extensions dockergen knows, each once,
// and only for php.
func TestPHPExtensionsValidate(t *testing.T) {
	for _, c := range []struct {
		stack string
		exts  []string
		field string
	}{
		{"php", []string{"intl", "imap-ng"}, "extensions[1]"},
		{"php", []string{"intl", "intl"}, "extensions[1]"},
		{"ruby", []string{"intl"}, "extensions"},
	} {
		s := &Spec{APIVersion: APIVersion, Name: "app", Stack: c.stack, Extensions: c.exts}
		s.Defaults()
		errs := s.Validate()
		if !slices.ContainsFunc(errs, func(e FieldError) bool { return e.Field == c.field }) {
			t.Errorf("%s %v: errors %v, want one on %s", c.stack, c.exts, errs, c.field)
		}
	}
}

// TestPHPFrameworks: Laravel's write paths, key, package manifest build and
// /up; Slim's logs/ only where it has one; Symfony's var/, APP_ENV and
// APP_SECRET; WordPress through Composer: uploads and mysqli.
func TestPHPFrameworks(t *testing.T) {
	laravel := phpCandidate(t, map[string]string{
		"composer.json":     `{"name": "laravel/laravel", "require": {"php": "^8.2", "laravel/framework": "^11.0"}}`,
		"composer.lock":     `{"packages": []}`,
		"artisan":           "#!/usr/bin/env php\n<?php\n",
		"public/index.php":  "<?php\n",
		"bootstrap/app.php": "<?php\nreturn Application::configure(basePath: dirname(__DIR__))\n    ->withRouting(\n        health: '/up',\n    )->create();\n",
	})
	if got := detectedValues(laravel.Writable); !slices.Equal(got, []string{"/app/storage/framework/cache", "/app/storage/framework/sessions", "/app/storage/framework/views", "/app/storage/logs"}) {
		t.Errorf("laravel writable %v", got)
	}
	if laravel.HealthPath.Value != "/up" || laravel.HealthPath.From != "bootstrap/app.php:4" {
		t.Errorf("laravel health %+v", laravel.HealthPath)
	}
	if !slices.Equal(laravel.BuildCommand, []string{"php", "artisan", "package:discover", "--ansi"}) || laravel.BuildFrom != "composer.json:1" {
		t.Errorf("laravel build %v from %s", laravel.BuildCommand, laravel.BuildFrom)
	}
	s := laravel.Spec()
	s.Defaults()
	if !slices.Equal(s.PassEnv, []string{"APP_KEY"}) || s.Writable[0] != "/tmp" || s.Env["LOG_CHANNEL"] != "stderr" {
		t.Errorf("laravel spec: passEnv %v, writable %v, env %v", s.PassEnv, s.Writable, s.Env)
	}
	files, err := Generate(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	df := string(files["Dockerfile"])
	if i, j := strings.Index(df, `"dump-autoload"`), strings.Index(df, `"package:discover"`); i < 0 || j < i {
		t.Errorf("package:discover must run after the autoloader is written:\n%s", df)
	}

	for _, withLogs := range []bool{true, false} {
		files := map[string]string{
			"composer.json":    `{"name": "slim/slim-skeleton", "require": {"slim/slim": "^4.12"}}`,
			"public/index.php": "<?php\n",
		}
		if withLogs {
			files["logs/README.md"] = "logs\n"
		}
		c := phpCandidate(t, files)
		if got := detectedValues(c.Writable); withLogs != slices.Equal(got, []string{"/app/logs"}) || !withLogs && len(got) > 0 {
			t.Errorf("slim with logs/ %v: writable %v", withLogs, got)
		}
	}

	symfony := phpCandidate(t, map[string]string{
		"composer.json":    `{"require": {"php": ">=8.2", "symfony/framework-bundle": "7.2.*"}}`,
		"bin/console":      "#!/usr/bin/env php\n",
		"public/index.php": "<?php\n",
	})
	s = symfony.Spec()
	if !slices.Equal(s.Writable, []string{"/tmp", "/app/var"}) || s.Env["APP_ENV"] != "prod" || !slices.Equal(s.PassEnv, []string{"APP_SECRET"}) || !slices.Equal(s.Build.Command, []string{"touch", ".env"}) {
		t.Errorf("symfony spec: writable %v, env %v, passEnv %v, build %v", s.Writable, s.Env, s.PassEnv, s.Build.Command)
	}

	wp := phpCandidate(t, map[string]string{
		"composer.json":          `{"name": "roots/bedrock", "require": {"roots/wordpress": "6.7.1"}}`,
		"web/index.php":          "<?php\n",
		"web/app/uploads/.keep":  "",
		"web/app/plugins/.keep":  "",
		"web/wp-config.php":      "<?php\n",
		"config/application.php": "<?php\n",
	})
	if got := detectedValues(wp.Writable); !slices.Equal(got, []string{"/app/web/app/uploads"}) {
		t.Errorf("wordpress writable %v", got)
	}
	if got := detectedValues(wp.Extensions); !slices.Equal(got, []string{"mysqli"}) {
		t.Errorf("wordpress extensions %v", got)
	}
}

// TestApacheWorkers: MaxRequestWorkers fits the memory limit (32 MiB a
// worker beyond 64 MiB) and the pids limit (less 8), at most 150, at least
// 1; apache2.conf says it.
func TestApacheWorkers(t *testing.T) {
	for _, c := range []struct {
		mem  string
		pids int
		want int
	}{
		{"256m", 128, 6}, {"128m", 64, 2}, {"1g", 128, 30}, {"1g", 20, 12}, {"64m", 128, 1}, {"16g", 4096, 150},
	} {
		s := &Spec{APIVersion: APIVersion, Name: "site", Stack: "php", Resources: Resources{Memory: c.mem, Pids: c.pids}}
		if got := s.ApacheWorkers(); got != c.want {
			t.Errorf("%s, %d pids: %d workers, want %d", c.mem, c.pids, got, c.want)
		}
		s.Defaults()
		files, err := Generate(s, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if conf := string(files["apache2.conf"]); !strings.Contains(conf, fmt.Sprintf("MaxRequestWorkers %d\n", c.want)) {
			t.Errorf("%s: apache2.conf lacks MaxRequestWorkers %d:\n%s", c.mem, c.want, conf)
		}
	}
}
