#!/usr/bin/env python3
"""seccomp-log-measure.py — find the syscalls a container scenario makes that
an allow-list misses, using a seccomp profile whose default action is
SCMP_ACT_LOG: every syscall outside the list is allowed but logged by the
kernel (audit type=1326 lines in dmesg). The list grows by what was logged and
the scenario reruns until a run logs nothing new; one more run must log nothing.

  seccomp-log-measure.py --name NAME --allow FILE [--allow FILE...] \
      [--out FILE] [--json FILE] -- SCENARIO-SHELL-COMMAND

The scenario runs with PROFILE=<path of the profile> in its environment and
should start the container(s) with --security-opt seccomp=$PROFILE.
Printed/written: the syscalls logged (beyond the --allow files), one a line,
and with --json which process (comm) made each. Needs root (dmesg) and a
kernel that logs seccomp "log" actions (kernel.seccomp.actions_logged has log).
The kernel rate-limits these log lines (printk_ratelimit: about 10 per 5 s), so
the script waits between runs and iterates; it is slow but converges.
"""
import argparse, json, os, re, subprocess, sys, time

LINE = re.compile(r'audit\([0-9.]+:(\d+)\): .*?pid=(\d+) comm="([^"]*)" exe="([^"]*)".* syscall=(\d+) ')


def syscall_names():
    names = {}
    for path in ("/usr/include/x86_64-linux-gnu/asm/unistd_64.h", "/usr/include/asm/unistd_64.h"):
        if os.path.exists(path):
            for m in re.finditer(r"#define __NR_(\w+)\s+(\d+)", open(path).read()):
                names[int(m.group(2))] = m.group(1)
            return names
    sys.exit("no unistd_64.h (apt-get install linux-libc-dev)")


def audit_lines():
    out = subprocess.run(["dmesg"], capture_output=True, text=True).stdout
    res = []
    for line in out.splitlines():
        if "type=1326" in line:
            m = LINE.search(line)
            if m:
                res.append((int(m.group(1)), int(m.group(2)), m.group(3), m.group(4), int(m.group(5))))
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--name", required=True)
    ap.add_argument("--allow", action="append", default=[])
    ap.add_argument("--out")
    ap.add_argument("--json")
    ap.add_argument("--dir", default="/tmp/measure/seccomp")
    ap.add_argument("--wait", type=float, default=6.0, help="seconds after a run (log rate limit)")
    ap.add_argument("--max-runs", type=int, default=25)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    if not cmd:
        ap.error("no scenario command")
    names = syscall_names()
    base = set()
    for f in a.allow:
        base |= {l.strip() for l in open(f) if l.strip() and not l.startswith("#")}
    os.makedirs(a.dir, exist_ok=True)
    profile = os.path.join(a.dir, a.name + ".json")
    found = {}  # name -> set of comms
    last = max([l[0] for l in audit_lines()] or [0])
    quiet = 0
    for run in range(1, a.max_runs + 1):
        allow = sorted(base | set(found))
        json.dump({"defaultAction": "SCMP_ACT_LOG", "architectures": ["SCMP_ARCH_X86_64"],
                   "syscalls": [{"names": allow, "action": "SCMP_ACT_ALLOW"}]}, open(profile, "w"), indent=1)
        r = subprocess.run(["bash", "-c", " ".join(cmd)], env=dict(os.environ, PROFILE=profile))
        time.sleep(a.wait)
        new = [l for l in audit_lines() if l[0] > last]
        if new:
            last = max(l[0] for l in new)
        added = []
        for _, pid, comm, exe, nr in new:
            n = names.get(nr, "nr%d" % nr)
            if n not in found:
                added.append(n)
            found.setdefault(n, set()).add(comm)
        print("%s: run %d rc=%d logged=%d new=%s" % (a.name, run, r.returncode, len(new), ",".join(sorted(set(added))) or "-"),
              file=sys.stderr)
        if r.returncode != 0:
            sys.exit("%s: scenario failed (rc=%d)" % (a.name, r.returncode))
        if not new:
            quiet += 1
            if quiet >= 2:
                break
        else:
            quiet = 0
    else:
        print("%s: did not converge in %d runs" % (a.name, a.max_runs), file=sys.stderr)
    extra = sorted(set(found) - base)
    text = "".join(n + "\n" for n in extra)
    if a.out:
        open(a.out, "w").write(text)
    else:
        sys.stdout.write(text)
    if a.json:
        json.dump({n: sorted(found[n]) for n in extra}, open(a.json, "w"), indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
