package generator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"
	"text/template"

	"github.com/Masterminds/sprig/v3"
	"github.com/dockergen/dockergen/generator/catalog"
	"github.com/dockergen/dockergen/profiles"
	"github.com/dockergen/dockergen/templates"
)

// Files are generated outputs by file name. Generators return them; only the
// CLI writes them to disk.
type Files map[string][]byte

// Names returns the file names, sorted.
func (f Files) Names() []string {
	names := make([]string, 0, len(f))
	for n := range f {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Outputs maps each output template to the file it renders, in output order.
var Outputs = []struct{ Template, File string }{
	{"Dockerfile.tmpl", "Dockerfile"},
	{"dockerignore.tmpl", ".dockerignore"},
	{"seccomp.json.tmpl", "seccomp.json"},
	{"run.sh.tmpl", "run.sh"},
	{"compose.yaml.tmpl", "compose.yaml"},
	{"DOCKER-SECURITY.md.tmpl", "DOCKER-SECURITY.md"},
}

// KubeTemplate renders k8s.yaml, an output written only when the spec's
// kubernetes.enabled is true.
const KubeTemplate = "k8s.yaml.tmpl"

// Options tune one generation.
type Options struct {
	// SpecFile is the spec's file name as shown in headers and regenerate
	// hints (default dockergen.yaml).
	SpecFile string
	// Context is the build context relative to the output directory
	// (default: the spec's context).
	Context string
	// OutDir is the output directory relative to the build context, where
	// the Dockerfile finds the config files it copies (nginx.conf, php.ini).
	// "" means "." when the context is the output directory; a stack with
	// config files needs it otherwise.
	OutDir string
}

// optionPathRE admits the paths that outputs print: the spec file's name goes
// into comments and .dockerignore, the context into run.sh and compose.yaml.
var optionPathRE = regexp.MustCompile(`^[A-Za-z0-9._@+/-]+$`)

// Validate refuses option paths that an output could read as syntax: any
// character beyond letters, digits and ._@+/- (so no line break of any
// kind, no quote, no space), and a leading '!' or '-' (a .dockerignore
// negation, a flag).
func (o Options) Validate() error {
	for _, f := range []struct{ name, v string }{{"spec file", o.SpecFile}, {"build context", o.Context}} {
		if f.v == "" {
			continue
		}
		if !optionPathRE.MatchString(f.v) || strings.HasPrefix(f.v, "-") {
			return fmt.Errorf("the %s path %q has characters dockergen does not write into generated files (allowed: letters, digits, '.', '_', '@', '+', '-' and '/'; not starting with '-'); rename it or run from its directory", f.name, f.v)
		}
	}
	return nil
}

// Generator renders specs with one parsed set of templates. It is safe for
// concurrent use.
type Generator struct {
	tmpl *template.Template
}

var (
	defaultOnce sync.Once
	defaultGen  *Generator
	defaultErr  error
)

// Default returns the generator of the embedded templates, parsed once.
func Default() (*Generator, error) {
	defaultOnce.Do(func() { defaultGen, defaultErr = New(nil) })
	return defaultGen, defaultErr
}

// Generate renders spec with the embedded templates; see Generator.Generate.
func Generate(spec *Spec, opts Options) (Files, error) {
	g, err := Default()
	if err != nil {
		return nil, err
	}
	return g.Generate(spec, opts)
}

// New parses the embedded templates, replacing any of them with the file of
// the same name in override (a user's --templates directory; nil for none).
// It fails when a template does not parse, or when override holds a file that
// is not one of dockergen's template names (likely a typo).
func New(override fs.FS) (*Generator, error) {
	root := template.New("dockergen").Option("missingkey=error").Funcs(funcMap())
	// include renders a template chosen at run time (the stack's partial);
	// text/template's own {{template}} takes only a constant name.
	root.Funcs(template.FuncMap{"include": func(name string, data any) (string, error) {
		var buf bytes.Buffer
		err := root.ExecuteTemplate(&buf, name, data)
		return buf.String(), err
	}})
	names, err := fs.Glob(templates.FS, "*.tmpl")
	if err != nil {
		return nil, err
	}
	known := map[string]bool{}
	for _, n := range names {
		known[n] = true
	}
	if override != nil {
		extra, err := fs.Glob(override, "*.tmpl")
		if err != nil {
			return nil, err
		}
		for _, n := range extra {
			if !known[n] {
				return nil, fmt.Errorf("templates: %s is not a dockergen template (have: %s)", n, strings.Join(names, ", "))
			}
		}
	}
	for _, n := range names {
		src, err := fs.ReadFile(templates.FS, n)
		from := "embedded"
		if override != nil {
			if b, oerr := fs.ReadFile(override, n); oerr == nil {
				src, err, from = b, nil, "override"
			} else if !errors.Is(oerr, fs.ErrNotExist) {
				return nil, fmt.Errorf("templates: %w", oerr)
			}
		}
		if err != nil {
			return nil, err
		}
		if _, err := root.New(n).Parse(string(src)); err != nil {
			return nil, fmt.Errorf("templates: %s (%s): %w", n, from, err)
		}
	}
	return &Generator{tmpl: root}, nil
}

// Generate renders every output for a spec that passed Defaults and Validate,
// then re-parses each output with the field's own parsers (BuildKit for the
// Dockerfile, moby's seccomp loader, compose-go, a POSIX shell parser). It
// fails on an invalid spec, a template error, or an output that does not
// re-parse cleanly; the last is a bug in dockergen or in an override template.
func (g *Generator) Generate(spec *Spec, opts Options) (Files, error) {
	if errs := spec.Validate(); len(errs) > 0 {
		return nil, fmt.Errorf("invalid spec: %s", errs[0])
	}
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	d, err := newData(spec, opts)
	if err != nil {
		return nil, err
	}
	files := Files{}
	for _, o := range Outputs {
		var buf bytes.Buffer
		if err := g.tmpl.ExecuteTemplate(&buf, o.Template, d); err != nil {
			return nil, fmt.Errorf("rendering %s: %w", o.File, err)
		}
		name := o.File
		if name == ".dockerignore" {
			name = d.IgnoreFile
		}
		files[name] = tidy(buf.Bytes())
	}
	if d.K8s != nil {
		var buf bytes.Buffer
		if err := g.tmpl.ExecuteTemplate(&buf, KubeTemplate, d); err != nil {
			return nil, fmt.Errorf("rendering k8s.yaml: %w", err)
		}
		files["k8s.yaml"] = tidy(buf.Bytes())
	}
	for _, c := range d.configs {
		var buf bytes.Buffer
		if err := g.tmpl.ExecuteTemplate(&buf, configTemplate(spec.Stack, c.Name), d); err != nil {
			return nil, fmt.Errorf("rendering %s: %w", c.Name, err)
		}
		files[c.Name] = tidy(buf.Bytes())
	}
	if err := Verify(files, d.verifyExpect()); err != nil {
		return nil, err
	}
	return files, nil
}

var blankRuns = regexp.MustCompile(`\n{3,}`)

// tidy ends a file with exactly one newline and folds runs of blank lines.
func tidy(b []byte) []byte {
	b = blankRuns.ReplaceAll(b, []byte("\n\n"))
	return append(bytes.TrimRight(b, "\n"), '\n')
}

// KV is one key and value of a map, for templates that need a stable order.
type KV struct{ Key, Value string }

func sortedKV(m map[string]string) []KV {
	kvs := make([]KV, 0, len(m))
	for k, v := range m {
		kvs = append(kvs, KV{k, v})
	}
	sort.Slice(kvs, func(i, j int) bool { return kvs[i].Key < kvs[j].Key })
	return kvs
}

// data is what the templates see.
type data struct {
	Spec     *Spec
	SpecFile string
	// StackLabel names the stack for people: "go 1.26", "static", "static
	// built with Node.js 22", "binary" (the stack's Label).
	StackLabel string
	Builder    string
	// Assets is the Node.js assets stage's own data (assets), nil without.
	Assets *data
	// Probe is the static healthcheck probe's stage (probe.go), nil
	// without.
	Probe       *probeStage
	Runtime     string
	Interpreter string
	Binary      string
	Entrypoint  []string
	Cmd         []string
	Healthcheck []string
	Ports       []int
	Labels      []KV
	Env         []KV
	Args        []KV
	Secrets     []secretData
	HasShell    bool
	BaseWhy     string
	Run         RunSettings

	SeccompJSON    string
	SeccompAllowed int
	// SeccompLearned are the groups the spec's seccomp.allow adds.
	SeccompLearned []profiles.LearnedGroup
	// Tools are the release catalog's tool pins (pnpm, yarn, poetry, uv,
	// composer, corepack), by name.
	Tools map[string]catalog.Tool
	// K8s is k8s.yaml's data; nil when kubernetes is off.
	K8s *kubeData
	// KubeletSeccompDir is the kubelet's directory of Localhost profiles.
	KubeletSeccompDir string
	// Referees are the scanner findings left on purpose (referees.yaml).
	Referees []RefereeException

	// configs are the stack's config files, copied from outDir (the output
	// directory relative to the build context); see ConfigSrc.
	configs []configFile
	outDir  string

	// IgnoreFile is the name of the generated ignore file: .dockerignore
	// at the root of the build context, or Dockerfile.dockerignore beside a
	// Dockerfile in a directory inside it (BuildKit reads
	// <Dockerfile>.dockerignore before the context's .dockerignore).
	IgnoreFile string
	// OutPrefix is the output directory inside the build context followed
	// by a slash ("" at its root): the .dockerignore patterns of
	// dockergen's own outputs.
	OutPrefix string
	// ComposeDockerfile is the Dockerfile's path from the build context,
	// as compose.yaml's build.dockerfile is read.
	ComposeDockerfile string
}

// IgnoreFileFor returns the name of the ignore file generated into an
// output directory that is outDir from the build context (see
// data.IgnoreFile).
func IgnoreFileFor(outDir string) string {
	if path.Clean(outDir) == "." {
		return ".dockerignore"
	}
	return "Dockerfile.dockerignore"
}

type secretData struct {
	ID, Target, Src, Var, SrcShell, SrcCompose string
}

var baseWhy = map[string]string{
	BaseAlpine:     "small (musl libc, BusyBox shell); fine for static binaries and pure-language apps, watch for musl differences",
	BaseSlim:       "Debian slim: glibc and the widest compatibility, a shell and apt for debugging; larger than the others",
	BaseDistroless: "distroless: no shell and no package manager, so an attacker has no tools; CA certificates, tzdata and a passwd file included",
	BaseScratch:    "scratch: nothing but the static binary and CA certificates; the smallest possible attack surface",
}

func imageRef(tag, digest string) string {
	if digest == "" || tag == "scratch" {
		return tag
	}
	return tag + "@" + digest
}

func newData(s *Spec, opts Options) (*data, error) {
	st := stacks[s.Stack]
	builder, runtime, interp, err := st.images(s)
	if err != nil {
		return nil, err
	}
	if opts.SpecFile == "" {
		opts.SpecFile = "dockergen.yaml"
	}
	if opts.Context == "" {
		opts.Context = s.Context
	}
	if st.NoBuildStep != nil && st.NoBuildStep(s) {
		builder = "scratch" // its first stage only holds the files
	}
	d := &data{
		Spec:        s,
		SpecFile:    opts.SpecFile,
		Builder:     imageRef(builder, s.Digests.Builder),
		Runtime:     imageRef(runtime, s.Digests.Runtime),
		Interpreter: interp,
		Ports:       s.Ports,
		Env:         sortedKV(s.Env),
		Args:        sortedKV(s.Build.Args),
		HasShell:    s.Base == BaseSlim || s.Base == BaseAlpine,
		BaseWhy:     baseWhy[s.Base],
		Cmd:         s.Command,
		Tools:       cat().Tools,
	}
	if d.Assets, err = assetsData(s); err != nil {
		return nil, err
	}
	if d.Probe, err = probeData(s); err != nil {
		return nil, err
	}
	switch {
	case len(s.Entrypoint) > 0:
		d.Entrypoint = s.Entrypoint
	case st.Entry != nil:
		d.Entrypoint = st.Entry(s, interp)
	default:
		d.Entrypoint = []string{interp, s.Main}
	}
	if d.Binary == "" {
		d.Binary = path.Join(s.Workdir, s.Name)
	}
	switch {
	case st.Label != nil:
		d.StackLabel = st.Label(s)
	default:
		d.StackLabel = s.Stack + " " + s.Version
	}
	labels := map[string]string{
		"org.opencontainers.image.title":       s.Name,
		"org.opencontainers.image.description": fmt.Sprintf("%s (%s on %s), generated by dockergen", s.Name, d.StackLabel, s.Base),
		"org.opencontainers.image.base.name":   runtime,
	}
	for k, v := range s.Labels {
		labels[k] = v
	}
	d.Labels = sortedKV(labels)
	for _, sec := range s.Build.Secrets {
		sd := secretData{ID: sec.ID, Target: sec.Target, Src: sec.Src, Var: "DOCKERGEN_SECRET_" + strings.ToUpper(strings.ReplaceAll(sec.ID, "-", "_"))}
		sd.SrcShell, sd.SrcCompose = sec.Src, sec.Src
		if rest, ok := strings.CutPrefix(sec.Src, "~/"); ok {
			sd.SrcShell, sd.SrcCompose = "$HOME/"+rest, "${HOME}/"+rest
		}
		if sec.Src == "" {
			sd.SrcCompose = "${" + sd.Var + ":?set " + sd.Var + " to the file holding build secret " + sec.ID + "}"
		}
		d.Secrets = append(d.Secrets, sd)
	}
	if st.ConfigFiles != nil {
		d.configs = st.ConfigFiles(s)
	}
	d.outDir = path.Clean(opts.OutDir)
	d.IgnoreFile = IgnoreFileFor(d.outDir)
	if d.outDir != "." && !path.IsAbs(d.outDir) && !escapes(d.outDir) {
		d.OutPrefix = d.outDir + "/"
	}
	if len(d.configs) > 0 {
		switch {
		case opts.OutDir == "" && path.Clean(opts.Context) != ".":
			return nil, fmt.Errorf("the build context %s is not the output directory: say where the output directory is inside it (Options.OutDir), for the Dockerfile to copy %s", opts.Context, d.configs[0].Name)
		case !optionPathRE.MatchString(d.outDir) || strings.HasPrefix(d.outDir, "-"):
			return nil, fmt.Errorf("the output directory's path from the build context, %q, has characters dockergen does not write into a Dockerfile (allowed: letters, digits, '.', '_', '@', '+', '-' and '/'); rename it or generate elsewhere", d.outDir)
		case path.IsAbs(d.outDir) || escapes(d.outDir):
			return nil, fmt.Errorf("the output directory is outside the build context (%s from it): the Dockerfile could not copy the %s generated there; generate into a directory inside the context", d.outDir, d.configs[0].Name)
		}
	}
	d.Run = NewRunSettings(s, opts.Context)
	d.K8s = newKubeData(s)
	d.KubeletSeccompDir = KubeletSeccompDir
	d.ComposeDockerfile = path.Join(d.outDir, d.Run.Dockerfile)
	if d.Run.Health != nil {
		d.Healthcheck = d.Run.Health.Test
	}

	comp, err := SeccompProfile(s)
	if err != nil {
		return nil, fmt.Errorf("seccomp profile: %w", err)
	}
	js, err := json.MarshalIndent(comp.Seccomp(), "", "  ")
	if err != nil {
		return nil, err
	}
	refs, err := RefereeExceptions()
	if err != nil {
		return nil, err
	}
	for _, r := range refs {
		if !r.Kubernetes || d.K8s != nil {
			d.Referees = append(d.Referees, r)
		}
	}
	d.SeccompJSON = string(js)
	d.SeccompAllowed = len(comp.Allowed) + len(comp.LearnedNames())
	d.SeccompLearned = comp.Learned
	return d, nil
}

// funcMap is sprig's text functions without the ones that read the
// environment (so output never depends on where dockergen runs), plus
// dockergen's encoders for each output language.
func funcMap() template.FuncMap {
	m := sprig.TxtFuncMap()
	for _, n := range []string{"env", "expandenv", "now", "date", "dateInZone", "date_in_zone", "randAlpha", "randAlphaNum", "randAscii", "randNumeric", "randBytes", "uuidv4", "genPrivateKey", "genCA", "genSelfSignedCert", "genSignedCert", "getHostByName"} {
		delete(m, n)
	}
	m["include"] = func(string, any) (string, error) { return "", nil } // replaced in New
	m["json"] = execForm
	m["argv"] = func(words ...string) []string { return words }
	m["dfquote"] = dfQuote
	m["sh"] = ShellQuote
	m["yamlstr"] = yamlString
	return m
}

// execForm encodes argv as a JSON array: the exec form of RUN, CMD,
// ENTRYPOINT and HEALTHCHECK, where no character is shell syntax.
func execForm(argv []string) (string, error) {
	words := make([]string, len(argv))
	for i, a := range argv {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(a); err != nil {
			return "", err
		}
		words[i] = strings.TrimSpace(buf.String())
	}
	return "[" + strings.Join(words, ", ") + "]", nil
}

// dfQuote quotes a value for ENV, ARG and LABEL: a double-quoted Dockerfile
// word in which \, " and $ are escaped, so it is never expanded or split.
func dfQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, `$`, `\$`)
	return `"` + r.Replace(s) + `"`
}

// yamlString returns s as a double-quoted YAML scalar (JSON's string syntax
// is valid YAML), so no value can change the document's structure.
func yamlString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
