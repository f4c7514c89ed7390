#!/bin/bash
# Measures the syscalls of the ruby stack's example (profiles/ruby.yaml):
# strace -f inside a container started with the generated hardening (seccomp
# unconfined for strace only), 10 GET / and 10 GET /healthz, a 404, a POST
# (405) and a HEAD, the generated healthcheck (ruby --disable-gems -rnet/http
# -e ... URL) under its own strace via docker exec, then SIGTERM (docker
# stop's signal). The measuring image is the built example image itself (the
# same interpreter, gems and bundler/setup as the generated ENTRYPOINT) plus
# Debian's strace and curl.
# Usage: IMAGE=<built ruby example image> .ci/standins/ruby-measure-syscalls.sh [OUT]
# Prints the union of the names over 3 runs (clone, clone3 and socket
# included: the profile leaves them to base.yaml's argument rules).
set -eu
D="${DOCKER:-/usr/bin/docker}"
IMAGE="${IMAGE:?set IMAGE to the ruby example image (./run.sh build)}"
OUT="$(realpath -m "${1:-/tmp/dg-ruby-measure}")"
PORT="${PORT:-18935}"
PROBE='u = URI(ARGV[0]); r = Net::HTTP.start(u.host, u.port, open_timeout: 2, read_timeout: 2) { |h| h.get(u.request_uri) }; exit(r.is_a?(Net::HTTPSuccess))'
mkdir -p "$OUT" && chmod 777 "$OUT"
rm -f "$OUT"/*.strace
printf 'FROM %s\nUSER 0:0\nRUN apt-get update && apt-get install -y --no-install-recommends strace curl && rm -rf /var/lib/apt/lists/*\nUSER 10001:10001\n' "$IMAGE" |
	DOCKER_BUILDKIT=1 "$D" build -q -t dg-ruby-measure:local - >/dev/null
for run in 1 2 3; do
	"$D" rm -f dg-ruby-measure >/dev/null 2>&1 || true
	"$D" run -d --name dg-ruby-measure --read-only --tmpfs /tmp:rw,noexec,nosuid,nodev,uid=10001,gid=10001,mode=0700 \
		--cap-drop ALL --security-opt no-new-privileges:true --security-opt seccomp=unconfined --user 10001:10001 \
		-p "127.0.0.1:$PORT:8080" -v "$OUT:/meas" --entrypoint /usr/bin/strace dg-ruby-measure:local \
		-f -qq -o "/meas/ruby.r$run.strace" /usr/local/bin/ruby -rbundler/setup app.rb >/dev/null
	for _ in $(seq 1 50); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/" 2>/dev/null && break; sleep 0.2; done
	ok=0
	for _ in $(seq 1 10); do
		curl -fsS -o /dev/null "http://127.0.0.1:$PORT/" && ok=$((ok + 1))
		curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" && ok=$((ok + 1))
	done
	curl -s -o /dev/null "http://127.0.0.1:$PORT/missing" || true
	curl -s -o /dev/null -X POST -d x=1 "http://127.0.0.1:$PORT/" || true
	curl -s -o /dev/null -I "http://127.0.0.1:$PORT/" || true
	"$D" exec dg-ruby-measure /usr/bin/strace -f -qq -o "/meas/hc.r$run.strace" \
		/usr/local/bin/ruby --disable-gems -rnet/http -e "$PROBE" http://127.0.0.1:8080/healthz
	# SIGTERM to the server (strace is PID 1 here).
	"$D" exec dg-ruby-measure sh -c 'for p in /proc/[0-9]*; do case "$(tr "\0" " " <"$p/cmdline" 2>/dev/null)" in "/usr/local/bin/ruby -rbundler/setup app.rb ") kill -TERM "${p#/proc/}";; esac; done' || true
	for _ in $(seq 1 25); do [ "$("$D" inspect -f '{{.State.Running}}' dg-ruby-measure)" = false ] && break; sleep 0.2; done
	echo "run $run: $ok/20 answered, running: $("$D" inspect -f '{{.State.Running}} exit={{.State.ExitCode}}' dg-ruby-measure)" >&2
	"$D" rm -f dg-ruby-measure >/dev/null
done
names() { sed -E 's/^[0-9]+ +//' "$@" | grep -oE '^(<\.\.\. [a-z0-9_]+ resumed>|[a-z0-9_]+\()' | sed -E 's/<\.\.\. ([a-z0-9_]+) resumed>/\1/; s/\($//' | sort -u; }
echo "per file: $(for f in "$OUT"/*.strace; do printf '%s=%s ' "$(basename "$f" .strace)" "$(names "$f" | wc -l)"; done)" >&2
echo "server union: $(names "$OUT"/ruby.r*.strace | wc -l), healthcheck union: $(names "$OUT"/hc.r*.strace | wc -l)" >&2
names "$OUT"/*.strace
