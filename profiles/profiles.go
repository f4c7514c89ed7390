// Package profiles holds dockergen's seccomp knowledge as data: one YAML file
// per language runtime plus base.yaml, shared by all of them, and
// families.yaml. Each runtime file lists the syscalls measured while the
// runtime's example app served requests, and gives a reason for every syscall
// allowed beyond that measured set. families.yaml groups the syscalls by the
// operation they perform; a profile allows the whole family of every name it
// lists, so that the same operation under another libc's or architecture's
// spelling is allowed too.
package profiles

import (
	"embed"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/moby/profiles/seccomp"
	specs "github.com/opencontainers/runtime-spec/specs-go"
	"gopkg.in/yaml.v3"
)

//go:embed *.yaml
var files embed.FS

// Profile is one runtime's seccomp allowlist, as written in profiles/NAME.yaml.
type Profile struct {
	// Runtime names the language runtime (go, node, python) or "base".
	Runtime string `yaml:"runtime"`
	// Measured is what a trace of the runtime's example app showed.
	Measured Measured `yaml:"measured"`
	// Margin lists syscalls allowed beyond the measured set, each group with
	// the reason it is needed.
	Margin []Group `yaml:"margin"`
	// Rules are syscalls allowed only with certain arguments, or answered
	// with a specific errno.
	Rules []Rule `yaml:"rules"`
	// Denied are syscalls that no profile may allow: a profile that lists one
	// fails to load.
	Denied []string `yaml:"denied"`
}

// Measured is the set of syscalls a runtime was seen to make, and how.
type Measured struct {
	How   string   `yaml:"how"`
	Names []string `yaml:"names"`
}

// Group is a set of syscalls allowed for one reason.
type Group struct {
	Names []string `yaml:"names"`
	Why   string   `yaml:"why"`
}

// Rule is a syscall rule with argument filters or a non-default action.
type Rule struct {
	Names    []string `yaml:"names"`
	Why      string   `yaml:"why"`
	Action   string   `yaml:"action"` // SCMP_ACT_ALLOW (default) or SCMP_ACT_ERRNO
	ErrnoRet uint     `yaml:"errnoRet"`
	Args     []Arg    `yaml:"args"`
}

// Arg is one argument comparison, as in Docker's profile format.
type Arg struct {
	Index    uint   `yaml:"index"`
	Value    uint64 `yaml:"value"`
	ValueTwo uint64 `yaml:"valueTwo"`
	Op       string `yaml:"op"`
}

// Runtimes lists the runtime profiles available, sorted.
func Runtimes() []string {
	ents, _ := files.ReadDir(".")
	var names []string
	for _, e := range ents {
		n := strings.TrimSuffix(e.Name(), ".yaml")
		if n != "base" && n != familiesName {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

// Load reads one profile file by name ("base", "go", …). It fails when the
// file is missing, is not valid YAML of this shape, gives a margin group or
// rule without a reason, or allows a syscall from its own or base's denied list.
func Load(name string) (*Profile, error) {
	data, err := files.ReadFile(name + ".yaml")
	if err != nil {
		return nil, fmt.Errorf("no seccomp profile for %q (have: %s)", name, strings.Join(Runtimes(), ", "))
	}
	var p Profile
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("profiles/%s.yaml: %w", name, err)
	}
	for _, g := range p.Margin {
		if strings.TrimSpace(g.Why) == "" {
			return nil, fmt.Errorf("profiles/%s.yaml: margin %v has no reason (why)", name, g.Names)
		}
	}
	for _, r := range p.Rules {
		if strings.TrimSpace(r.Why) == "" {
			return nil, fmt.Errorf("profiles/%s.yaml: rule %v has no reason (why)", name, r.Names)
		}
	}
	return &p, nil
}

// Compose is a runtime profile merged with base.yaml.
type Compose struct {
	Runtime string
	// Allowed is every syscall allowed unconditionally, sorted: the whole
	// family of every name the two files list, without the names that
	// rules govern.
	Allowed []string
	// Families names the families allowed (profiles/families.yaml), sorted.
	Families []string
	// Measured is the part of Allowed that was measured for this runtime,
	// and How says how (or, for a reasoned profile, why it was not).
	Measured []string
	How      string
	Rules    []Rule
	Denied   []string
	// Learned are what the spec's seccomp.allow adds (see Learn), each
	// group its own entry of the profile, with its reason.
	Learned []LearnedGroup
}

// For merges base.yaml with the named runtime's profile. It fails as Load
// does, and when an allowed syscall is on a denied list.
func For(runtime string) (*Compose, error) {
	base, err := Load("base")
	if err != nil {
		return nil, err
	}
	rt, err := Load(runtime)
	if err != nil {
		return nil, err
	}
	set := map[string]bool{}
	for _, p := range []*Profile{base, rt} {
		for _, n := range p.Measured.Names {
			set[n] = true
		}
		for _, g := range p.Margin {
			for _, n := range g.Names {
				set[n] = true
			}
		}
	}
	c := &Compose{Runtime: runtime, Measured: sortedUnique(rt.Measured.Names), How: rt.Measured.How, Rules: append(slices.Clone(base.Rules), rt.Rules...)}
	c.Denied = sortedUnique(append(slices.Clone(base.Denied), rt.Denied...))
	fams, err := Families()
	if err != nil {
		return nil, err
	}
	ruled := map[string]bool{}
	for _, r := range c.Rules {
		for _, n := range r.Names {
			ruled[n] = true
		}
	}
	// Allowing one member allows the family; the members that rules govern
	// (clone, clone3, socket) stay governed by their rules.
	byName := familyIndex(fams)
	fset := map[string]bool{}
	for n := range set {
		f, ok := byName[n]
		if !ok {
			return nil, fmt.Errorf("profiles: %s (in profiles/%s.yaml or base.yaml) is in no family of profiles/%s.yaml", n, runtime, familiesName)
		}
		fset[f.Name] = true
		for _, m := range f.Names {
			if !ruled[m] {
				set[m] = true
			}
		}
	}
	for n := range ruled {
		if _, ok := byName[n]; !ok {
			return nil, fmt.Errorf("profiles: rule name %s is in no family of profiles/%s.yaml", n, familiesName)
		}
	}
	for n := range set {
		c.Allowed = append(c.Allowed, n)
	}
	sort.Strings(c.Allowed)
	for f := range fset {
		c.Families = append(c.Families, f)
	}
	sort.Strings(c.Families)
	for _, r := range c.Rules {
		for _, n := range r.Names {
			if set[n] {
				return nil, fmt.Errorf("profiles: %s is allowed outright and also has a rule; keep one", n)
			}
		}
	}
	for _, d := range c.Denied {
		if set[d] {
			return nil, fmt.Errorf("profiles: %s profile allows %s, which is on the denied list", runtime, d)
		}
		for _, r := range c.Rules {
			if slices.Contains(r.Names, d) && len(r.Args) == 0 && r.Action != "SCMP_ACT_ERRNO" {
				return nil, fmt.Errorf("profiles: %s profile allows %s by rule, which is on the denied list", runtime, d)
			}
		}
	}
	return c, nil
}

// Seccomp returns the profile in Docker's seccomp format (moby's types):
// default action ERRNO (EPERM), native architectures only.
func (c *Compose) Seccomp() *seccomp.Seccomp {
	eperm := uint(1)
	p := &seccomp.Seccomp{
		LinuxSeccomp: specs.LinuxSeccomp{
			DefaultAction:   specs.ActErrno,
			DefaultErrnoRet: &eperm,
		},
		// Native ABIs only: no 32-bit (x86, arm) or x32 syscall entry points.
		ArchMap: []seccomp.Architecture{
			{Arch: specs.ArchX86_64, SubArches: nil},
			{Arch: specs.ArchAARCH64, SubArches: nil},
		},
	}
	p.Syscalls = append(p.Syscalls, &seccomp.Syscall{
		LinuxSyscall: specs.LinuxSyscall{Names: c.Allowed, Action: specs.ActAllow},
		Comment:      "dockergen " + c.Runtime + " profile: the syscall families (profiles/families.yaml) of the measured syscalls and the reasoned margin in profiles/" + c.Runtime + ".yaml and profiles/base.yaml: " + strings.Join(c.Families, ", "),
	})
	p.Syscalls = append(p.Syscalls, c.learnedSyscalls()...)
	for _, r := range c.Rules {
		sc := &seccomp.Syscall{
			LinuxSyscall: specs.LinuxSyscall{Names: slices.Clone(r.Names), Action: specs.ActAllow},
			Comment:      r.Why,
		}
		if r.Action != "" {
			sc.Action = specs.LinuxSeccompAction(r.Action)
		}
		if r.ErrnoRet != 0 {
			e := r.ErrnoRet
			sc.ErrnoRet = &e
		}
		for _, a := range r.Args {
			sc.Args = append(sc.Args, specs.LinuxSeccompArg{Index: a.Index, Value: a.Value, ValueTwo: a.ValueTwo, Op: specs.LinuxSeccompOperator(a.Op)})
		}
		p.Syscalls = append(p.Syscalls, sc)
	}
	return p
}

// familiesName is the families file's name without .yaml.
const familiesName = "families"

// Family is one operation and every syscall that performs it on glibc and
// musl, x86_64 and aarch64, as written in profiles/families.yaml.
type Family struct {
	Name  string   `yaml:"name"`
	Names []string `yaml:"names"`
	Why   string   `yaml:"why"`
}

// Families reads profiles/families.yaml. It fails when a family has no
// name, no members or no reason, when two families share a name or a
// member, or when a member is on base.yaml's denied list.
func Families() ([]Family, error) {
	data, err := files.ReadFile(familiesName + ".yaml")
	if err != nil {
		return nil, err
	}
	var doc struct {
		Families []Family `yaml:"families"`
	}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("profiles/%s.yaml: %w", familiesName, err)
	}
	base, err := Load("base")
	if err != nil {
		return nil, err
	}
	names, members := map[string]bool{}, map[string]string{}
	for _, f := range doc.Families {
		switch {
		case f.Name == "" || len(f.Names) == 0:
			return nil, fmt.Errorf("profiles/%s.yaml: family %q %v needs a name and at least one syscall", familiesName, f.Name, f.Names)
		case strings.TrimSpace(f.Why) == "":
			return nil, fmt.Errorf("profiles/%s.yaml: family %s has no reason (why)", familiesName, f.Name)
		case names[f.Name]:
			return nil, fmt.Errorf("profiles/%s.yaml: family %s is listed twice", familiesName, f.Name)
		}
		names[f.Name] = true
		for _, n := range f.Names {
			if other, ok := members[n]; ok {
				return nil, fmt.Errorf("profiles/%s.yaml: %s is in families %s and %s", familiesName, n, other, f.Name)
			}
			if slices.Contains(base.Denied, n) {
				return nil, fmt.Errorf("profiles/%s.yaml: family %s has %s, which is on base.yaml's denied list", familiesName, f.Name, n)
			}
			members[n] = f.Name
		}
	}
	return doc.Families, nil
}

func familyIndex(fams []Family) map[string]*Family {
	idx := map[string]*Family{}
	for i := range fams {
		for _, n := range fams[i].Names {
			idx[n] = &fams[i]
		}
	}
	return idx
}

func sortedUnique(s []string) []string {
	out := slices.Clone(s)
	sort.Strings(out)
	return slices.Compact(out)
}

// DockerDefaultAllowed returns the syscalls that Docker's default seccomp
// profile (moby's, as dockerd embeds it) allows unconditionally on amd64 for
// a container with the default capabilities, sorted. Reports compare each
// runtime profile with it.
func DockerDefaultAllowed() []string {
	set := map[string]bool{}
	for _, sc := range seccomp.DefaultProfile().Syscalls {
		if sc.Action != specs.ActAllow {
			continue
		}
		if sc.Includes != nil && (len(sc.Includes.Caps) > 0 || len(sc.Includes.Arches) > 0 && !slices.Contains(sc.Includes.Arches, "amd64") && !slices.Contains(sc.Includes.Arches, "x86_64")) {
			continue
		}
		if sc.Excludes != nil && (slices.Contains(sc.Excludes.Arches, "amd64") || slices.Contains(sc.Excludes.Arches, "x86_64")) {
			continue
		}
		for _, n := range append(sc.Names, sc.Name) {
			if n != "" {
				set[n] = true
			}
		}
	}
	names := make([]string, 0, len(set))
	for n := range set {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
