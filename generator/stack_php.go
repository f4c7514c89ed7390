package generator

import (
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"strings"
)

// The php stack: a Composer project whose dependencies are installed in the
// official composer:2 image (composer.json and composer.lock first, no dev
// packages, no scripts, optimized autoloader), then copied with the app into
// the official PHP image of the chosen server:
//
//   - apache (default): php:VERSION-apache-DEBIAN (trixie by default), Apache prefork with
//     mod_php, run as the app user on the spec's first port (no privileged
//     port), logs to stdout and stderr, answering HTTP. main is the front
//     controller (public/index.php): its directory is the document root and
//     every path that is not a file goes to it (FallbackResource).
//   - fpm: php:VERSION-fpm-DEBIAN (slim) or php:VERSION-fpm-alpineA
//     (alpine), PHP-FPM speaking FastCGI on the spec's first port for a
//     front end (nginx, Caddy, a load balancer) that sends SCRIPT_FILENAME
//     = the workdir's main. It does not answer HTTP; its healthcheck speaks
//     FastCGI.
//
// Both use the production php.ini plus dockergen's own settings, and keep
// everything they write (temporary files, sessions, uploads, OPcache's lock
// file, Apache's pid file and mutexes) in the first writable path (/tmp by
// default). The official images have no Apache variant on Alpine, so alpine
// is fpm only. No distroless PHP image exists.
var phpStack = &stack{
	Name:  "php",
	Title: "PHP",
	// Composer reads a private repository's credentials from
	// COMPOSER_HOME/auth.json; COMPOSER_HOME is /tmp in composer:2.
	Secret:      Secret{ID: "composer-auth", Target: "/tmp/auth.json", Src: "~/.config/composer/auth.json"},
	Runtime:     "php",
	DefaultBase: BaseSlim,
	Bases:       []string{BaseSlim, BaseAlpine},
	DefaultMain: "public/index.php",
	MainHelp:    "the front controller, whose directory is the document root (for example public/index.php)",
	Servers:     []string{"apache", "fpm"},
	Extensions:  phpExtNames(),
	BaseServers: map[string]string{BaseAlpine: "fpm"},
	ChoiceHelp: map[string]string{
		"apache": "Apache with mod_php, answers HTTP",
		"fpm":    "PHP-FPM, answers FastCGI for a front end such as nginx",
	},
	// Images is the server's image: apache or fpm on slim, fpm on alpine
	// (the only PHP server image there: apache on alpine is refused by
	// Check, on the server field). The builder is the catalog's composer.
	Images: func(r release) (string, string, string, error) {
		composer := img{"composer", pinnedTool("composer").Version, nil} // composer:2
		server := r.Server
		switch r.Base {
		case BaseSlim:
			if server != "fpm" {
				server = "apache"
			}
			return images(r, phpInterp, composer, img{"php", "{version}-{variant}-{debian}", []string{"variant", server}})
		case BaseAlpine:
			return images(r, phpInterp, composer, img{"php", "{version}-{variant}-alpine{alpine}", []string{"variant", "fpm"}})
		}
		return "", "", "", errNoBase
	},
	HTTPProbe: func(interp, url string) []string {
		return []string{interp, "-d", "allow_url_fopen=1", "-r", phpProbe, "--", url}
	},
	CheckMain: func(s *Spec) string {
		if !phpMainRE.MatchString(s.Main) {
			return fmt.Sprintf("%q is not a front controller: a .php file inside the build context whose directory is the document root (letters, digits, '.', '_' and '-' in each part, no part starting with '.', for example public/index.php or index.php)", s.Main)
		}
		return ""
	},
	Check: func(s *Spec, bad func(field, format string, args ...any)) {
		if s.Server == "apache" && s.Base == BaseAlpine {
			bad("server", "%q has no official PHP image on Alpine (allowed on alpine: fpm; or base slim for apache)", s.Server)
		}
		if len(s.Writable) == 0 {
			bad("writable", "PHP needs a writable directory, the first listed, for sessions, uploads, OPcache's lock file and Apache's pid file and mutexes (allowed: at least one path, for example /tmp)")
		}
	},
	Entry: func(s *Spec, interp string) []string {
		if s.Server == "fpm" {
			return []string{"/usr/local/sbin/php-fpm", "--nodaemonize"}
		}
		return []string{"/usr/sbin/apache2", "-DFOREGROUND"}
	},
	Label: func(s *Spec) string {
		if s.Server == "fpm" {
			return "php " + s.Version + " with PHP-FPM"
		}
		return "php " + s.Version + " with Apache"
	},
	ConfigFiles: func(s *Spec) []configFile {
		if s.Server == "fpm" {
			return []configFile{{"php.ini", checkINI}, {"php-fpm.conf", checkINI}}
		}
		return []configFile{{"php.ini", checkINI}, {"apache2.conf", checkApache}}
	},
	DepFiles: phpDepFiles,
	// Laravel's Vite build (package.json's build script) runs in a Node.js
	// stage (assets): Composer's image has no Node.js.
	Assets: true,
	Doc: stackDoc{
		Reads: []docRead{
			{"`composer.json`, `.php-version`", "require.php and config.platform.php, `ext-*`, the framework (laravel/framework with artisan, symfony/framework-bundle with bin/console, slim/slim, roots/wordpress), install scripts"},
			{"`composer.lock`", "the locked packages' `ext-*` (the extensions built in)"},
			{"`public/index.php` or `index.php`, the app's `*.php`", "the document root; `new PDO('driver:...')` (PDO drivers)"},
			{"`.env.example`, `bootstrap/app.php`, `logs/`, `web/app`, `wp-content/`", "`DB_CONNECTION`/`DATABASE_URL` (the PDO driver); Laravel's `health: '/up'`; writable paths"},
			{"`package.json`, its lockfile, `vite.config.*`, `webpack.config.js`", "a `build` script → an assets stage (assets: Node.js, the package manager, the output: laravel-vite-plugin's `public/build` or `buildDirectory`, Encore's `setOutputPath`, Vite's `outDir`, an `--outdir` flag); no lockfile → a note"},
		},
		DetectedFrom: "`composer.json` (require.php), `composer.lock`, `public/index.php` or `index.php`, `.php-version`",
		Runtime:      "Composer `--no-dev` in `composer:2`, production `php.ini`, Apache on 8080 as the app user",
		BaseNotes:    map[string]string{BaseSlim: "apache or fpm", BaseAlpine: "fpm"},
	},
	Detector: phpDetector,
}

const phpInterp = "/usr/local/bin/php"

// phpMainRE is a relative .php path of plain parts: no '.' or '..' part, no
// leading '-', nothing Apache's configuration or a shell would read as syntax.
var phpMainRE = regexp.MustCompile(`^(?:[A-Za-z0-9_][A-Za-z0-9._-]*/)*[A-Za-z0-9_][A-Za-z0-9._-]*\.php$`)

// phpProbe is the healthcheck program: argv[1] is the URL. Where
// DOCKERGEN_FASTCGI_SCRIPT is set (the fpm images) it sends one FastCGI GET
// for the URL's path to the URL's port with that script as SCRIPT_FILENAME,
// and succeeds on output with no Status header or Status 200; elsewhere it
// fetches the URL over HTTP and succeeds on a 2xx answer. Fixed text: the URL
// and the script path are data, never part of the program.
const phpProbe = `$u=parse_url($argv[1]);$f=getenv('DOCKERGEN_FASTCGI_SCRIPT');` +
	`if($f===false){exit(@file_get_contents($argv[1],false,stream_context_create(['http'=>['timeout'=>3]]))===false?1:0);}` +
	`$s=@fsockopen('127.0.0.1',$u['port'],$e,$m,3);if(!$s){exit(1);}stream_set_timeout($s,3);` +
	`$n=fn($x)=>strlen($x)<128?chr(strlen($x)):pack('N',strlen($x)|0x80000000);$q=$u['query']??'';$p='';` +
	`foreach(['GATEWAY_INTERFACE'=>'CGI/1.1','REQUEST_METHOD'=>'GET','SCRIPT_FILENAME'=>$f,'SCRIPT_NAME'=>'/'.basename($f),'REQUEST_URI'=>$u['path'].($q===''?'':'?'.$q),'QUERY_STRING'=>$q,'SERVER_NAME'=>'localhost','SERVER_PORT'=>(string)$u['port'],'SERVER_PROTOCOL'=>'HTTP/1.1','REMOTE_ADDR'=>'127.0.0.1'] as $k=>$v){$p.=$n($k).$n($v).$k.$v;}` +
	`$r=fn($t,$c)=>pack('CCnnCx',1,$t,1,strlen($c),0).$c;fwrite($s,$r(1,pack('nCx5',1,0)).$r(4,$p).$r(4,'').$r(5,''));` +
	`$b=stream_get_contents($s);$o='';for($i=0;$i+8<=strlen($b);$i+=8+$d['l']+$d['p']){$d=unpack('Cv/Ct/nr/nl/Cp',substr($b,$i,8));if($d['t']==6){$o.=substr($b,$i+8,$d['l']);}}` +
	`$h=strstr($o,"\r\n\r\n",true);exit($h===false||preg_match('/^Status:\s*(\d{3})/mi',$h,$c)&&$c[1]!=='200'?1:0);`

// --- detection ---

// composerJSON is what detection reads of composer.json.
type composerJSON struct {
	Name    string            `json:"name"`
	Require map[string]string `json:"require"`
	Config  struct {
		Platform map[string]string `json:"platform"`
	} `json:"config"`
	Scripts map[string]json.RawMessage `json:"scripts"`
}

func readComposerJSON(p *project) (*composerJSON, []byte, bool) {
	data, ok := p.read("composer.json")
	if !ok {
		return nil, nil, false
	}
	var cj composerJSON
	if json.Unmarshal(data, &cj) != nil {
		return nil, data, false
	}
	return &cj, data, true
}

var (
	// phpReleaseRE takes major.minor from a version or a constraint's first
	// version ("8.2.10", "^8.2", ">=8.1 <8.4", "~8.3.0", "8.2.*").
	phpReleaseRE     = regexp.MustCompile(`([0-9]+\.[0-9]+)`)
	phpVersionFileRE = regexp.MustCompile(`^\s*(?:php-?)?v?([0-9]+\.[0-9]+)(?:\.[0-9]+)?\s*$`)
)

// phpComposerVersion is a finder of the PHP release in composer.json: from
// config.platform.php (what Composer resolves against) when pick is
// "platform", else from require.php's constraint (its first version).
func phpComposerVersion(pick string) finder {
	return func(p *project) (Detected, bool) {
		cj, data, ok := readComposerJSON(p)
		if !ok {
			return Detected{}, false
		}
		v := cj.Require["php"]
		if pick == "platform" {
			v = cj.Config.Platform["php"]
		}
		if v == "" {
			return Detected{}, false
		}
		from := at("composer.json", lineOf(data, `"`+v+`"`))
		if pick == "require" { // a Composer constraint: resolved with the catalog
			return Detected{Value: v, From: from, constraint: true}, true
		}
		if m := phpReleaseRE.FindString(v); m != "" {
			return Detected{Value: m, From: from}, true
		}
		return Detected{Value: v, From: from}, true
	}
}

// phpScriptHooks are the Composer events of an install that --no-scripts
// skips.
// (post-root-package-install and post-create-project-cmd run only at
// composer create-project, never at an install.)
var phpScriptHooks = []string{"pre-install-cmd", "post-install-cmd", "pre-autoload-dump", "post-autoload-dump"}

var phpDetector = &detector{
	markers: []string{"composer.json", "public/index.php", "index.php", ".php-version"},
	name: []finder{func(p *project) (Detected, bool) {
		cj, data, ok := readComposerJSON(p)
		if !ok || cj.Name == "" {
			return Detected{}, false
		}
		name := cj.Name
		if i := strings.LastIndex(name, "/"); i >= 0 { // vendor/project
			name = name[i+1:]
		}
		n := sanitizeName(name)
		return Detected{Value: n, From: at("composer.json", lineOf(data, `"name"`))}, n != ""
	}},
	version: []finder{
		fromFile(".php-version", func(data []byte) (string, int, bool) {
			line, _, _ := strings.Cut(strings.TrimSpace(string(data)), "\n")
			if m := phpVersionFileRE.FindStringSubmatch(line); m != nil {
				return m[1], 1, true
			}
			return strings.TrimSpace(line), 1, strings.TrimSpace(line) != ""
		}),
		toolVersion(2, "php"),
		phpComposerVersion("platform"),
		phpComposerVersion("require"),
	},
	mains: func(p *project, c *Candidate) []Detected {
		var found []Detected
		for _, f := range []string{"public/index.php", "index.php", "web/index.php"} {
			if p.exists(f) {
				found = append(found, Detected{Value: f, From: f})
			}
		}
		return found
	},
	sources: func(p *project, c *Candidate) []string { return []string{c.Main.Value} },
	// The port is the server's (Apache's Listen, FPM's listen), which the
	// generated configuration sets; the app's source does not choose it.
	health: []*regexp.Regexp{httpPathRE2},
	notes: func(p *project, c *Candidate) {
		phpApplyFramework(p, c)
		phpDetectExtensions(p, c)
		phpSQLiteNote(p, c)
		frontEndAssets(p, c, "Composer", phpAssetsOutputs...)
		phpWorkersWhy(c)
		cj, data, ok := readComposerJSON(p)
		switch {
		case !p.exists("composer.json"):
			c.Notes = append(c.Notes, `composer.json is missing: the Dockerfile installs dependencies with Composer from composer.json and composer.lock (create them: composer init, or {"require": {}} and composer update)`)
		case !ok:
			c.Notes = append(c.Notes, "composer.json is not valid JSON: its name, PHP version and scripts were not read")
		case !p.exists("composer.lock"):
			c.Notes = append(c.Notes, "composer.lock is missing: the Dockerfile installs exactly what it locks (run composer update and commit composer.lock)")
		}
		if ok {
			var hooks []string
			for _, h := range phpScriptHooks {
				if _, has := cj.Scripts[h]; has {
					hooks = append(hooks, fmt.Sprintf("%s (%s)", h, at("composer.json", lineOf(data, `"`+h+`"`))))
				}
			}
			switch {
			case len(hooks) > 0 && len(c.BuildCommand) > 0:
				c.Notes = append(c.Notes, fmt.Sprintf("composer.json has install scripts that the image build does not run (it installs with --no-scripts): %s; build.command (%s) runs %s once the autoloader is written", strings.Join(hooks, ", "), c.BuildFrom, strings.Join(c.BuildCommand, " ")))
			case len(hooks) > 0:
				c.Notes = append(c.Notes, fmt.Sprintf("composer.json has install scripts that the image build does not run (it installs with --no-scripts): %s; run what they do with build.command if the app needs it", strings.Join(hooks, ", ")))
			}
		}
		switch {
		case len(c.Mains) == 0:
			c.Notes = append(c.Notes, fmt.Sprintf("no public/index.php, index.php or web/index.php: using %s — set main to the front controller (its directory is the document root)", c.Main.Value))
		case path.Dir(c.Main.Value) == ".":
			c.Notes = append(c.Notes, fmt.Sprintf("%s is at the project's root, so the whole project is the document root; dockergen denies /vendor and composer.* but any other file is served: move the public files and the front controller to public/", c.Main.Value))
		}
	},
}

// phpDepFiles: composer install without a lockfile would resolve afresh;
// it is refused, with how to write one.
func phpDepFiles(*Spec) []DepFile {
	return []DepFile{{Name: "composer.json"}, {Name: "composer.lock", Create: "composer update --lock"}}
}

// ApacheWorkers is Apache's MaxRequestWorkers for a php spec (apache2.conf):
// one mod_php worker per 32 MiB of the memory limit beyond 64 MiB (Apache's
// parent and OPcache's shared memory), within the pids limit less 8 (the
// parent, the healthcheck and a shell), at most 150 (Apache's own default)
// and at least 1.
func (s *Spec) ApacheWorkers() int {
	n := 150
	if mem := MemoryBytes(s.Resources.Memory); mem > 0 {
		n = min(n, int((mem-64<<20)/(32<<20)))
	}
	if s.Resources.Pids > 0 {
		n = min(n, s.Resources.Pids-8)
	}
	return max(n, 1)
}

// phpWorkersWhy says, as the server's reason, how many Apache workers the
// defaults give and why.
func phpWorkersWhy(c *Candidate) {
	if c.Server.Value == "fpm" {
		return
	}
	if c.Server.Value == "" {
		c.Server.Value = "apache" // the default: From stays empty
	}
	s := &Spec{Resources: Resources{Memory: DefaultMemory, Pids: DefaultPids}}
	c.Server.Reason = fmt.Sprintf("Apache runs at most %d mod_php workers (MaxRequestWorkers) in %s and %d pids: one per 32 MiB beyond 64 MiB for Apache's parent and OPcache, within the pids limit; it follows resources",
		s.ApacheWorkers(), s.Resources.Memory, s.Resources.Pids)
}
