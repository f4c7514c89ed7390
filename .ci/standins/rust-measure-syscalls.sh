#!/bin/bash
# Measures the syscalls of the rust stack's example (profiles/rust.yaml):
# strace -f inside a container started with the generated hardening (seccomp
# unconfined for strace only), 10 GET / and 10 GET /healthz, a 404 and a POST,
# the generated healthcheck (hello-rust --healthcheck) under its own strace,
# then SIGTERM (docker stop's signal). The measuring image is Debian slim with
# strace and curl plus the binary copied from the built example image (the
# same glibc 2.36 as distroless cc and debian:bookworm-slim).
# Usage: IMAGE=<built rust example image> .ci/standins/rust-measure-syscalls.sh [OUT]
# Prints the union of the names over 3 runs (clone, clone3 and socket
# included: the profile leaves them to base.yaml's argument rules).
set -eu
D="${DOCKER:-/usr/bin/docker}"
IMAGE="${IMAGE:?set IMAGE to the rust example image (./run.sh build)}"
BIN="${BIN:-/app/hello-rust}"
OUT="$(realpath -m "${1:-/tmp/dg-rust-measure}")"
PORT="${PORT:-18934}"
mkdir -p "$OUT" && chmod 777 "$OUT"
rm -f "$OUT"/*.strace
printf 'FROM %s AS app\nFROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends strace curl && rm -rf /var/lib/apt/lists/*\nCOPY --from=app %s /app/server\nUSER 10001:10001\n' "$IMAGE" "$BIN" |
	DOCKER_BUILDKIT=1 "$D" build -q -t dg-rust-measure:local - >/dev/null
for run in 1 2 3; do
	"$D" rm -f dg-rust-measure >/dev/null 2>&1 || true
	"$D" run -d --name dg-rust-measure --read-only --tmpfs /tmp:rw,noexec,nosuid,nodev,uid=10001,gid=10001,mode=0700 \
		--cap-drop ALL --security-opt seccomp=unconfined --user 10001:10001 -p "127.0.0.1:$PORT:8080" \
		-v "$OUT:/meas" --entrypoint /usr/bin/strace dg-rust-measure:local \
		-f -qq -o "/meas/rust.r$run.strace" /app/server >/dev/null
	for _ in $(seq 1 50); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/" 2>/dev/null && break; sleep 0.2; done
	ok=0
	for _ in $(seq 1 10); do
		curl -fsS -o /dev/null "http://127.0.0.1:$PORT/" && ok=$((ok + 1))
		curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" && ok=$((ok + 1))
	done
	curl -s -o /dev/null "http://127.0.0.1:$PORT/missing" || true
	curl -s -o /dev/null -X POST -d x=1 "http://127.0.0.1:$PORT/" || true
	"$D" exec dg-rust-measure /usr/bin/strace -f -qq -o "/meas/hc.r$run.strace" /app/server --healthcheck
	# SIGTERM to the server (strace is PID 1 here).
	"$D" exec dg-rust-measure sh -c 'for p in /proc/[0-9]*; do [ "$(cat "$p/comm" 2>/dev/null)" = server ] && [ "$(cat "$p/cmdline" | tr "\0" " ")" = "/app/server " ] && kill -TERM "${p#/proc/}"; done' || true
	for _ in $(seq 1 25); do [ "$("$D" inspect -f '{{.State.Running}}' dg-rust-measure)" = false ] && break; sleep 0.2; done
	echo "run $run: $ok/20 answered, running: $("$D" inspect -f '{{.State.Running}} exit={{.State.ExitCode}}' dg-rust-measure)" >&2
	"$D" rm -f dg-rust-measure >/dev/null
done
echo "per file: $(for f in "$OUT"/*.strace; do printf '%s=%s ' "$(basename "$f" .strace)" "$(sed -E 's/^[0-9]+ +//' "$f" | grep -oE '^(<\.\.\. [a-z0-9_]+ resumed>|[a-z0-9_]+\()' | sed -E 's/<\.\.\. ([a-z0-9_]+) resumed>/\1/; s/\($//' | sort -u | wc -l)"; done)" >&2
sed -E 's/^[0-9]+ +//' "$OUT"/*.strace | grep -oE '^(<\.\.\. [a-z0-9_]+ resumed>|[a-z0-9_]+\()' |
	sed -E 's/<\.\.\. ([a-z0-9_]+) resumed>/\1/; s/\($//' | sort -u
