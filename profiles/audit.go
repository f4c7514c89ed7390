package profiles

import (
	"encoding/hex"
	"regexp"
	"strconv"
	"strings"
)

// AuditSeccomp is one seccomp record of the kernel's audit log
// (type=1326, AUDIT_SECCOMP): a process made a syscall that a filter's
// action asked to log.
type AuditSeccomp struct {
	// Time is the record's wall-clock time, seconds since the epoch (the
	// audit(SECONDS.MILLIS:SERIAL) stamp).
	Time float64
	// Serial is the audit serial number.
	Serial uint64
	// PID is the process id in the initial pid namespace (the host's).
	PID int
	// UID is the process's uid (the host's view; the container's --user
	// when it has no user namespace).
	UID int
	// Comm is the process's command name (at most 15 bytes), Exe the path
	// of its executable as the process sees it.
	Comm, Exe string
	// AuditArch is the arch= field (c000003e x86_64, c00000b7 aarch64),
	// Arch its table name ("" when dockergen has none).
	AuditArch, Arch string
	// Syscall is the syscall number; Compat is true for a 32-bit call.
	Syscall int
	Compat  bool
	// Code is the filter's action (0x7ffc0000 is SCMP_ACT_LOG).
	Code string
}

// ActLogCode is the code= of a record made by SCMP_ACT_LOG
// (SECCOMP_RET_LOG).
const ActLogCode = "0x7ffc0000"

var (
	auditStampRE = regexp.MustCompile(`audit\(([0-9]+(?:\.[0-9]+)?):([0-9]+)\)`)
	auditFieldRE = regexp.MustCompile(`([a-z_]+)=("[^"]*"|[^ ]+)`)
	suppressedRE = regexp.MustCompile(`kauditd_printk_skb: ([0-9]+) callbacks suppressed`)
	auditLostRE  = regexp.MustCompile(`audit: audit_lost=([0-9]+)`)
)

// ParseAudit reads one seccomp record from a kernel log line as dmesg
// prints it ("[  12.34] audit: type=1326 audit(...): ..."), as /dev/kmsg
// gives it ("5,123,456,-;audit: type=1326 ...") or as auditd writes it
// ("type=SECCOMP msg=audit(...): ..."). ok is false for any other line.
func ParseAudit(line string) (rec AuditSeccomp, ok bool) {
	if !strings.Contains(line, "type=1326 ") && !strings.Contains(line, "type=SECCOMP ") {
		return rec, false
	}
	m := auditStampRE.FindStringSubmatch(line)
	if m == nil {
		return rec, false
	}
	rec.Time, _ = strconv.ParseFloat(m[1], 64)
	rec.Serial, _ = strconv.ParseUint(m[2], 10, 64)
	_, rest, _ := strings.Cut(line, m[0])
	fields := map[string]string{}
	for _, f := range auditFieldRE.FindAllStringSubmatch(rest, -1) {
		fields[f[1]] = f[2]
	}
	var err error
	if rec.PID, err = strconv.Atoi(fields["pid"]); err != nil {
		return rec, false
	}
	if rec.Syscall, err = strconv.Atoi(fields["syscall"]); err != nil {
		return rec, false
	}
	rec.UID, _ = strconv.Atoi(fields["uid"])
	rec.Comm, rec.Exe = auditString(fields["comm"]), auditString(fields["exe"])
	rec.AuditArch = fields["arch"]
	rec.Arch = Arches[rec.AuditArch]
	rec.Compat = fields["compat"] == "1"
	rec.Code = fields["code"]
	return rec, true
}

// auditString decodes an audit string field: quoted, or hex-encoded when
// the value has a space, a quote or a control character.
func auditString(v string) string {
	if strings.HasPrefix(v, `"`) {
		return strings.Trim(v, `"`)
	}
	if b, err := hex.DecodeString(v); err == nil && len(v) > 0 {
		return string(b)
	}
	return v
}

// Name maps the record's syscall number to its name; ok is false for an
// architecture without a table, a 32-bit (compat) call or an unknown number.
func (r AuditSeccomp) Name() (string, bool) {
	if r.Compat || r.Arch == "" {
		return "", false
	}
	t, err := Syscalls(r.Arch)
	if err != nil {
		return "", false
	}
	return t.Name(r.Syscall)
}

// AuditDropped returns how many audit records a kernel log line says were
// dropped: printk's rate limit ("kauditd_printk_skb: N callbacks
// suppressed") or the audit backlog ("audit: audit_lost=N ..."; N is the
// running total). ok is false for any other line.
func AuditDropped(line string) (n int, lost bool, ok bool) {
	if m := suppressedRE.FindStringSubmatch(line); m != nil {
		n, _ = strconv.Atoi(m[1])
		return n, false, true
	}
	if m := auditLostRE.FindStringSubmatch(line); m != nil {
		n, _ = strconv.Atoi(m[1])
		return n, true, true
	}
	return 0, false, false
}
