package generator

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// PHP extensions: what the official PHP images build in themselves
// (phpBundled, never installed again), and how each other extension is
// built into the runtime image (phpExts): with docker-php-ext-install from
// the PHP sources the image carries, or with PECL, each with the
// development packages its build needs on Debian and on Alpine. The build
// packages are removed in the same layer; the shared libraries the built
// extensions link to are kept.

// phpExt is one extension dockergen knows how to build.
type phpExt struct {
	// PECL: pecl install then docker-php-ext-enable, rather than
	// docker-php-ext-install.
	PECL bool
	// Debian and Alpine are the build packages (-dev) on each base.
	Debian, Alpine []string
	// Configure are docker-php-ext-configure's arguments, when it needs any.
	Configure []string
}

var phpExts = map[string]phpExt{
	"bcmath":        {},
	"bz2":           {Debian: []string{"libbz2-dev"}, Alpine: []string{"bzip2-dev"}},
	"calendar":      {},
	"exif":          {},
	"gd":            {Debian: []string{"libfreetype-dev", "libjpeg62-turbo-dev", "libpng-dev", "libwebp-dev"}, Alpine: []string{"freetype-dev", "libjpeg-turbo-dev", "libpng-dev", "libwebp-dev"}, Configure: []string{"--with-freetype", "--with-jpeg", "--with-webp"}},
	"gettext":       {Alpine: []string{"gettext-dev"}},
	"gmp":           {Debian: []string{"libgmp-dev"}, Alpine: []string{"gmp-dev"}},
	"intl":          {Debian: []string{"libicu-dev"}, Alpine: []string{"icu-dev"}},
	"mysqli":        {},
	"opcache":       {},
	"pcntl":         {},
	"pdo_mysql":     {},
	"pdo_pgsql":     {Debian: []string{"libpq-dev"}, Alpine: []string{"libpq-dev"}},
	"pgsql":         {Debian: []string{"libpq-dev"}, Alpine: []string{"libpq-dev"}},
	"shmop":         {},
	"soap":          {Debian: []string{"libxml2-dev"}, Alpine: []string{"libxml2-dev"}},
	"sockets":       {},
	"sysvmsg":       {},
	"sysvsem":       {},
	"sysvshm":       {},
	"tidy":          {Debian: []string{"libtidy-dev"}, Alpine: []string{"tidyhtml-dev"}},
	"xsl":           {Debian: []string{"libxslt1-dev"}, Alpine: []string{"libxslt-dev"}},
	"zip":           {Debian: []string{"libzip-dev"}, Alpine: []string{"libzip-dev"}},
	"apcu":          {PECL: true},
	"igbinary":      {PECL: true},
	"redis":         {PECL: true},
	"mongodb":       {PECL: true, Debian: []string{"libssl-dev"}, Alpine: []string{"openssl-dev"}},
	"imagick":       {PECL: true, Debian: []string{"libmagickwand-dev"}, Alpine: []string{"imagemagick-dev"}},
	"memcached":     {PECL: true, Debian: []string{"libmemcached-dev", "zlib1g-dev"}, Alpine: []string{"libmemcached-dev", "zlib-dev"}},
	"amqp":          {PECL: true, Debian: []string{"librabbitmq-dev"}, Alpine: []string{"rabbitmq-c-dev"}},
	"xdebug":        {PECL: true},
	"pcov":          {PECL: true},
	"excimer":       {PECL: true},
	"uuid":          {PECL: true, Debian: []string{"uuid-dev"}, Alpine: []string{"util-linux-dev"}},
	"yaml":          {PECL: true, Debian: []string{"libyaml-dev"}, Alpine: []string{"yaml-dev"}},
	"msgpack":       {PECL: true},
	"ds":            {PECL: true},
	"grpc":          {PECL: true, Debian: []string{"zlib1g-dev"}, Alpine: []string{"zlib-dev", "linux-headers"}},
	"protobuf":      {PECL: true},
	"opentelemetry": {PECL: true},
}

// phpBundled are the extensions the official PHP images (apache and fpm,
// Debian and Alpine) have built in or loaded: a requirement of one is met
// as it is.
var phpBundled = []string{"core", "ctype", "curl", "date", "dom", "fileinfo", "filter", "ftp", "hash", "iconv", "json", "libxml",
	"mbstring", "mysqlnd", "openssl", "pcre", "pdo", "pdo_sqlite", "phar", "posix", "random", "readline", "reflection",
	"session", "simplexml", "sodium", "spl", "sqlite3", "standard", "tokenizer", "xml", "xmlreader", "xmlwriter", "zlib"}

// phpExtNames are the allowed values of extensions.
func phpExtNames() []string {
	names := make([]string, 0, len(phpExts))
	for n := range phpExts {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// PHPExtensionPlan is how the runtime image builds a spec's extensions.
type PHPExtensionPlan struct {
	// Packages are the build packages of the spec's base, Core the
	// extensions docker-php-ext-install builds, PECL those pecl installs,
	// Configure the docker-php-ext-configure lines (extension first).
	Packages, Core, PECL []string
	Configure            [][]string
}

// PHPExtensions is the extension plan of a php spec (nil when it lists
// none), for the Dockerfile template.
func (s *Spec) PHPExtensions() *PHPExtensionPlan {
	if len(s.Extensions) == 0 {
		return nil
	}
	p := &PHPExtensionPlan{}
	for _, name := range s.Extensions {
		x := phpExts[name]
		deps := x.Debian
		if s.Base == BaseAlpine {
			deps = x.Alpine
		}
		for _, d := range deps {
			if !slices.Contains(p.Packages, d) {
				p.Packages = append(p.Packages, d)
			}
		}
		if x.PECL {
			p.PECL = append(p.PECL, name)
		} else {
			p.Core = append(p.Core, name)
		}
		if len(x.Configure) > 0 {
			p.Configure = append(p.Configure, append([]string{name}, x.Configure...))
		}
	}
	return p
}

// --- detection of the extensions a project needs ---

// composerLock is what detection reads of composer.lock: the packages
// installed without --dev and what each requires.
type composerLock struct {
	Packages []struct {
		Name    string            `json:"name"`
		Require map[string]string `json:"require"`
	} `json:"packages"`
}

var (
	// phpPDORE finds a PDO DSN in the code: new PDO('pgsql:host=...').
	phpPDORE = regexp.MustCompile(`new\s+\\?PDO\s*\(\s*["'](mysql|pgsql|sqlite|sqlsrv|odbc|firebird|oci|dblib):`)
	// phpDBConnRE is Laravel's DB_CONNECTION in .env.example.
	phpDBConnRE = regexp.MustCompile(`(?m)^\s*DB_CONNECTION\s*=\s*["']?([a-z]+)`)
	// phpDBDriverRE is a doctrine-style DATABASE_URL (Symfony's .env).
	phpDBDriverRE = regexp.MustCompile(`(?m)^\s*DATABASE_URL\s*=\s*["']?(mysql|postgresql|postgres|pgsql|sqlite)://`)
)

// phpDriverExt maps a database driver name, as code and .env files spell
// it, to the PDO extension it needs ("" for a bundled one).
var phpDriverExt = map[string]string{
	"mysql": "pdo_mysql", "mariadb": "pdo_mysql", "pgsql": "pdo_pgsql", "postgres": "pdo_pgsql", "postgresql": "pdo_pgsql",
	"sqlite": "", "sqlsrv": "pdo_sqlsrv", "odbc": "pdo_odbc", "firebird": "pdo_firebird", "oci": "pdo_oci", "dblib": "pdo_dblib",
}

// phpDetectExtensions reads the extensions the project needs: ext-* in
// composer.json's require, in the requirements of the packages
// composer.lock installs, PDO DSNs in the code and the database of
// .env.example or .env; bundled ones are left out, unknown ones noted.
func phpDetectExtensions(p *project, c *Candidate) {
	seen := map[string]bool{}
	for _, x := range c.Extensions { // the framework's, already listed
		seen[x.Value] = true
	}
	var unknown []string
	add := func(name, from, why string) {
		name = strings.ToLower(name)
		if name == "" || seen[name] || slices.Contains(phpBundled, name) {
			return
		}
		seen[name] = true
		if _, ok := phpExts[name]; !ok {
			unknown = append(unknown, fmt.Sprintf("%s (%s)", name, from))
			return
		}
		c.Extensions = append(c.Extensions, Detected{Value: name, From: from, Reason: why})
	}
	if cj, data, ok := readComposerJSON(p); ok {
		for _, req := range sortedKeys(cj.Require) {
			if ext, ok := strings.CutPrefix(req, "ext-"); ok {
				add(ext, at("composer.json", lineOf(data, `"`+req+`"`)), "composer.json requires "+req)
			}
		}
	}
	if data, ok := p.read("composer.lock"); ok {
		var lock composerLock
		if json.Unmarshal(data, &lock) == nil {
			for _, pkg := range lock.Packages {
				for _, req := range sortedKeys(pkg.Require) {
					if ext, ok := strings.CutPrefix(req, "ext-"); ok {
						add(ext, at("composer.lock", lineOf(data, `"name": "`+pkg.Name+`"`)), pkg.Name+" requires "+req)
					}
				}
			}
		}
	}
	if m, ok := p.scan(phpSources(p), []*regexp.Regexp{phpPDORE}); ok {
		add(phpDriverExt[m.Value], m.From, "the code opens a PDO "+m.Value+" connection")
	}
	for _, f := range []string{".env.example", ".env"} {
		if m, ok := p.scan([]string{f}, []*regexp.Regexp{phpDBConnRE, phpDBDriverRE}); ok {
			if ext, known := phpDriverExt[m.Value]; known {
				add(ext, m.From, "the app's database is "+m.Value)
			}
			if m.Value == "sqlite" {
				c.Notes = append(c.Notes, fmt.Sprintf("%s: the database is SQLite, whose file the read-only image cannot change: point it at a writable path (a tmpfs, lost at each stop) or a mounted volume, or use a database server", m.From))
			}
			break
		}
	}
	if len(c.Extensions) > 0 {
		var names []string
		for _, x := range c.Extensions {
			names = append(names, fmt.Sprintf("%s (%s)", x.Value, x.From))
		}
		c.Notes = append(c.Notes, fmt.Sprintf("PHP extensions built into the runtime image (extensions): %s; Composer's platform check runs in the image build with that PHP", strings.Join(names, ", ")))
	}
	if len(unknown) > 0 {
		c.Notes = append(c.Notes, fmt.Sprintf("PHP extensions dockergen does not know how to build: %s; install them with build packages and a build.command, or drop the requirement (the image build's platform check fails without them)", strings.Join(unknown, ", ")))
	}
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// phpSourceDirs are where an app's own PHP code lives; vendor/ is never read.
var phpSourceDirs = []string{".", "public", "src", "app", "config", "lib", "includes", "inc", "web"}

// phpSources lists the app's own .php files (at most 200), in the usual
// code directories, one level deep.
func phpSources(p *project) []string {
	var files []string
	for _, dir := range phpSourceDirs {
		_ = fs.WalkDir(p.fsys, dir, func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() {
				if name != dir && (strings.Count(strings.TrimPrefix(name, dir+"/"), "/") >= 1 || path.Base(name) == "vendor" || path.Base(name) == "node_modules" || strings.HasPrefix(path.Base(name), ".")) {
					return fs.SkipDir
				}
				return nil
			}
			if strings.HasSuffix(name, ".php") && len(files) < 200 && !slices.Contains(files, name) {
				files = append(files, name)
			}
			return nil
		})
	}
	return files
}
