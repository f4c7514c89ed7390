package profiles_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/dockergen/dockergen/profiles"
	"github.com/moby/profiles/seccomp"
	specs "github.com/opencontainers/runtime-spec/specs-go"

	"github.com/dockergen/dockergen/generator"
)

// mustDeny are the calls every profile must refuse (the brief's list).
var mustDeny = []string{"ptrace", "mount", "umount2", "unshare", "setns", "bpf", "keyctl", "add_key",
	"request_key", "io_uring_setup", "perf_event_open", "userfaultfd", "kexec_load", "init_module", "personality"}

// maxAllowed is a third of Docker's default profile (369 names on amd64 with
// the default capabilities, as examples/E2E-REPORT.md counts them): no
// profile may allow more.
const maxAllowed = 123

// unmeasured are the runtimes whose profile is reasoned, not traced,
// because their toolchain cannot be had on the machines that write and test
// dockergen; each says why.
var unmeasured = map[string]string{
	"dotnet": "the .NET SDK is not in Debian, and NuGet and mcr.microsoft.com are unreachable",
}

func TestProfiles(t *testing.T) {
	// The profiles are exactly those the stacks run under: none missing,
	// none left over.
	runtimes := profiles.Runtimes()
	var want []string
	for _, st := range generator.Stacks() {
		if p := generator.ProfileFor(st); !slices.Contains(want, p) {
			want = append(want, p)
		}
	}
	slices.Sort(want)
	if !slices.Equal(runtimes, want) {
		t.Fatalf("runtimes = %v, want the stacks' profiles %v", runtimes, want)
	}
	docker := len(profiles.DockerDefaultAllowed())
	if docker < 300 {
		t.Fatalf("Docker's default allows only %d syscalls? the count is wrong", docker)
	}
	for _, rt := range runtimes {
		t.Run(rt, func(t *testing.T) {
			c, err := profiles.For(rt)
			if err != nil {
				t.Fatal(err)
			}
			// Every profile is measured, except those of runtimes that
			// cannot be installed here, named in unmeasured and saying so.
			if why, ok := unmeasured[rt]; ok {
				if len(c.Measured) != 0 || !strings.HasPrefix(c.How, "NOT MEASURED") {
					t.Errorf("%s is listed as unmeasured (%s) but its file claims %d measured calls (how: %.40q)", rt, why, len(c.Measured), c.How)
				}
			} else if len(c.Measured) < 30 {
				t.Errorf("only %d measured syscalls", len(c.Measured))
			}
			for _, m := range c.Measured {
				if !slices.Contains(c.Allowed, m) {
					t.Errorf("measured %s is not allowed", m)
				}
			}
			// Counted as the e2e report counts: clone and socket are
			// allowed with argument filters.
			n := len(c.Allowed) + 2
			if n > maxAllowed || n*3 > docker {
				t.Errorf("%s allows %d syscalls, more than %d (a third of Docker's default %d)", rt, n, maxAllowed, docker)
			}
			for _, d := range mustDeny {
				if slices.Contains(c.Allowed, d) {
					t.Errorf("%s allows %s", rt, d)
				}
				if !slices.Contains(c.Denied, d) {
					t.Errorf("%s is not on the denied list", d)
				}
			}
			js, err := json.Marshal(c.Seccomp())
			if err != nil {
				t.Fatal(err)
			}
			p, err := seccomp.LoadProfile(string(js), &specs.Spec{Process: &specs.Process{}})
			if err != nil {
				t.Fatal(err)
			}
			if p.DefaultAction != specs.ActErrno || p.DefaultErrnoRet == nil || *p.DefaultErrnoRet != 1 {
				t.Errorf("default action %s/%v, want ERRNO(EPERM)", p.DefaultAction, p.DefaultErrnoRet)
			}
			var sawClone, sawClone3 bool
			for _, sc := range p.Syscalls {
				for _, name := range sc.Names {
					switch name {
					case "clone":
						sawClone = true
						if sc.Action != specs.ActAllow || len(sc.Args) != 1 || sc.Args[0].Op != specs.OpMaskedEqual || sc.Args[0].Value != 0x7E020000 || sc.Args[0].ValueTwo != 0 {
							t.Errorf("clone rule %+v does not refuse namespace flags", sc)
						}
					case "clone3":
						sawClone3 = true
						if sc.Action != specs.ActErrno || sc.ErrnoRet == nil || *sc.ErrnoRet != 38 {
							t.Errorf("clone3 must fail with ENOSYS (38) so glibc falls back to clone: %+v", sc)
						}
					case "socket":
						if len(sc.Args) != 1 || sc.Args[0].Index != 0 || !slices.Contains([]uint64{1, 2, 10}, sc.Args[0].Value) {
							t.Errorf("socket rule %+v allows another family", sc)
						}
					}
				}
			}
			if !sawClone || !sawClone3 {
				t.Errorf("clone rule present=%v, clone3 rule present=%v", sawClone, sawClone3)
			}
			t.Logf("%s: %d allowed (%d measured), Docker's default %d", rt, n, len(c.Measured), docker)
		})
	}
}

// TestLoadRefusesUnreasoned proves Load's checks can fail: base.yaml itself
// must keep a reason on every margin group and rule.
func TestLoadRefusesUnreasoned(t *testing.T) {
	base, err := profiles.Load("base")
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range base.Margin {
		if g.Why == "" {
			t.Errorf("margin %v has no reason", g.Names)
		}
	}
	if _, err := profiles.Load("cobol"); err == nil {
		t.Error("Load(cobol) succeeded")
	}
}
