package profiles_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/dockergen/dockergen/profiles"
)

// archSyscalls reads testdata/syscalls-ARCH.txt: every syscall name of the
// architecture, as libseccomp 2.5.4 resolves them (what runc loads the
// profile with); see profiles/MEASUREMENTS.md for how they were written.
func archSyscalls(t *testing.T, arch string) map[string]bool {
	t.Helper()
	b, err := os.ReadFile("testdata/syscalls-" + arch + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	set := map[string]bool{}
	for _, n := range strings.Fields(string(b)) {
		set[n] = true
	}
	if len(set) < 250 {
		t.Fatalf("%s: only %d syscalls in the table", arch, len(set))
	}
	return set
}

// TestFamilies checks families.yaml: every family has a reason, every name
// exists on x86_64 or aarch64, and every family can be performed on both
// architectures (one member at least exists on each), so that a profile
// allowing an operation allows it everywhere the archMap says it runs.
func TestFamilies(t *testing.T) {
	fams, err := profiles.Families()
	if err != nil {
		t.Fatal(err)
	}
	if len(fams) < 30 {
		t.Fatalf("only %d families", len(fams))
	}
	x86, arm := archSyscalls(t, "x86_64"), archSyscalls(t, "aarch64")
	for _, f := range fams {
		if strings.TrimSpace(f.Why) == "" {
			t.Errorf("family %s has no reason", f.Name)
		}
		var onX86, onArm bool
		for _, n := range f.Names {
			if !x86[n] && !arm[n] {
				t.Errorf("family %s: %s is a syscall of neither x86_64 nor aarch64", f.Name, n)
			}
			onX86 = onX86 || x86[n]
			onArm = onArm || arm[n]
		}
		if f.Name == "tls" && onX86 && !onArm {
			continue // x86_64 sets up TLS with arch_prctl; aarch64 with a register write, no syscall
		}
		if !onX86 || !onArm {
			t.Errorf("family %s %v cannot be performed on x86_64 (%v) or aarch64 (%v)", f.Name, f.Names, onX86, onArm)
		}
	}
}

// counterparts maps each legacy x86_64 call to the call that performs the
// same operation on aarch64 (which has no legacy form) and that glibc uses.
var counterparts = map[string][]string{
	"open":         {"openat"},
	"stat":         {"newfstatat"},
	"lstat":        {"newfstatat"},
	"poll":         {"ppoll"},
	"select":       {"pselect6"},
	"epoll_wait":   {"epoll_pwait"},
	"epoll_create": {"epoll_create1"},
	"dup2":         {"dup3"},
	"pipe":         {"pipe2"},
	"access":       {"faccessat", "faccessat2"},
	"readlink":     {"readlinkat"},
	"fork":         {"clone"},
	"vfork":        {"clone"},
	"unlink":       {"unlinkat"},
	"rmdir":        {"unlinkat"},
	"rename":       {"renameat"},
	"mkdir":        {"mkdirat"},
	"chmod":        {"fchmodat"},
	"getpgrp":      {"getpgid"},
	"alarm":        {"setitimer"},
	"pause":        {"rt_sigsuspend"},
}

// TestAarch64Counterparts: every legacy x86_64 call a profile allows has its
// aarch64 counterpart allowed too (clone by base.yaml's filtered rule), and
// every x86_64-only name a profile allows is in this table, so a new legacy
// call cannot slip in without its counterpart being checked.
func TestAarch64Counterparts(t *testing.T) {
	x86, arm := archSyscalls(t, "x86_64"), archSyscalls(t, "aarch64")
	for legacy, cps := range counterparts {
		if !x86[legacy] || arm[legacy] {
			t.Errorf("%s is not an x86_64-only call", legacy)
		}
		for _, cp := range cps {
			if !arm[cp] {
				t.Errorf("%s's counterpart %s is not an aarch64 call", legacy, cp)
			}
		}
	}
	for _, rt := range profiles.Runtimes() {
		c, err := profiles.For(rt)
		if err != nil {
			t.Fatal(err)
		}
		allowed := slices.Clone(c.Allowed)
		for _, r := range c.Rules {
			if (r.Action == "" || r.Action == "SCMP_ACT_ALLOW") && len(r.Names) > 0 {
				allowed = append(allowed, r.Names...)
			}
		}
		for _, n := range c.Allowed {
			if arm[n] {
				continue
			}
			cps, ok := counterparts[n]
			switch {
			case n == "arch_prctl":
				// x86_64's TLS set-up; aarch64 needs no syscall.
			case !ok:
				t.Errorf("%s allows the x86_64-only %s, which has no counterpart in the test's table", rt, n)
			default:
				for _, cp := range cps {
					if !slices.Contains(allowed, cp) {
						t.Errorf("%s allows %s but not its aarch64 counterpart %s", rt, n, cp)
					}
				}
			}
		}
		t.Logf("%s: %d allowed, families: %s", rt, len(c.Allowed)+2, strings.Join(c.Families, " "))
	}
}

// TestEveryNameInAFamily: every syscall a profile file names (measured,
// margin, rule) belongs to a family, every family member of an allowed name
// is allowed (or governed by a rule), and For refuses nothing valid.
func TestEveryNameInAFamily(t *testing.T) {
	fams, err := profiles.Families()
	if err != nil {
		t.Fatal(err)
	}
	famOf := map[string]profiles.Family{}
	for _, f := range fams {
		for _, n := range f.Names {
			famOf[n] = f
		}
	}
	for _, name := range append([]string{"base"}, profiles.Runtimes()...) {
		p, err := profiles.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		names := slices.Clone(p.Measured.Names)
		for _, g := range p.Margin {
			names = append(names, g.Names...)
		}
		for _, r := range p.Rules {
			names = append(names, r.Names...)
		}
		for _, n := range names {
			if _, ok := famOf[n]; !ok {
				t.Errorf("profiles/%s.yaml: %s is in no family", name, n)
			}
		}
		if name == "base" {
			continue
		}
		c, err := profiles.For(name)
		if err != nil {
			t.Fatal(err)
		}
		ruled := map[string]bool{}
		for _, r := range c.Rules {
			for _, n := range r.Names {
				ruled[n] = true
			}
		}
		for _, n := range c.Allowed {
			for _, m := range famOf[n].Names {
				if !slices.Contains(c.Allowed, m) && !ruled[m] {
					t.Errorf("%s allows %s but not %s of the same family %s", name, n, m, famOf[n].Name)
				}
			}
			if ruled[n] {
				t.Errorf("%s allows %s outright, which a rule governs", name, n)
			}
		}
	}
}
