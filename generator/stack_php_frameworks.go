package generator

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"
)

// PHP frameworks: what each writes at run time (made writable: a tmpfs
// under the workdir, empty at each start), what it needs from the
// environment (keys passed through, never baked in), what it must build
// during the image build, and its health endpoint. Knowledge as data; the
// detector applies it.
type phpFramework struct {
	Name string
	// Packages are the Composer packages that identify it (any one), File
	// a file the project must have beside it ("" for none).
	Packages []string
	File     string
	// Marker identifies a framework without Composer (WordPress): a file.
	Marker string
	// Writable are directories under the workdir that it writes; each one
	// is made writable when the project has it or always is true.
	Writable []string
	Always   bool
	// Env is set in the image, each with why; PassEnv are passed from the
	// environment at run time, each with why.
	Env     []Setting
	PassEnv []Setting
	// Extensions are the PHP extensions it needs beyond the bundled ones.
	Extensions []string
	// Build is the build step run once the autoloader is written.
	Build []string
	// Health is where its health endpoint is declared.
	Health   string
	HealthRE *regexp.Regexp
	// NoHealth says why probing / (the default healthcheck) may fail when
	// no health endpoint is found.
	NoHealth   string
	Notes      []string
	WritableTo string
}

var phpFrameworks = []phpFramework{
	{
		Name: "Laravel", Packages: []string{"laravel/framework"}, File: "artisan",
		// Not storage/ as a whole: the app's own storage/app stays, and
		// Laravel needs the framework/ directories to exist (the view
		// compiler's path is their realpath).
		Writable: []string{"storage/framework/cache", "storage/framework/sessions", "storage/framework/views", "storage/logs"}, Always: true,
		WritableTo: "caches, file sessions, compiled views and logs",
		Env:        []Setting{{Name: "LOG_CHANNEL", Value: "stderr", Reason: "Laravel logs to storage/logs by default; stderr reaches docker logs"}},
		PassEnv:    []Setting{{Name: "APP_KEY", Reason: "Laravel encrypts cookies and sessions with APP_KEY (php artisan key:generate --show); never baked into the image"}},
		// The package manifest (bootstrap/cache/packages.php and
		// services.php) that composer's post-autoload-dump script would
		// write: built here, it stays read-only in the image.
		Build:    []string{"php", "artisan", "package:discover", "--ansi"},
		Health:   "bootstrap/app.php",
		HealthRE: regexp.MustCompile(`\bhealth\s*:\s*['"](/[^'"]*)['"]`),
		Notes: []string{
			"Laravel: bootstrap/cache holds the package manifest built during the image build (php artisan package:discover) and stays read-only; run config:cache or route:cache in build.command if wanted",
			"Laravel: set the database with DB_CONNECTION, DB_HOST, DB_DATABASE, DB_USERNAME and DB_PASSWORD (add them to passEnv: run.sh and compose pass them from the environment)",
		},
	},
	{
		Name: "Symfony", Packages: []string{"symfony/framework-bundle"}, File: "bin/console",
		Writable: []string{"var"}, Always: true,
		WritableTo: "its cache and logs (var/cache, var/log)",
		NoHealth:   "in prod, / answers 404 unless a route serves it",
		Env:        []Setting{{Name: "APP_ENV", Value: "prod", Reason: "Symfony's .env says dev; the image runs the production environment"}},
		PassEnv:    []Setting{{Name: "APP_SECRET", Reason: "Symfony signs CSRF tokens and cookies with APP_SECRET; never baked into the image"}},
		// Symfony's runtime reads .env at boot and fails without it, but
		// .dockerignore keeps the project's .env (it may hold secrets) out
		// of the build: the build writes an empty one.
		Build: []string{"touch", ".env"},
		Notes: []string{
			"Symfony: its runtime reads .env at boot, which .dockerignore keeps out of the build (it may hold secrets): build.command writes an empty .env, and the image's variables come from env and passEnv",
		},
	},
	{
		// The app starter's writable/ (app/Config/Paths.php's
		// writableDirectory): file cache, logs, file sessions, uploads.
		Name: "CodeIgniter", Packages: []string{"codeigniter4/framework"}, File: "spark",
		Writable:   []string{"writable/cache", "writable/logs", "writable/session", "writable/uploads"},
		WritableTo: "its file cache, logs, file sessions and uploads (writable/)",
	},
	{
		Name: "Slim", Packages: []string{"slim/slim"},
		Writable:   []string{"logs"},
		WritableTo: "its log file (logs/app.log in the Slim skeleton)",
	},
	{
		// WordPress installed with Composer (roots/bedrock: web/wp, the
		// content in web/app) or plain (wp-config.php, wp-content/).
		Name: "WordPress", Packages: []string{"roots/wordpress", "johnpbloch/wordpress", "roots/wordpress-no-content"}, Marker: "wp-config.php",
		Writable:   []string{"web/app/uploads", "wp-content/uploads"},
		WritableTo: "uploads",
		Extensions: []string{"mysqli"},
		NoHealth:   "/ needs the database, so the container is unhealthy while it is down",
		Notes:      []string{"WordPress: uploads go to a tmpfs, lost when the container stops; mount a volume on the uploads directory to keep them, and give the database settings (DB_NAME, DB_USER, DB_PASSWORD, DB_HOST) through passEnv"},
	},
}

// phpApplyFramework applies what dockergen knows of the project's framework.
func phpApplyFramework(p *project, c *Candidate) {
	cj, data, ok := readComposerJSON(p)
	for _, fw := range phpFrameworks {
		from := ""
		for _, pkg := range fw.Packages {
			if !ok {
				break
			}
			if _, has := cj.Require[pkg]; has && (fw.File == "" || p.exists(fw.File)) {
				from = at("composer.json", lineOf(data, `"`+pkg+`"`))
				break
			}
		}
		if from == "" && fw.Marker != "" && p.exists(fw.Marker) {
			from = fw.Marker
		}
		if from == "" {
			continue
		}
		var dirs []string
		for _, w := range fw.Writable {
			if fw.Always || isDir(p, w) || (path.Dir(w) != "." && isDir(p, path.Dir(w))) {
				c.Writable = append(c.Writable, Detected{Value: path.Join(DefaultWorkdir, w), From: from, Reason: fmt.Sprintf("%s writes %s", fw.Name, fw.WritableTo)})
				dirs = append(dirs, w+"/")
			}
		}
		if len(dirs) > 0 {
			c.Notes = append(c.Notes, fmt.Sprintf("%s (%s) writes %s: %s made writable (a tmpfs, empty at each start)", fw.Name, from, fw.WritableTo, strings.Join(dirs, ", ")))
		}
		for _, e := range fw.Env {
			c.setEnv(e.Name, e.Value, from, e.Reason)
		}
		for _, e := range fw.PassEnv {
			c.PassEnv = append(c.PassEnv, Setting{Name: e.Name, From: from, Reason: e.Reason})
			c.Notes = append(c.Notes, fmt.Sprintf("%s (%s): %s is passed from the environment at run time (passEnv): %s", fw.Name, from, e.Name, e.Reason))
		}
		for _, x := range fw.Extensions {
			c.Extensions = append(c.Extensions, Detected{Value: x, From: from, Reason: fw.Name + " needs " + x})
		}
		if len(fw.Build) > 0 && len(c.BuildCommand) == 0 {
			c.BuildCommand, c.BuildFrom = fw.Build, from
		}
		if fw.HealthRE != nil && !c.HealthPath.Found() {
			if m, ok := p.scan([]string{fw.Health}, []*regexp.Regexp{fw.HealthRE}); ok {
				c.HealthPath = m
			}
		}
		if fw.NoHealth != "" && !c.HealthPath.Found() {
			c.NoHealth = fmt.Sprintf("%s (%s): no health endpoint found, and %s", fw.Name, from, fw.NoHealth)
			c.Notes = append(c.Notes, c.NoHealth+": no HTTP healthcheck (healthcheck.disabled); set healthcheck.path to a route that answers 200 without its dependencies to get one")
		}
		c.Notes = append(c.Notes, fw.Notes...)
		return
	}
}

// phpSQLiteRE names a SQLite database file.
var phpSQLiteRE = regexp.MustCompile(`\.(sqlite|sqlite3|db)$`)

// phpSQLiteNote notes SQLite files in the project: they are read-only in
// the image.
func phpSQLiteNote(p *project, c *Candidate) {
	var found []string
	for _, dir := range []string{".", "database", "data", "db", "var"} {
		entries, err := fs.ReadDir(p.fsys, dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if !e.IsDir() && phpSQLiteRE.MatchString(e.Name()) {
				found = append(found, path.Join(dir, e.Name()))
			}
		}
	}
	if len(found) > 0 {
		c.Notes = append(c.Notes, fmt.Sprintf("SQLite database %s is read-only in the image (read-only root): point the app at a file in a writable path (a tmpfs, lost at each stop) or mount a volume for it, or use a database server", strings.Join(found, ", ")))
	}
}

// phpAssetsOutputs are where PHP frameworks' front-end builds write
// (assets.output), read before the generic Vite outDir: laravel-vite-plugin
// writes public/build (public/BUILDDIRECTORY when vite.config sets
// buildDirectory); Symfony's Webpack Encore writes setOutputPath.
var phpAssetsOutputs = []finder{
	func(p *project) (Detected, bool) {
		_, data, ok := readPackageJSON(p)
		if !ok || !packageDeps(data)["laravel-vite-plugin"] {
			return Detected{}, false
		}
		if d, ok := configString(viteConfigs, regexp.MustCompile(`\bbuildDirectory\s*:\s*["']([^"'$]+)["']`))(p); ok {
			d.Value = path.Join("public", d.Value)
			return d, true
		}
		return Detected{Value: "public/build", From: at("package.json", depLine(data, "laravel-vite-plugin")), Reason: "laravel-vite-plugin writes public/build"}, true
	},
	configString([]string{"webpack.config.js", "webpack.config.cjs"}, regexp.MustCompile(`\bsetOutputPath\(\s*["']([^"'$]+)["']`)),
}
