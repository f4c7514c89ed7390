package check

import (
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// runCheck is one RUN being checked: each rule reports at most once per RUN,
// at the first command that breaks it.
type runCheck struct {
	d        *dfCheck
	s        *stage
	n        *parser.Node
	sc       *script
	caches   []string // cache mount targets
	reported map[*Rule]bool
}

func (r *runCheck) report(rule *Rule, c *shCmd, format string, args ...any) {
	if r.reported[rule] {
		return
	}
	r.reported[rule] = true
	r.d.atPos(rule, r.n, c.Line, c.Col, format, args...)
}

// cached reports whether a cache mount covers dir (or a directory in it).
func (r *runCheck) cached(dirs ...string) bool {
	for _, t := range r.caches {
		for _, d := range dirs {
			if strings.Contains(t, d) {
				return true
			}
		}
	}
	return false
}

// removes reports whether the RUN deletes a path under one of the prefixes
// with rm.
func (r *runCheck) removes(prefixes ...string) bool {
	for _, c := range r.sc.Cmds {
		argv := effective(c.Args)
		if len(argv) == 0 || base(argv[0]) != "rm" {
			continue
		}
		for _, a := range argv[1:] {
			for _, p := range prefixes {
				if strings.HasPrefix(a, p) {
					return true
				}
			}
		}
	}
	return false
}

// runs reports whether the RUN has a command with this name and subcommand
// words, in order (for example "npm", "cache", "clean").
func (r *runCheck) runs(words ...string) bool {
	for _, c := range r.sc.Cmds {
		argv := effective(c.Args)
		if len(argv) == 0 || base(argv[0]) != words[0] {
			continue
		}
		rest := argv[1:]
		ok := true
		for _, w := range words[1:] {
			i := slices.Index(rest, w)
			if i < 0 {
				ok = false
				break
			}
			rest = rest[i+1:]
		}
		if ok {
			return true
		}
	}
	return false
}

func (d *dfCheck) checkRun(s *stage, run *instructions.RunCommand, n *parser.Node) {
	r := &runCheck{d: d, s: s, n: n, sc: d.runScript(run, n), reported: map[*Rule]bool{}}
	for _, m := range instructions.GetMounts(run) {
		if m.Type == instructions.MountTypeCache {
			r.caches = append(r.caches, m.Target)
		}
	}
	for _, c := range r.sc.Cmds {
		r.checkCmd(c)
	}
	for _, p := range r.sc.Pipes {
		var dl *shCmd
		for _, c := range p.Left {
			if isDownloader(effective(c.Args)) {
				dl = c
			}
		}
		if dl == nil {
			continue
		}
		for _, c := range p.Right {
			if argv := effective(c.Args); runsStdin(argv) {
				r.report(RuleCurlPipeShell, dl, "%s output is piped into %s", base(effective(dl.Args)[0]), base(argv[0]))
			}
		}
	}
}

func (r *runCheck) checkCmd(c *shCmd) {
	if len(c.Args) == 0 {
		return
	}
	if base(c.Args[0]) == "sudo" {
		r.report(RuleSudo, c, "")
	}
	for _, a := range c.Args {
		if urlCredentials(a) {
			r.report(RuleURLCredentials, c, "%s has a password in a URL: %s", base(c.Args[0]), redactURL(a))
		}
	}
	for k, v := range c.Env {
		if what, bad := insecureEnv(k, v); bad {
			r.report(RuleInsecureTransport, c, "%s=%s %s", k, v, what)
		}
	}
	argv := effective(c.Args)
	if len(argv) == 0 {
		return
	}
	name := base(argv[0])
	if what := insecureCmd(argv); what != "" {
		r.report(RuleInsecureTransport, c, "%s", what)
	}
	if name == "cd" && !c.Sub {
		r.report(RuleRunCd, c, "")
	}
	if runsStdin(argv) || slices.Contains(shells, name) || isInterpreter(name) {
		for _, s := range c.Substs {
			if isDownloader(effective(s.Args)) {
				r.report(RuleCurlPipeShell, c, "%s runs a script that %s downloads", name, base(effective(s.Args)[0]))
			}
		}
	}
	switch name {
	case "apt-get", "apt", "aptitude":
		sub, _ := subcommand(argv, "-o", "-t", "-c", "--option", "--target-release", "--config-file")
		switch sub {
		case "upgrade", "dist-upgrade", "full-upgrade", "safe-upgrade":
			r.report(RuleUpgrade, c, "%s %s upgrades the base image's packages", name, sub)
		case "install":
			if r.s.chain && !hasFlag(argv, "--no-install-recommends") && !r.d.rt.recommendsCfg && !anyContains(argv, "Install-Recommends") {
				r.report(RuleAptRecommends, c, "%s install without --no-install-recommends", name)
			}
		case "update":
			if r.s.chain && !r.removes("/var/lib/apt/lists") && !r.cached("/var/lib/apt") {
				r.report(RuleAptLists, c, "%s update leaves /var/lib/apt/lists in the layer (remove it in the same RUN)", name)
			}
		}
	case "apk":
		sub, _ := subcommand(argv, "-X", "--repository", "-p", "--root", "--arch", "--cache-dir", "--keys-dir", "--repositories-file")
		switch sub {
		case "upgrade":
			r.report(RuleUpgrade, c, "apk upgrade upgrades the base image's packages")
		case "add":
			if r.s.chain && !hasFlag(argv, "--no-cache") && !r.removes("/var/cache/apk") && !r.cached("/var/cache/apk", "/etc/apk/cache") {
				r.report(RuleApkCache, c, "")
			}
		}
	case "npm":
		sub, _ := subcommand(argv)
		if r.s.chain && slices.Contains([]string{"install", "i", "ci", "add", "isntall"}, sub) &&
			!r.runs("npm", "cache", "clean") && !r.cached("npm") && !hasFlag(argv, "--cache") {
			r.report(RuleNpmCache, c, "npm %s keeps ~/.npm in the layer", sub)
		}
	case "yarn":
		sub, _ := subcommand(argv)
		if r.s.chain && (sub == "" || sub == "install" || sub == "add") &&
			!r.runs("yarn", "cache", "clean") && !r.cached("yarn") && !hasFlag(argv, "--cache-folder") {
			r.report(RuleNpmCache, c, "yarn %s keeps its cache in the layer", sub)
		}
	}
	if pipInstall(argv) && r.s.chain && !hasFlag(argv, "--no-cache-dir") && !r.cached(".cache/pip", "pip") &&
		!pipNoCache(r.d.rt.env, c.Env) && !r.runs(pipName(argv), "cache", "purge") && !r.removes("/root/.cache", "~/.cache", "$HOME/.cache") {
		r.report(RulePipCache, c, "pip install without --no-cache-dir keeps its cache in the layer")
	}
}

func anyContains(argv []string, s string) bool {
	for _, a := range argv {
		if strings.Contains(a, s) {
			return true
		}
	}
	return false
}

func isDownloader(argv []string) bool {
	return len(argv) > 0 && slices.Contains([]string{"curl", "wget", "fetch"}, base(argv[0]))
}

func isInterpreter(name string) bool {
	return strings.HasPrefix(name, "python") || slices.Contains([]string{"perl", "ruby", "node", "nodejs", "php", "pwsh"}, name)
}

// runsStdin reports whether a command executes the script on its standard
// input: a shell or interpreter with no script file and no -c/-e code.
func runsStdin(argv []string) bool {
	if len(argv) == 0 {
		return false
	}
	name := base(argv[0])
	if !slices.Contains(shells, name) && !isInterpreter(name) {
		return false
	}
	for _, a := range argv[1:] {
		switch {
		case a == "-" || a == "-s":
			return true
		case a == "--":
			continue
		case strings.HasPrefix(a, "--"):
			continue
		case strings.HasPrefix(a, "-"):
			// Code given on the command line (sh -c, python -c, node -e,
			// perl -e, php -r) or a module (python -m): stdin is data.
			codeFlags := "cemr"
			if slices.Contains(shells, name) {
				codeFlags = "c"
			}
			if strings.ContainsAny(a[1:], codeFlags) {
				return false
			}
		default:
			return false // a script file: standard input is its data
		}
	}
	return true
}

// pipInstall reports whether argv is pip install (pip, pip3, python -m pip).
func pipInstall(argv []string) bool {
	name := base(argv[0])
	if strings.HasPrefix(name, "pip") {
		sub, _ := subcommand(argv)
		return sub == "install"
	}
	if strings.HasPrefix(name, "python") {
		for i := 1; i+2 < len(argv); i++ {
			if argv[i] == "-m" && argv[i+1] == "pip" {
				sub, _ := subcommand(argv[i+1:])
				return sub == "install"
			}
		}
	}
	return false
}

func pipName(argv []string) string {
	if name := base(argv[0]); strings.HasPrefix(name, "pip") {
		return name
	}
	return "pip"
}

// pipNoCache reports whether PIP_NO_CACHE_DIR disables pip's cache.
func pipNoCache(envs ...map[string]string) bool {
	for _, env := range envs {
		if v, ok := env["PIP_NO_CACHE_DIR"]; ok && !slices.Contains([]string{"", "0", "false", "no", "off"}, strings.ToLower(v)) {
			return true
		}
	}
	return false
}

// curlValueFlags are curl's short options that take a value.
const curlValueFlags = "AbcCdDeEFHKmoPQrTtuUwxXyYz"

// insecureCmd returns what a command does to disable TLS or signature
// verification, or "".
func insecureCmd(argv []string) string {
	name := base(argv[0])
	for _, a := range argv {
		l := strings.ToLower(a)
		switch {
		case strings.Contains(l, "[trusted=yes]"):
			return "an apt source marked [trusted=yes] is installed without signature checks"
		case strings.Contains(l, "verify-peer") && strings.Contains(l, "false"), strings.Contains(l, "verify-host") && strings.Contains(l, "false"):
			return "apt is configured not to verify TLS certificates"
		case strings.Contains(l, "allowunauthenticated") && (strings.Contains(l, "true") || strings.Contains(l, "1")),
			strings.Contains(l, "allowinsecurerepositories") && (strings.Contains(l, "true") || strings.Contains(l, "1")):
			return "apt is configured to accept unsigned packages"
		}
	}
	switch {
	case name == "curl":
		if hasFlag(argv, "--insecure", "--proxy-insecure") || shortFlag(argv[1:], 'k', curlValueFlags) {
			return "curl -k/--insecure accepts any certificate"
		}
	case name == "wget":
		if hasFlag(argv, "--no-check-certificate") {
			return "wget --no-check-certificate accepts any certificate"
		}
	case name == "apt-get" || name == "apt" || name == "aptitude":
		for _, f := range []string{"--allow-unauthenticated", "--allow-insecure-repositories", "--force-yes"} {
			if hasFlag(argv, f) {
				return name + " " + f + " installs packages without checking signatures"
			}
		}
	case name == "apk":
		if hasFlag(argv, "--allow-untrusted") {
			return "apk --allow-untrusted installs packages without checking signatures"
		}
	case strings.HasPrefix(name, "pip") || strings.HasPrefix(name, "python"):
		if hasFlag(argv, "--trusted-host") || anyContains(argv, "trusted-host") && slices.Contains(argv, "config") {
			return "pip --trusted-host accepts the host without TLS verification"
		}
	case name == "npm" || name == "yarn" || name == "pnpm":
		for i, a := range argv {
			l := strings.ToLower(a)
			if l == "--strict-ssl=false" || strings.Contains(l, "strict-ssl") && i+1 < len(argv) && strings.EqualFold(argv[i+1], "false") ||
				strings.Contains(l, "strictssl") && i+1 < len(argv) && strings.EqualFold(argv[i+1], "false") {
				return name + " strict-ssl false accepts any certificate"
			}
		}
	case name == "git":
		for i, a := range argv {
			l := strings.ToLower(a)
			if l == "http.sslverify=false" || l == "http.sslverify" && i+1 < len(argv) && strings.EqualFold(argv[i+1], "false") {
				return "git http.sslVerify false accepts any certificate"
			}
		}
	case slices.Contains([]string{"yum", "dnf", "microdnf", "tdnf", "zypper", "rpm"}, name):
		for _, a := range argv {
			l := strings.ToLower(a)
			if slices.Contains([]string{"--nogpgcheck", "--no-gpg-checks", "--nosignature", "--nodigest", "--no-gpgcheck"}, l) || strings.Contains(l, "gpgcheck=0") || strings.Contains(l, "gpgcheck=false") {
				return name + " " + a + " installs packages without checking signatures"
			}
		}
	}
	return ""
}

// insecureEnv reports whether setting an environment variable to a value
// disables TLS or signature verification, and says how.
func insecureEnv(key, value string) (string, bool) {
	v := strings.ToLower(strings.TrimSpace(value))
	switch strings.ToUpper(key) {
	case "NODE_TLS_REJECT_UNAUTHORIZED":
		return "makes Node.js accept any certificate", v == "0"
	case "GIT_SSL_NO_VERIFY":
		return "makes git accept any certificate", v != "" && v != "0" && v != "false"
	case "PYTHONHTTPSVERIFY":
		return "makes Python accept any certificate", v == "0"
	case "NPM_CONFIG_STRICT_SSL", "YARN_STRICT_SSL", "YARN_ENABLE_STRICT_SSL":
		return "makes the package manager accept any certificate", v == "false" || v == "0"
	case "PIP_TRUSTED_HOST":
		return "makes pip skip TLS verification for the host", v != ""
	case "GOSUMDB":
		return "turns off Go's checksum database", v == "off"
	case "GOINSECURE":
		return "lets go fetch modules without TLS", v != ""
	case "CURL_INSECURE":
		return "makes curl accept any certificate", v != "" && v != "0" && v != "false"
	}
	return "", false
}
