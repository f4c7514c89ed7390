package profiles_test

import (
	"testing"

	"github.com/dockergen/dockergen/profiles"
)

// Real kernel log lines: this machine's dmesg and /dev/kmsg under a
// SCMP_ACT_LOG profile (x86_64), and aarch64 records published with their
// source (a Kubernetes node's journal, nginx under a seccompProfile; a
// cloud-hypervisor boot log; a Jetson's snap confinement refusing a call).
var auditSamples = []struct {
	line                  string
	ok                    bool
	pid, uid, nr          int
	comm, exe, arch, name string
	code                  string
	time                  float64
}{
	{`[26408.835755] audit: type=1326 audit(1796299382.544:7): auid=4294967295 uid=10001 gid=10001 ses=4294967295 pid=3464 comm="nice" exe="/usr/bin/nice" sig=0 arch=c000003e syscall=140 compat=0 ip=0x7f917b39f607 code=0x7ffc0000`,
		true, 3464, 10001, 140, "nice", "/usr/bin/nice", "x86_64", "getpriority", profiles.ActLogCode, 1796299382.544},
	{`5,9123,26408835773,-;audit: type=1326 audit(1796299382.544:8): auid=4294967295 uid=10001 gid=10001 ses=4294967295 pid=3464 comm="nice" exe="/usr/bin/nice" sig=0 arch=c000003e syscall=141 compat=0 ip=0x7f917b39f647 code=0x7ffc0000`,
		true, 3464, 10001, 141, "nice", "/usr/bin/nice", "x86_64", "setpriority", profiles.ActLogCode, 1796299382.544},
	{`Dec 26 11:45:54 k8sserver2 kernel: [57795.753832] audit: type=1326 audit(1640519154.116:2520): auid=4294967295 uid=101 gid=101 ses=4294967295 subj=cri-containerd.apparmor.d pid=21257 comm="nginx" exe="/usr/sbin/nginx" sig=0 arch=c00000b7 syscall=242 compat=0 ip=0xffffb7021d14 code=0x7ffc0000`,
		true, 21257, 101, 242, "nginx", "/usr/sbin/nginx", "aarch64", "accept4", profiles.ActLogCode, 1640519154.116},
	{`[  106.848305] audit: type=1326 audit(114.040:1178): auid=4294967295 uid=0 gid=0 ses=4294967295 pid=1681 comm="_gpu2" exe="/nix/store/8bdgfy0dd4qfnx2bl3qigalcz3fws0dc-cloud-hypervisor-static-aarch64-unknown-linux-musl-26.0/bin/cloud-hypervisor" sig=0 arch=c00000b7 syscall=198 compat=0 ip=0x74b808 code=0x7ffc0000`,
		true, 1681, 0, 198, "_gpu2", "/nix/store/8bdgfy0dd4qfnx2bl3qigalcz3fws0dc-cloud-hypervisor-static-aarch64-unknown-linux-musl-26.0/bin/cloud-hypervisor", "aarch64", "socket", profiles.ActLogCode, 114.040},
	// Another filter's ERRNO action (snap confinement): parsed, but not a LOG record.
	{`jetson audit: type=1326 audit(1761640322.080:4): auid4294967295 uid=0 gid=0 ses=4294967295 pid=1644 comm="cups-browsed" exe="/snap/cups/1113/sbin/cups-browsed" sig=0 arch=c00000b7 syscall=274 compat=0 ip=0xffff9dcf5b68 code=0x50000`,
		true, 1644, 0, 274, "cups-browsed", "/snap/cups/1113/sbin/cups-browsed", "aarch64", "", "0x50000", 1761640322.080},
	// auditd's own log, a comm with a space (hex-encoded by the kernel).
	{`type=SECCOMP msg=audit(1700000000.250:99): auid=4294967295 uid=1000 gid=1000 ses=4294967295 pid=77 comm=6D7920617070 exe="/app/server" sig=0 arch=c000003e syscall=149 compat=0 ip=0x4a1b2c code=0x7ffc0000`,
		true, 77, 1000, 149, "my app", "/app/server", "x86_64", "mlock", profiles.ActLogCode, 1700000000.250},
	// Lines that are not seccomp records.
	{`[26139.926622] veth57d8ec0: renamed from eth0`, false, 0, 0, 0, "", "", "", "", "", 0},
	{`[   21.504209] audit: type=1300 audit(1675679563.039:44): arch=c00000b7 syscall=64 success=yes exit=1 a0=3 a1=7fe032a6d8 a2=1 a3=7fbb55ea78 items=0 ppid=371 pid=633 auid=4294967295 uid=)`, false, 0, 0, 0, "", "", "", "", "", 0},
	{`[  106.848287] kauditd_printk_skb: 108 callbacks suppressed`, false, 0, 0, 0, "", "", "", "", "", 0},
}

func TestParseAudit(t *testing.T) {
	for _, c := range auditSamples {
		rec, ok := profiles.ParseAudit(c.line)
		if ok != c.ok {
			t.Errorf("ParseAudit(%.60q) ok = %v, want %v", c.line, ok, c.ok)
			continue
		}
		if !ok {
			continue
		}
		if rec.PID != c.pid || rec.UID != c.uid || rec.Syscall != c.nr || rec.Comm != c.comm || rec.Exe != c.exe || rec.Arch != c.arch || rec.Code != c.code || rec.Time != c.time {
			t.Errorf("ParseAudit(%.60q) = %+v", c.line, rec)
		}
		if c.name == "" {
			continue
		}
		if name, ok := rec.Name(); !ok || name != c.name {
			t.Errorf("syscall %d on %s = %q, want %s", c.nr, c.arch, name, c.name)
		}
	}
	compat, _ := profiles.ParseAudit(`audit: type=1326 audit(1.0:1): pid=5 uid=0 comm="a" exe="/a" sig=0 arch=40000003 syscall=140 compat=1 ip=0x1 code=0x7ffc0000`)
	if _, ok := compat.Name(); ok || compat.Arch != "" {
		t.Errorf("a 32-bit x86 record maps to a name: %+v", compat)
	}
}

func TestAuditDropped(t *testing.T) {
	if n, lost, ok := profiles.AuditDropped(`[  106.848287] kauditd_printk_skb: 108 callbacks suppressed`); !ok || lost || n != 108 {
		t.Errorf("suppressed = %d %v %v", n, lost, ok)
	}
	if n, lost, ok := profiles.AuditDropped(`[ 5.1] audit: audit_lost=3 audit_rate_limit=0 audit_backlog_limit=64`); !ok || !lost || n != 3 {
		t.Errorf("lost = %d %v %v", n, lost, ok)
	}
	if _, _, ok := profiles.AuditDropped(auditSamples[0].line); ok {
		t.Error("a seccomp record counted as dropped records")
	}
}
