#!/usr/bin/env bash
# .ci/measure-syscalls.sh — measure which syscalls the example apps make, on
# the host, with strace. Writes, under OUT (default /tmp/measure):
#   go.txt python.txt node.txt                      the servers: start, ~20
#                                                   requests, SIGTERM
#   healthcheck-go.txt healthcheck-python.txt healthcheck-node.txt
#                                                   the HEALTHCHECK command
#   raw/<name>.rN.strace                            the strace -f output of run N
#   raw/<name>.rN.counts                            calls per syscall, and errors
#   raw/<runtime>.per-run                           distinct syscalls per run
#   raw/sh-wrapper.txt                              what `sh -c` itself adds
# one syscall name per line, sorted. Each list is the union over the runs of
# that runtime (python: Debian's /usr/bin/python3 and, when it differs and
# exists, the python3 on PATH).
# Needs: strace, curl, go, node, python3. Sends traffic to 127.0.0.1 only.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
OUT="${OUT:-/tmp/measure}"
PORT="${PORT:-18931}"
REQS="${REQS:-10}" # GET / and GET /healthz each REQS times
RUNS="${RUNS:-3}"  # whole measurement repeated RUNS times; lists are the union
export PORT
mkdir -p "$OUT/raw" "$OUT/bin"

log() { printf 'measure: %s\n' "$*" >&2; }

# names FILE...: syscall names in strace -f output (unfinished and resumed lines too).
names() {
	sed -nE 's/^[0-9]+ +([a-z_0-9]+)\(.*/\1/p; s/^[0-9]+ +<\.\.\. ([a-z_0-9]+) resumed>.*/\1/p' "$@" | sort -u
}
# counts FILE: "name calls errors(errno...)" per syscall.
counts() {
	awk '
	match($0, /^[0-9]+ +[a-z_0-9]+\(/) { n=$2; sub(/\(.*/, "", n); calls[n]++; last[$1]=n }
	match($0, /^[0-9]+ +<\.\.\. [a-z_0-9]+ resumed>/) { n=$4; last[$1]=n }
	/ = -1 E[A-Z]+/ { n=$2; sub(/\(.*/, "", n); if ($2 ~ /^<\.\.\./) n=$4; e=$0; sub(/.* = -1 /, "", e); sub(/ .*/, "", e); errs[n]=errs[n] " " e }
	END { for (n in calls) { split(errs[n], a, " "); delete seen; s=""; for (i in a) if (!(a[i] in seen)) { seen[a[i]]=1; s=s (s==""?"":",") a[i] }; printf "%-22s %6d %s\n", n, calls[n], s } }' "$1" | sort
}

wait_port() {
	local i
	for i in $(seq 1 100); do
		curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

# run NAME HEALTHCHECK-CMD -- SERVER-CMD...
run() {
	local name="$1" hc="$2"
	shift 3
	local tr="$OUT/raw/$name.r$R.strace" htr="$OUT/raw/healthcheck-$name.r$R.strace" spid pid i ok=0
	rm -f "$tr" "$htr"
	log "$name (run $R): $*"
	strace -f -qq -o "$tr" -- "$@" >"$OUT/raw/$name.stdout" 2>&1 &
	spid=$!
	wait_port || { log "$name did not answer on :$PORT"; kill "$spid" 2>/dev/null; return 1; }
	for i in $(seq 1 "$REQS"); do
		curl -fsS "http://127.0.0.1:$PORT/" >/dev/null && ok=$((ok + 1))
		curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null && ok=$((ok + 1))
	done
	log "$name: $ok/$((2 * REQS)) requests answered"
	# `exec`: the shell replaces itself by the command (same pid); strip_sh
	# drops what the shell did before.
	if strace -f -qq -o "$htr" -- sh -c "exec $hc"; then log "$name: healthcheck ok"; else log "$name: healthcheck FAILED"; fi
	pid="$(pgrep -P "$spid" | head -n1)"
	kill -TERM "$pid"
	for i in $(seq 1 100); do kill -0 "$spid" 2>/dev/null || break; sleep 0.1; done
	kill -0 "$spid" 2>/dev/null && { log "$name did not stop on SIGTERM; killing"; kill -KILL "$pid"; }
	wait "$spid" || true
	counts "$tr" >"${tr%.strace}.counts"
}

# strip_sh FILE: drop the `sh -c "exec ..."` wrapper's own calls, i.e. the
# first pid's lines before its second execve (the real command).
strip_sh() {
	local f="$1" shpid
	shpid="$(awk 'NR==1 {print $1}' "$f")"
	awk -v p="$shpid" '$1==p && /execve\(/ {n++} !($1==p && n<2)' "$f"
}
# sh_only FILE: the wrapper's own calls (what a shell-form HEALTHCHECK adds).
sh_only() {
	local f="$1" shpid
	shpid="$(awk 'NR==1 {print $1}' "$f")"
	awk -v p="$shpid" '$1==p && /execve\(/ {n++} $1==p && (n<2 || /^[0-9]+ +execve\(/)' "$f"
}

log "building examples/go (CGO_ENABLED=0)"
(cd "$ROOT/examples/go" && CGO_ENABLED=0 go build -trimpath -o "$OUT/bin/hello" .)
rm -f "$OUT"/raw/*.strace "$OUT"/raw/*.strace.* "$OUT"/raw/*.counts
for R in $(seq 1 "$RUNS"); do
# ---- go
run go "$OUT/bin/hello -healthcheck" -- "$OUT/bin/hello"

# ---- python
PYS=(/usr/bin/python3)
p="$(command -v python3 || true)"
if [ -n "$p" ] && [ "$(readlink -f "$p")" != "$(readlink -f /usr/bin/python3)" ]; then PYS+=("$p"); fi
i=0
for py in "${PYS[@]}"; do
	real="$("$py" -c 'import sys; print(sys.executable)')"
	n=python$([ $i -gt 0 ] && echo "-alt$i" || true)
	echo "$real $("$py" --version 2>&1)" >"$OUT/raw/$n.version"
	run "$n" "$real -c \"import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/healthz', timeout=3)\"" -- "$real" "$ROOT/examples/python/app.py"
	i=$((i + 1))
done

# ---- node
run node "node -e \"fetch('http://127.0.0.1:$PORT/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))\"" -- node "$ROOT/examples/node/server.js"
done

# ---- lists
for rt in go python node; do
	names "$OUT"/raw/$rt.r*.strace $(ls "$OUT"/raw/$rt-alt*.r*.strace 2>/dev/null) >"$OUT/$rt.txt"
	for f in "$OUT"/raw/healthcheck-$rt.r*.strace $(ls "$OUT"/raw/healthcheck-$rt-alt*.r*.strace 2>/dev/null); do
		strip_sh "$f" >"$f.cmd"
		sh_only "$f" >"$f.sh"
		counts "$f.cmd" >"${f%.strace}.counts"
	done
	names "$OUT"/raw/healthcheck-$rt.r*.strace.cmd $(ls "$OUT"/raw/healthcheck-$rt-alt*.r*.strace.cmd 2>/dev/null) >"$OUT/healthcheck-$rt.txt"
	for f in "$OUT"/raw/$rt.r*.strace "$OUT"/raw/healthcheck-$rt.r*.strace.cmd; do
		printf '%s %s\n' "$(basename "$f")" "$(names "$f" | wc -l)"
	done >"$OUT/raw/$rt.per-run"
	log "$rt: $(wc -l <"$OUT/$rt.txt") syscalls; healthcheck: $(wc -l <"$OUT/healthcheck-$rt.txt")"
done
# What `/bin/sh -c` itself needs (dash, up to its exec of the command): the
# extra calls of a shell-form HEALTHCHECK/CMD in an image that has a shell.
names "$OUT"/raw/healthcheck-*.strace.sh >"$OUT/raw/sh-wrapper.txt"
log "sh -c wrapper: $(wc -l <"$OUT/raw/sh-wrapper.txt") syscalls (raw/sh-wrapper.txt)"
