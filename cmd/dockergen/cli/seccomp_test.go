package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dockergen/dockergen/generator"
)

// Kernel log lines of one learn run on this machine (x86_64), with records
// of other processes around them.
var learnLog = []string{
	`6,9001,26408832000,-;docker0: port 1(veth1) entered forwarding state`,
	// The container's app (pid seen in its cgroup).
	`5,9002,26408835755,-;audit: type=1326 audit(1796299382.544:7): auid=4294967295 uid=10001 gid=10001 ses=4294967295 pid=3464 comm="learn-setprio" exe="/app/learn-setprio" sig=0 arch=c000003e syscall=141 compat=0 ip=0x47f607 code=0x7ffc0000`,
	`5,9003,26408835760,-;audit: type=1326 audit(1796299382.600:8): auid=4294967295 uid=10001 gid=10001 ses=4294967295 pid=3464 comm="learn-setprio" exe="/app/learn-setprio" sig=0 arch=c000003e syscall=141 compat=0 ip=0x47f607 code=0x7ffc0000`,
	// A short-lived healthcheck process never seen by the poll: same uid, in the run.
	`5,9004,26408836000,-;audit: type=1326 audit(1796299383.100:9): auid=4294967295 uid=10001 gid=10001 ses=4294967295 pid=3470 comm="learn-setprio" exe="/app/learn-setprio" sig=0 arch=c000003e syscall=149 compat=0 ip=0x47f607 code=0x7ffc0000`,
	// Another container's process: another uid.
	`5,9005,26408836100,-;audit: type=1326 audit(1796299383.200:10): auid=4294967295 uid=999 gid=999 ses=4294967295 pid=5000 comm="postgres" exe="/usr/lib/postgresql/bin/postgres" sig=0 arch=c000003e syscall=149 compat=0 ip=0x7f00 code=0x7ffc0000`,
	// Same uid, but before the run.
	`5,9006,26408000000,-;audit: type=1326 audit(1796299300.000:3): auid=4294967295 uid=10001 gid=10001 ses=4294967295 pid=3000 comm="nice" exe="/usr/bin/nice" sig=0 arch=c000003e syscall=140 compat=0 ip=0x7f00 code=0x7ffc0000`,
	// Same uid and time, but a live process of another container.
	`5,9007,26408836200,-;audit: type=1326 audit(1796299383.300:11): auid=4294967295 uid=10001 gid=10001 ses=4294967295 pid=4242 comm="hello-go" exe="/app/hello-go" sig=0 arch=c000003e syscall=140 compat=0 ip=0x7f00 code=0x7ffc0000`,
	// Another filter's ERRNO record of the app: not SCMP_ACT_LOG.
	`5,9008,26408836300,-;audit: type=1326 audit(1796299383.400:12): auid=4294967295 uid=10001 gid=10001 ses=4294967295 pid=3464 comm="learn-setprio" exe="/app/learn-setprio" sig=0 arch=c000003e syscall=101 compat=0 ip=0x7f00 code=0x50001`,
	`4,9009,26408836400,-;kauditd_printk_skb: 7 callbacks suppressed`,
}

func TestMatchRecords(t *testing.T) {
	matched, dropped := matchRecords(learnLog, map[int]bool{3464: true, 1: true}, 1796299382.0, 1796299390.0, 10001, func(pid int) bool { return pid == 4242 })
	if dropped != 7 {
		t.Errorf("dropped = %d, want 7", dropped)
	}
	res := &learnResult{matched: matched}
	got := res.observed()
	want := []observed{
		{Name: "mlock", Count: 1, Comms: []string{"learn-setprio"}, ByTime: true},
		{Name: "setpriority", Count: 2, Comms: []string{"learn-setprio"}},
	}
	if len(got) != len(want) {
		t.Fatalf("observed = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i].Name != want[i].Name || got[i].Count != want[i].Count || got[i].ByTime != want[i].ByTime || !slices.Equal(got[i].Comms, want[i].Comms) {
			t.Errorf("observed[%d] = %+v, want %+v", i, got[i], want[i])
		}
	}
}

// TestAddSeccompAllow: the spec keeps its comments and key order; an
// existing seccomp.allow is appended to; the result loads.
func TestAddSeccompAllow(t *testing.T) {
	add := []generator.SeccompAllow{{Syscall: "setpriority", Reason: `called by "app": lowers its priority`}}
	for name, src := range map[string]string{
		"new": "# my app\napiVersion: dockergen/v1\nname: app # the image\nstack: go\nports: [8080]\nhealthcheck:\n  command: [\"/app/app\", \"-healthcheck\"]\n",
		"existing": "apiVersion: dockergen/v1\nname: app\nstack: go\nhealthcheck:\n  command: [\"/app/app\", \"-healthcheck\"]\n" +
			"seccomp:\n  # learned last week\n  allow: [{syscall: mlock, reason: pins keys}]\n",
		"empty": "apiVersion: dockergen/v1\nname: app\nstack: go\nhealthcheck:\n  command: [\"/app/app\", \"-healthcheck\"]\nseccomp:\n",
	} {
		t.Run(name, func(t *testing.T) {
			out, err := addSeccompAllow([]byte(src), add)
			if err != nil {
				t.Fatal(err)
			}
			spec, err := generator.LoadSpec("dockergen.yaml", out)
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			last := spec.Seccomp.Allow[len(spec.Seccomp.Allow)-1]
			if last != add[0] {
				t.Errorf("last allow = %+v\n%s", last, out)
			}
			for _, c := range []string{"# my app", "# the image", "# learned last week"} {
				if strings.Contains(src, c) && !strings.Contains(string(out), c) {
					t.Errorf("comment %q lost:\n%s", c, out)
				}
			}
			if name == "existing" && (len(spec.Seccomp.Allow) != 2 || spec.Seccomp.Allow[0].Syscall != "mlock") {
				t.Errorf("the existing entry was not kept: %+v", spec.Seccomp.Allow)
			}
			if strings.Index(string(out), "name:") > strings.Index(string(out), "stack:") {
				t.Errorf("keys reordered:\n%s", out)
			}
		})
	}
}

func TestLearnRunFlags(t *testing.T) {
	spec, err := generator.ExampleSpec("go")
	if err != nil {
		t.Fatal(err)
	}
	argv := strings.Join(runFlags(spec, "/tmp/p.json"), " ")
	for _, want := range []string{"--read-only", "--cap-drop ALL", "--security-opt no-new-privileges:true", "--security-opt seccomp=/tmp/p.json", "--user 10001:10001", "--publish 127.0.0.1::8080", "--pids-limit", "--tmpfs /tmp:"} {
		if !strings.Contains(argv, want) {
			t.Errorf("learn's run flags lack %q: %s", want, argv)
		}
	}
	for _, not := range []string{"seccomp=seccomp.json", "--restart", "127.0.0.1:8080:8080"} {
		if strings.Contains(argv, not) {
			t.Errorf("learn's run flags have %q: %s", not, argv)
		}
	}
}

// TestLearnRefusesUnreadableLog: without a readable kernel log learn says
// why and runs nothing (exit 2), whatever the reader's error.
func TestLearnRefusesUnreadableLog(t *testing.T) {
	dir := t.TempDir()
	spec := filepath.Join(dir, "dockergen.yaml")
	os.WriteFile(spec, []byte("apiVersion: dockergen/v1\nname: app\nstack: go\nhealthcheck:\n  command: [\"/app/app\", \"-healthcheck\"]\n"), 0o644)
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, isTerminal: func() bool { return false }}
	o := &seccompLearnOptions{file: spec, kernelLog: "/dev/kmsg", duration: 1, docker: "/nonexistent/docker",
		openLog: func(path string) (kernelLog, error) {
			return nil, &os.PathError{Op: "open", Path: path, Err: syscall.EPERM}
		}}
	err := runSeccompLearn(e, o)
	var ee *exitError
	if err == nil || !asExitError(err, &ee) || ee.code != exitUsage {
		t.Fatalf("err = %v, want exit %d", err, exitUsage)
	}
	for _, want := range []string{"cannot read the kernel log /dev/kmsg", "kernel.dmesg_restrict", "run learn with sudo", "nothing was run"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the refusal lacks %q: %v", want, err)
		}
	}
	if out.Len() != 0 || errb.Len() != 0 {
		t.Errorf("learn printed before refusing: %q %q", out.String(), errb.String())
	}
}

func asExitError(err error, target **exitError) bool {
	ee, ok := err.(*exitError)
	*target = ee
	return ok
}

func TestLearnedReason(t *testing.T) {
	r := learnedReason(observed{Name: "mlock", Comms: []string{"a", "b", "c", "d", "e", "f", "g"}})
	if r != "called by a, b, c, d, e, 2 more while dockergen seccomp learn exercised the app" {
		t.Errorf("reason = %q", r)
	}
	if len(learnedReason(observed{Comms: []string{"123456789012345", "123456789012345", "123456789012345", "123456789012345", "123456789012345", "x"}})) > 300 {
		t.Error("a reason longer than the spec allows")
	}
}

// TestFileKernelLog: a text log (auditd's) is read from where it ended when
// learn opened it.
func TestFileKernelLog(t *testing.T) {
	p := filepath.Join(t.TempDir(), "audit.log")
	os.WriteFile(p, []byte("type=SECCOMP msg=audit(1.0:1): old record\n"), 0o644)
	l, err := openKernelLog(p)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	f, _ := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(learnLog[1] + "\n" + learnLog[2] + "\n")
	f.Close()
	lines, err := l.Lines()
	if err != nil || len(lines) != 2 || lines[0] != learnLog[1] {
		t.Errorf("lines = %q, %v", lines, err)
	}
	if more, _ := l.Lines(); len(more) != 0 {
		t.Errorf("read again: %q", more)
	}
}

// TestKmsgLog: /dev/kmsg is read from its end, without blocking, one record
// a line. It needs root (CI runs the tests as root); a record is written to
// the log to be read back.
func TestKmsgLog(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("reading and writing /dev/kmsg needs root")
	}
	l, err := openKernelLog("/dev/kmsg")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if _, err := l.Lines(); err != nil {
		t.Fatal(err)
	}
	mark := "dockergen TestKmsgLog " + strconv.FormatInt(time.Now().UnixNano(), 10)
	if err := os.WriteFile("/dev/kmsg", []byte(mark+"\n"), 0); err != nil {
		t.Fatal(err)
	}
	lines, err := l.Lines()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, line := range lines {
		found = found || strings.HasSuffix(line, ";"+mark)
	}
	if !found {
		t.Errorf("the record written is not read back: %q", lines)
	}
}

// TestDecideLearned: a denied call and an unknown number are reported, never
// added; the others are added with a reason the spec accepts.
func TestDecideLearned(t *testing.T) {
	obs := []observed{
		{Name: "personality", Count: 1, Comms: []string{"app"}},
		{Name: "setpriority", Count: 3, Comms: []string{"app", "worker"}},
		{Name: "unknown(c000003e:999)", Count: 1, Comms: []string{"app"}},
	}
	add, refused := decideLearned("go", obs)
	if len(add) != 1 || add[0].Syscall != "setpriority" || add[0].Reason != "called by app, worker while dockergen seccomp learn exercised the app" {
		t.Errorf("add = %+v", add)
	}
	if len(refused) != 2 || !strings.Contains(refused[0], "personality is on dockergen's denied list") || !strings.Contains(refused[1], "not a syscall") {
		t.Errorf("refused = %q", refused)
	}
}
