package generator

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Default values, applied by Defaults.
const (
	DefaultUID       = 10001
	DefaultPort      = 8080
	DefaultWorkdir   = "/app"
	DefaultMemory    = "256m"
	DefaultCPUs      = "1"
	DefaultPids      = 128
	DefaultInterval  = "10s"
	DefaultTimeout   = "3s"
	DefaultStart     = "5s"
	DefaultRetries   = 3
	DefaultTmpfsPath = "/tmp"
)

// Defaults fills every empty field with its default. It never fails: values
// it cannot interpret are left for Validate to report.
func (s *Spec) Defaults() {
	if s.APIVersion == "" {
		s.APIVersion = APIVersion
	}
	st := stacks[s.Stack]
	if st != nil {
		if s.Base == "" {
			s.Base = st.DefaultBase
		}
		if s.Distro == "" && slices.Contains(st.Bases, s.Base) {
			s.Distro = st.distroFor(s.Version, s.Base)
		}
		if s.Version == "" {
			s.Version = st.defaultVersion(s.Base, s.Distro)
		}
		if s.Main == "" && st.MainFromName && s.Name != "" {
			s.Main = s.Name
		}
		if s.Main == "" {
			s.Main = st.DefaultMain
		}
		if s.Build.Tool == "" && len(st.Tools) > 0 {
			s.Build.Tool = st.Tools[0]
		}
		if s.Server == "" && len(st.Servers) > 0 {
			s.Server = st.serverFor(s.Base)
		}
	}
	s.assetsDefaults()
	s.kubernetesDefaults()
	if s.Context == "" {
		s.Context = "."
	}
	if s.Workdir == "" {
		s.Workdir = DefaultWorkdir
	}
	if len(s.Ports) == 0 {
		s.Ports = []int{DefaultPort}
	}
	if s.User.UID == 0 && s.User.GID == 0 {
		s.User = User{UID: DefaultUID, GID: DefaultUID}
	} else if s.User.GID == 0 {
		s.User.GID = s.User.UID
	}
	h := &s.Healthcheck
	if !h.Disabled {
		if h.Path == "" && len(h.Command) == 0 && st != nil && st.HTTPProbe != nil {
			h.Path = "/"
		}
		if h.Interval == "" {
			h.Interval = DefaultInterval
		}
		if h.Timeout == "" {
			h.Timeout = DefaultTimeout
		}
		if h.StartPeriod == "" {
			h.StartPeriod = DefaultStart
		}
		if h.Retries == 0 {
			h.Retries = DefaultRetries
		}
		if h.Path == "" && len(h.Command) == 0 {
			// Nothing can probe this app (go without a command): say so in
			// the image rather than pretend.
			*h = Healthcheck{Disabled: true}
		}
	}
	if s.Writable == nil {
		s.Writable = []string{DefaultTmpfsPath}
	}
	if s.Resources.Memory == "" {
		s.Resources.Memory = DefaultMemory
	}
	if s.Resources.CPUs == "" {
		s.Resources.CPUs = DefaultCPUs
	}
	if s.Resources.Pids == 0 {
		s.Resources.Pids = DefaultPids
	}
}

// FieldError is a problem with one field of a spec, named by its path
// (for example "ports[1]" or "build.secrets[0].id").
type FieldError struct {
	Field string
	Msg   string
}

func (e FieldError) Error() string { return e.Field + ": " + e.Msg }

var (
	nameRE     = regexp.MustCompile(`^[a-z0-9]([a-z0-9._-]{0,62}[a-z0-9])?$`)
	envKeyRE   = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,127}$`)
	labelKeyRE = regexp.MustCompile(`^[a-z0-9]([a-z0-9.-]{0,126}[a-z0-9])?$`)
	// absPathRE admits absolute paths of plain characters only: nothing a
	// Dockerfile, a shell or YAML would read as syntax.
	absPathRE  = regexp.MustCompile(`^/[A-Za-z0-9._@+/-]*$`)
	relPathRE  = regexp.MustCompile(`^[A-Za-z0-9._@+/-]+$`)
	pkgRE      = regexp.MustCompile(`^[a-z0-9][a-z0-9+.-]*(=[A-Za-z0-9][A-Za-z0-9.+~:_-]*)?$`)
	httpPathRE = regexp.MustCompile(`^/[A-Za-z0-9._~/?&=%-]*$`)
	memoryRE   = regexp.MustCompile(`^[1-9][0-9]{0,12}[bkmg]?$`)
	cpusRE     = regexp.MustCompile(`^(0|[1-9][0-9]{0,2})(\.[0-9]{1,3})?$`)
	digestRE   = regexp.MustCompile(`^sha256:[a-f0-9]{64}$`)
	secretIDRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	syntaxRE   = regexp.MustCompile(`^[a-z0-9][a-z0-9._/-]*(:[A-Za-z0-9._-]+)?(@sha256:[a-f0-9]{64})?$`)
)

var (
	// engineNameRE is what both a compose project name and an image name
	// accept: no '.', no separator next to another (except '__'); a
	// container name also needs at least two characters.
	engineNameRE = regexp.MustCompile(`^[a-z0-9]+((_|__|-+)[a-z0-9]+)*$`)
	// frontendRE is Docker's own Dockerfile frontend: any other image named
	// by "# syntax=" would run as the build's frontend, with its context and
	// secrets.
	frontendRE = regexp.MustCompile(`^(docker\.io/)?docker/dockerfile(-upstream)?(:[A-Za-z0-9._-]+)?(@sha256:[a-f0-9]{64})?$`)
)

// Validate checks a spec after Defaults and returns its problems sorted by
// field path (empty when the spec is valid). It is where every string that
// reaches an output is either refused or known to be safe to encode.
func (s *Spec) Validate() []FieldError {
	var errs []FieldError
	bad := func(field, format string, args ...any) {
		errs = append(errs, FieldError{Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	if s.APIVersion != APIVersion {
		bad("apiVersion", "%q is not supported (allowed: %s)", s.APIVersion, APIVersion)
	}
	if s.Name == "" {
		bad("name", "is required (lower case letters, digits, '.', '_' and '-', for example my-app)")
	} else if !nameRE.MatchString(s.Name) {
		bad("name", "%q is not a valid image name (lower case letters, digits, '.', '_' and '-', at most 64, starting and ending with a letter or digit)", s.Name)
	} else if !engineNameRE.MatchString(s.Name) || len(s.Name) < 2 {
		bad("name", "%q cannot name both a container and a compose project (allowed: at least 2 lower case letters and digits, joined by '-' or '_', no '.', for example my-app)", s.Name)
	}
	st, ok := stacks[s.Stack]
	if !ok {
		if s.Stack == "" {
			bad("stack", "is required (allowed: %s)", strings.Join(Stacks(), ", "))
		} else {
			bad("stack", "%q is not supported (allowed: %s)", s.Stack, strings.Join(Stacks(), ", "))
		}
	} else {
		versionOK := true
		if msg := st.checkVersion(s.Version); msg != "" {
			bad("version", "%s", msg)
			versionOK = false
		}
		if !slices.Contains(st.Bases, s.Base) {
			bad("base", "%q is not a base for %s (allowed: %s)", s.Base, s.Stack, strings.Join(st.Bases, ", "))
		} else if msg := st.checkDistro(s); msg != "" {
			bad("distro", "%s", msg)
		} else if versionOK {
			if _, _, _, err := st.images(s); err != nil {
				bad("base", "%s", err)
			}
		}
		if st.CheckMain != nil {
			if msg := st.CheckMain(s); msg != "" {
				bad("main", "%s", msg)
			}
		} else if !relPathRE.MatchString(s.Main) || strings.HasPrefix(s.Main, "-") || escapes(s.Main) {
			bad("main", "%q is not a script path inside the build context (for example %s)", s.Main, st.DefaultMain)
		}
		switch {
		case len(st.Tools) == 0 && s.Build.Tool != "":
			bad("build.tool", "%s has no choice of build tool (allowed: empty)", s.Stack)
		case len(st.Tools) > 0 && !slices.Contains(st.Tools, s.Build.Tool):
			bad("build.tool", "%q is not a %s build tool (allowed: %s)", s.Build.Tool, s.Stack, strings.Join(st.Tools, ", "))
		}
		switch {
		case len(st.Servers) == 0 && s.Server != "":
			bad("server", "%s has no choice of server (allowed: empty)", s.Stack)
		case len(st.Servers) > 0 && !slices.Contains(st.Servers, s.Server):
			bad("server", "%q is not a %s server (allowed: %s)", s.Server, s.Stack, strings.Join(st.Servers, ", "))
		}
		if s.Build.Output != "" && !st.Output {
			bad("build.output", "an output directory applies to %s only (allowed: empty for stack %s)", orList(stacksWith(func(st *stack) bool { return st.Output })), s.Stack)
		} else if s.Build.Output != "" && (!relPathRE.MatchString(s.Build.Output) || strings.HasPrefix(s.Build.Output, "-") || escapes(s.Build.Output) || path.Clean(s.Build.Output) == ".") {
			bad("build.output", "%q is not a directory inside the build context (for example dist)", s.Build.Output)
		} else if s.Build.Output != "" && len(s.Build.Command) == 0 {
			bad("build.output", "an output directory needs build.command, which writes it (for example [\"npm\", \"run\", \"build\"])")
		}
		for i, x := range s.Extensions {
			if len(st.Extensions) == 0 {
				bad("extensions", "runtime extensions apply to %s only (allowed: empty for stack %s)", orList(stacksWith(func(st *stack) bool { return len(st.Extensions) > 0 })), s.Stack)
				break
			} else if !slices.Contains(st.Extensions, x) {
				bad(fmt.Sprintf("extensions[%d]", i), "%q is not a %s extension dockergen builds in (allowed: %s)", x, s.Stack, orList(st.Extensions))
			} else if slices.Index(s.Extensions, x) < i {
				bad(fmt.Sprintf("extensions[%d]", i), "%q is listed twice", x)
			}
		}
		if len(s.Files) > 0 && !st.Files {
			bad("files", "files apply to %s only (allowed: empty for stack %s)", orList(stacksWith(func(st *stack) bool { return st.Files })), s.Stack)
		}
		for i, f := range s.Files {
			if !relPathRE.MatchString(f) || strings.HasPrefix(f, "-") || escapes(f) || path.IsAbs(f) || path.Clean(f) == "." {
				bad(fmt.Sprintf("files[%d]", i), "%q is not a file or directory inside the build context (for example templates)", f)
			}
		}
		if s.Build.Member != "" && !st.Member {
			bad("build.member", "a workspace member applies to %s only (allowed: empty for stack %s)", orList(stacksWith(func(st *stack) bool { return st.Member })), s.Stack)
		} else if s.Build.Member != "" && (!relPathRE.MatchString(s.Build.Member) || strings.HasPrefix(s.Build.Member, "-") || escapes(s.Build.Member) || path.IsAbs(s.Build.Member) || path.Clean(s.Build.Member) == ".") {
			bad("build.member", "%q is not a directory inside the build context (for example crates/server)", s.Build.Member)
		}
		if s.Build.JLink && !st.JLink {
			bad("build.jlink", "jlink builds a Java runtime (allowed: false for stack %s)", s.Stack)
		}
		if s.Build.AOT && !st.AOT {
			bad("build.aot", "Native AOT is a .NET publish mode (allowed: false for stack %s)", s.Stack)
		}
		switch {
		case s.Build.PinTags && !st.PinTags:
			bad("build.pinTags", "pinning dist-tags to package-lock.json applies to %s only (allowed: false for stack %s)", orList(stacksWith(func(st *stack) bool { return st.PinTags })), s.Stack)
		case s.Build.PinTags && s.Build.Tool != "" && s.Build.Tool != "npm":
			bad("build.pinTags", "pinning dist-tags to package-lock.json applies to build.tool npm (allowed: false with build.tool %s, whose frozen install keeps a tag's locked version)", s.Build.Tool)
		}
		checkAssets(s, st, bad)
		if st.Check != nil {
			st.Check(s, bad)
		}
		if len(s.Packages) > 0 && (s.Base == BaseDistroless || s.Base == BaseScratch) {
			bad("packages", "%s has no package manager (allowed: base slim or alpine, or no packages)", s.Base)
		}
		if !s.Healthcheck.Disabled && s.Healthcheck.Path != "" && len(s.Healthcheck.Command) == 0 && st.HTTPProbe == nil {
			bad("healthcheck.path", "a %s image has no HTTP client to probe a path; set healthcheck.command (for example [\"/app/%s\", \"-healthcheck\"]) or disabled: true", s.Stack, s.Name)
		}
	}
	if s.Syntax != "" && !syntaxRE.MatchString(s.Syntax) {
		bad("syntax", "%q is not an image reference (for example docker/dockerfile:1)", s.Syntax)
	} else if s.Syntax != "" && !frontendRE.MatchString(s.Syntax) {
		bad("syntax", "%q is not Docker's Dockerfile frontend; the syntax image runs the whole build, with its context and secrets (allowed: docker/dockerfile with a tag or digest, for example docker/dockerfile:1)", s.Syntax)
	}
	if s.Context != "." && (!relPathRE.MatchString(s.Context) || strings.HasPrefix(s.Context, "-") || path.IsAbs(s.Context)) {
		bad("context", "%q is not a relative directory (for example . or ..)", s.Context)
	}
	checkArgv(bad, "entrypoint", s.Entrypoint)
	checkArgv(bad, "command", s.Command)
	checkArgv(bad, "build.command", s.Build.Command)
	checkAbsPath(bad, "workdir", s.Workdir)
	seenPorts := map[int]bool{}
	for i, p := range s.Ports {
		f := fmt.Sprintf("ports[%d]", i)
		if p < 1 || p > 65535 {
			bad(f, "%d is out of range (allowed: 1-65535)", p)
		} else if p < 1024 {
			bad(f, "%d is a privileged port that needs CAP_NET_BIND_SERVICE (allowed: 1024-65535; publish it on a low host port instead)", p)
		} else if seenPorts[p] {
			bad(f, "%d is listed twice", p)
		}
		seenPorts[p] = true
	}
	for i, p := range s.Packages {
		if !pkgRE.MatchString(p) {
			bad(fmt.Sprintf("packages[%d]", i), "%q is not a package name (for example ca-certificates or tzdata=2024a-0)", p)
		}
	}
	checkMap(bad, "env", s.Env, envKeyRE, "a variable name (letters, digits and _, not starting with a digit)")
	for i, e := range s.PassEnv {
		f := fmt.Sprintf("passEnv[%d]", i)
		if _, baked := s.Env[e]; baked {
			bad(f, "%q is also in env: a passed variable is never baked into the image (keep it in one of the two)", e)
		} else if !envKeyRE.MatchString(e) {
			bad(f, "%q is not a variable name (letters, digits and _, not starting with a digit)", e)
		} else if slices.Index(s.PassEnv, e) < i {
			bad(f, "%q is listed twice", e)
		}
	}
	checkMap(bad, "labels", s.Labels, labelKeyRE, "a label key (lower case letters, digits, '.' and '-')")
	checkMap(bad, "build.args", s.Build.Args, envKeyRE, "an argument name (letters, digits and _, not starting with a digit)")
	seenSecrets := map[string]bool{}
	seenVars := map[string]string{}
	for i, sec := range s.Build.Secrets {
		f := fmt.Sprintf("build.secrets[%d]", i)
		// run.sh reads each secret's file from DOCKERGEN_SECRET_<ID>, upper
		// case with '-' as '_': two ids must not share that variable.
		v := strings.ToUpper(strings.ReplaceAll(sec.ID, "-", "_"))
		if !secretIDRE.MatchString(sec.ID) {
			bad(f+".id", "%q is not a secret id (letters, digits, '_' and '-')", sec.ID)
		} else if seenSecrets[sec.ID] {
			bad(f+".id", "%q is listed twice", sec.ID)
		} else if other, ok := seenVars[v]; ok {
			bad(f+".id", "%q and %q would share the variable DOCKERGEN_SECRET_%s in run.sh (ids must differ in more than case and '-' versus '_')", other, sec.ID, v)
		}
		seenSecrets[sec.ID] = true
		if _, ok := seenVars[v]; !ok {
			seenVars[v] = sec.ID
		}
		checkAbsPath(bad, f+".target", sec.Target)
		if sec.Src != "" && (!relPathRE.MatchString(strings.TrimPrefix(sec.Src, "~/")) || strings.HasPrefix(sec.Src, "-")) {
			bad(f+".src", "%q is not a plain file path (letters, digits, '.', '_', '@', '+', '-' and '/'; ~/ allowed at the start)", sec.Src)
		}
	}
	if s.User.UID < 1 || s.User.UID > 2147483646 {
		bad("user.uid", "%d is not allowed (allowed: 1-2147483646; 0 is root)", s.User.UID)
	}
	// A gid defaulted from a bad uid repeats the uid's problem, and would be
	// reported first (gid < uid) at the position of "user".
	if (s.User.GID < 1 || s.User.GID > 2147483646) && s.User.GID != s.User.UID {
		bad("user.gid", "%d is not allowed (allowed: 1-2147483646; 0 is root's group)", s.User.GID)
	}
	h := s.Healthcheck
	if !h.Disabled {
		if h.Path != "" && !httpPathRE.MatchString(h.Path) {
			bad("healthcheck.path", "%q is not an HTTP path (for example /healthz)", h.Path)
		}
		checkArgv(bad, "healthcheck.command", h.Command)
		for _, d := range []struct{ f, v string }{{"interval", h.Interval}, {"timeout", h.Timeout}, {"startPeriod", h.StartPeriod}} {
			if dur, err := time.ParseDuration(d.v); err != nil || dur < time.Second || dur > 24*time.Hour || !regexp.MustCompile(`^[0-9]+(ms|s|m|h)$`).MatchString(d.v) {
				bad("healthcheck."+d.f, "%q is not a duration (allowed: a whole number with s, m or h, from 1s to 24h, for example 30s)", d.v)
			}
		}
		if h.Retries < 1 || h.Retries > 100 {
			bad("healthcheck.retries", "%d is out of range (allowed: 1-100)", h.Retries)
		}
	}
	seenW := map[string]bool{}
	for i, w := range s.Writable {
		f := fmt.Sprintf("writable[%d]", i)
		checkAbsPath(bad, f, w)
		if w == "/" {
			bad(f, "the root cannot be writable: the root filesystem is read-only by design (list the directories the app writes to)")
		} else if seenW[w] {
			bad(f, "%q is listed twice", w)
		}
		seenW[w] = true
	}
	if !memoryRE.MatchString(s.Resources.Memory) {
		bad("resources.memory", "%q is not a size (a number with b, k, m or g, for example 256m)", s.Resources.Memory)
	} else if MemoryBytes(s.Resources.Memory) < 6*1024*1024 {
		bad("resources.memory", "%q is below Docker's minimum of 6m", s.Resources.Memory)
	}
	if !cpusRE.MatchString(s.Resources.CPUs) {
		bad("resources.cpus", "%q is not a number of CPUs (for example 0.5 or 2)", s.Resources.CPUs)
	} else if f, _ := strconv.ParseFloat(s.Resources.CPUs, 64); f < 0.01 {
		bad("resources.cpus", "%q is too small (at least 0.01)", s.Resources.CPUs)
	}
	if s.Resources.Pids < 1 || s.Resources.Pids > 1<<22 {
		bad("resources.pids", "%d is out of range (allowed: 1-4194304)", s.Resources.Pids)
	}
	for _, d := range []struct{ f, v string }{{"digests.builder", s.Digests.Builder}, {"digests.runtime", s.Digests.Runtime}, {"digests.assets", s.Digests.Assets}, {"digests.probe", s.Digests.Probe}} {
		if d.v != "" && !digestRE.MatchString(d.v) {
			bad(d.f, "%q is not a digest (sha256: followed by 64 lower-case hex digits)", d.v)
		}
	}
	checkKubernetes(s, bad)
	if s.Base == BaseScratch && s.Digests.Runtime != "" {
		bad("digests.runtime", "scratch is not an image and has no digest")
	}
	if s.Digests.Assets != "" && !s.Assets.set() {
		bad("digests.assets", "there is no assets stage to pin (allowed: empty without assets)")
	}
	checkSeccomp(bad, s)
	if s.Digests.Probe != "" && st != nil && !BuildsStaticProbe(s) {
		bad("digests.probe", "the image builds no healthcheck probe stage (it does for %s with healthcheck.path)", orList(stacksWith(func(st *stack) bool { return st.StaticProbe })))
	}
	// The secret scan last: it drops the other messages about a field that
	// holds a secret, since they may quote the value.
	errs = withoutEchoes(errs, s.scanSecrets())
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Field < errs[j].Field })
	return errs
}

// MemoryBytes converts a valid resources.memory value (a number with an
// optional b, k, m or g) to bytes, as Docker reads it; 0 when it is not one.
func MemoryBytes(s string) int64 {
	if !memoryRE.MatchString(s) {
		return 0
	}
	n, _ := strconv.ParseInt(strings.TrimRight(s, "bkmg"), 10, 64)
	switch s[len(s)-1] {
	case 'k':
		return n << 10
	case 'm':
		return n << 20
	case 'g':
		return n << 30
	}
	return n
}

// escapes reports whether a relative path climbs out of its directory.
func escapes(p string) bool {
	c := path.Clean(p)
	return c == ".." || strings.HasPrefix(c, "../")
}

func checkAbsPath(bad func(string, string, ...any), field, p string) {
	switch {
	case p == "":
		bad(field, "is required (an absolute path such as /app)")
	case !absPathRE.MatchString(p):
		bad(field, "%q is not an absolute path of plain characters (letters, digits, '.', '_', '@', '+', '-' and '/', starting with /)", p)
	case path.Clean(p) != p || strings.Contains(p, "/../") || strings.HasSuffix(p, "/.."):
		bad(field, "%q is not a clean path (write %q)", p, path.Clean(p))
	}
}

// checkArgv admits any printable text in an exec-form argument: it is
// encoded as a JSON string, so no character can become syntax.
func checkArgv(bad func(string, string, ...any), field string, argv []string) {
	for i, a := range argv {
		f := fmt.Sprintf("%s[%d]", field, i)
		if a == "" && i == 0 {
			bad(f, "the program to run cannot be empty")
		}
		if !printable(a) {
			bad(f, "%q has a control character such as a newline (allowed: printable text)", a)
		}
	}
}

func checkMap(bad func(string, string, ...any), field string, m map[string]string, keyRE *regexp.Regexp, keyHelp string) {
	for k, v := range m {
		f := field + "." + k
		if !keyRE.MatchString(k) {
			bad(f, "%q is not %s", k, keyHelp)
		}
		if !printable(v) {
			bad(f, "the value has a control character such as a newline (allowed: printable text on one line)")
		}
	}
}

func printable(s string) bool {
	if !utf8.ValidString(s) {
		return false // JSON, YAML and the checks would change the bytes
	}
	for _, r := range s {
		if !unicode.IsPrint(r) && r != ' ' {
			return false
		}
	}
	return true
}
