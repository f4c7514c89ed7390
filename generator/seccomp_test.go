package generator

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/moby/profiles/seccomp"
)

// TestSeccompAllow: the spec's seccomp.allow reaches seccomp.json as entries
// of their own, with the reason and the family, and DOCKER-SECURITY.md lists
// them; the runtime's allowlist entry is unchanged, and a spec without them
// generates no such section.
func TestSeccompAllow(t *testing.T) {
	plain, err := ExampleSpec("go")
	if err != nil {
		t.Fatal(err)
	}
	before, err := Generate(plain, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, _ := ExampleSpec("go")
	s.Seccomp.Allow = []SeccompAllow{
		{Syscall: "setpriority", Reason: "lowers the worker threads' priority (main.go)"},
		{Syscall: "fchmodat", Reason: "chmods the socket | for the proxy"},
	}
	files, err := Generate(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var p, p0 seccomp.Seccomp
	if err := json.Unmarshal(files["seccomp.json"], &p); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(before["seccomp.json"], &p0); err != nil {
		t.Fatal(err)
	}
	if len(p.Syscalls) != len(p0.Syscalls)+2 {
		t.Fatalf("%d entries, want %d + 2", len(p.Syscalls), len(p0.Syscalls))
	}
	if strings.Join(p.Syscalls[0].Names, ",") != strings.Join(p0.Syscalls[0].Names, ",") {
		t.Error("the runtime's allowlist changed")
	}
	got := map[string]string{}
	for _, sc := range p.Syscalls[1:3] {
		got[strings.Join(sc.Names, ",")] = sc.Comment
	}
	if c := got["chmod,fchmodat"]; !strings.Contains(c, "chmods the socket") || !strings.Contains(c, "Family chmod") {
		t.Errorf("the chmod family's entry: %q (entries %v)", c, got)
	}
	if c := got["setpriority"]; !strings.Contains(c, "lowers the worker") {
		t.Errorf("setpriority's entry: %q", c)
	}
	doc := string(files["DOCKER-SECURITY.md"])
	for _, want := range []string{"## Syscalls allowed beyond the go profile", "| `setpriority` | lowers the worker threads' priority (main.go) | itself alone (in no family) |", "| `fchmodat` | chmods the socket \\| for the proxy | family chmod: `chmod`, `fchmodat` |"} {
		if !strings.Contains(doc, want) {
			t.Errorf("DOCKER-SECURITY.md lacks %q", want)
		}
	}
	if strings.Contains(string(before["DOCKER-SECURITY.md"]), "Syscalls allowed beyond") {
		t.Error("a spec without seccomp.allow lists learned syscalls")
	}
}
