package generator

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestDetectPHPBesideNode: a PHP project with a package.json (assets built
// with npm) is a PHP project first; node is still offered. The only note
// says that the image does not build the assets.
func TestDetectPHPBesideNode(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"composer.json":    `{"name": "acme/site", "require": {"php": "~8.2.0"}}`,
		"composer.lock":    `{"packages": []}`,
		"package.json":     `{"name": "site-assets", "scripts": {"build": "vite build"}}`,
		"public/index.php": "<?php echo 'hi';\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d, err := Detect(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Stacks(); !reflect.DeepEqual(got, []string{"php", "node"}) {
		t.Fatalf("stacks %v, want [php node]", got)
	}
	c := d.Best()
	if c.Name.Value != "site" || c.Version.Value != "8.2" || c.Version.From != "composer.json:1" || c.Main.Value != "public/index.php" {
		t.Errorf("name %+v version %+v main %+v", c.Name, c.Version, c.Main)
	}
	if len(c.Notes) != 1 || !strings.Contains(c.Notes[0], "package.json:1 has a build script (vite build)") {
		t.Errorf("notes %q, want only the one about the assets' build", c.Notes)
	}
}

// TestPHPComposerConstraint: require.php is a Composer constraint: the
// newest supported line that satisfies it (a minimum is a floor, not the
// choice); a form the catalog cannot read gives its first major.minor.
func TestPHPComposerConstraint(t *testing.T) {
	for constraint, want := range map[string]string{
		"^8.2": "8.5", ">=8.1 <8.4": "8.3", "~8.3.0": "8.3", "8.2.*": "8.2", "8.4.1": "8.4",
		">=8.1,<8.3": "8.2", "^8.1 || ^8.2": "8.5", "8.3.x-dev": "8.3", "^8.1": "8.5",
	} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "composer.json"), []byte(`{"require": {"php": "`+constraint+`"}}`), 0o644)
		d, err := Detect(dir)
		if err != nil {
			t.Fatal(err)
		}
		if got := d.For("php").Version; got.Value != want || got.From != "composer.json:1" {
			t.Errorf("require.php %q: version %+v, want %s from composer.json:1", constraint, got, want)
		}
	}
}

// TestPHPCheckMain: main is a .php path of plain parts inside the context.
func TestPHPCheckMain(t *testing.T) {
	check := stacks["php"].CheckMain
	for _, ok := range []string{"public/index.php", "index.php", "web/app.php", "a-b/c_d/e.f.php", "_/x.php"} {
		if msg := check(&Spec{Main: ok}); msg != "" {
			t.Errorf("%q refused: %s", ok, msg)
		}
	}
	for _, bad := range []string{"", "../index.php", "public/../index.php", "./index.php", ".hidden/index.php",
		"index.py", "-x.php", "public/", "/srv/index.php", "public/index.php ", "a b.php", "x.php\nRUN id", "public//index.php",
		`x'.php`, "x$(id).php", "index.PHP"} {
		if msg := check(&Spec{Main: bad}); msg == "" {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestPHPServers: each server's entrypoint, label and image; the probe
// program is fixed text and the URL only its argument.
func TestPHPServers(t *testing.T) {
	st := stacks["php"]
	for _, c := range []struct {
		server, base, entry, label, runtime string
	}{
		{"apache", BaseSlim, "/usr/sbin/apache2 -DFOREGROUND", "php 8.5 with Apache", "php:8.5-apache-trixie"},
		{"fpm", BaseSlim, "/usr/local/sbin/php-fpm --nodaemonize", "php 8.5 with PHP-FPM", "php:8.5-fpm-trixie"},
		{"fpm", BaseAlpine, "/usr/local/sbin/php-fpm --nodaemonize", "php 8.5 with PHP-FPM", "php:8.5-fpm-alpine3.24"},
	} {
		s := &Spec{APIVersion: APIVersion, Name: "app", Stack: "php", Base: c.base, Server: c.server}
		s.Defaults()
		if errs := s.Validate(); len(errs) > 0 {
			t.Fatalf("%s/%s: %v", c.server, c.base, errs)
		}
		if got := strings.Join(st.Entry(s, phpInterp), " "); got != c.entry {
			t.Errorf("%s entry %q, want %q", c.server, got, c.entry)
		}
		if got := st.Label(s); got != c.label {
			t.Errorf("%s label %q, want %q", c.server, got, c.label)
		}
		files, err := Generate(s, Options{})
		if err != nil {
			t.Fatal(err)
		}
		df := string(files["Dockerfile"])
		if !strings.Contains(df, "\nFROM "+c.runtime+"\n") {
			t.Errorf("%s/%s: no FROM %s in\n%s", c.server, c.base, c.runtime, df)
		}
		if fpm := strings.Contains(df, "ENV DOCKERGEN_FASTCGI_SCRIPT=\"/app/public/index.php\""); fpm != (c.server == "fpm") {
			t.Errorf("%s: DOCKERGEN_FASTCGI_SCRIPT set = %v", c.server, fpm)
		}
	}
	url := "http://127.0.0.1:8080/h?x=1&y='2'"
	probe := st.HTTPProbe(phpInterp, url)
	if want := []string{phpInterp, "-d", "allow_url_fopen=1", "-r", phpProbe, "--", url}; !slices.Equal(probe, want) {
		t.Errorf("probe %q", probe)
	}
	if strings.Contains(phpProbe, "8080") || strings.Contains(phpProbe, "/h") {
		t.Errorf("the probe program holds spec text")
	}
}

// TestPHPDetectDefaults: init --stack php in an empty directory starts from
// the defaults and says which files it looked for.
func TestPHPDetectDefaults(t *testing.T) {
	c, err := DetectDefaults(t.TempDir(), "php")
	if err != nil {
		t.Fatal(err)
	}
	if c.Main.Value != "public/index.php" || c.Version.Value != "8.5" || c.Main.Found() {
		t.Errorf("main %+v version %+v", c.Main, c.Version)
	}
	if len(c.Notes) == 0 || !strings.Contains(c.Notes[0], "composer.json, public/index.php, index.php, .php-version") {
		t.Errorf("notes %q", c.Notes)
	}
}
