#!/bin/bash
# Measures the syscalls of the java stacks' example (profiles/java.yaml):
# strace -f inside a container started with the generated hardening and
# limits (seccomp unconfined for strace only): the JVM as the generated
# ENTRYPOINT starts it, 10 GET / and 10 GET /healthz, a 404 and a POST (405),
# the generated healthcheck (the static probe binary, /opt/dockergen/probe)
# under its own strace, then SIGTERM (docker stop's signal). The measuring
# image is Debian slim with strace and curl plus the jlink'd runtime, the jar
# and the probe copied from the built example image (the same glibc 2.36 as
# distroless cc-debian12 and debian:bookworm-slim).
# Usage: IMAGE=<built java-maven or java-gradle example image> .ci/standins/java-measure-syscalls.sh [OUT]
# NAME (default dg-java-measure) names the measuring image and container.
# Prints the union of the names over 3 runs (clone, clone3 and socket
# included: the profile leaves them to base.yaml's argument rules).
set -eu
D="${DOCKER:-/usr/bin/docker}"
IMAGE="${IMAGE:?set IMAGE to a java example image (./run.sh build)}"
OUT="$(realpath -m "${1:-/tmp/dg-java-measure}")"
PORT="${PORT:-18935}"
JAVA=(/opt/java/openjdk/bin/java -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData -jar /app/app.jar)
PROBE=(/opt/dockergen/probe http://127.0.0.1:8080/healthz)
N="${NAME:-dg-java-measure}"
mkdir -p "$OUT" && chmod 777 "$OUT"
rm -f "$OUT"/*.strace
printf 'FROM %s AS app\nFROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends strace curl procps && rm -rf /var/lib/apt/lists/*\nCOPY --from=app /opt/java/openjdk /opt/java/openjdk\nCOPY --from=app /opt/dockergen/probe /opt/dockergen/probe\nCOPY --from=app /app/app.jar /app/app.jar\nUSER 10001:10001\n' "$IMAGE" |
	DOCKER_BUILDKIT=1 "$D" build -q -t "$N:local" - >/dev/null
for run in 1 2 3; do
	"$D" rm -f "$N" >/dev/null 2>&1 || true
	"$D" run -d --name "$N" --read-only --tmpfs /tmp:rw,noexec,nosuid,nodev,size=64m,uid=10001,gid=10001,mode=0700 \
		--cap-drop ALL --security-opt no-new-privileges:true --security-opt seccomp=unconfined --user 10001:10001 \
		--memory 256m --memory-swap 256m --cpus 1 --pids-limit 128 -p "127.0.0.1:$PORT:8080" \
		-v "$OUT:/meas" --entrypoint /usr/bin/strace "$N:local" \
		-f -qq -o "/meas/java.r$run.strace" "${JAVA[@]}" >/dev/null
	for _ in $(seq 1 100); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/" 2>/dev/null && break; sleep 0.2; done
	ok=0
	for _ in $(seq 1 10); do
		curl -fsS -o /dev/null "http://127.0.0.1:$PORT/" && ok=$((ok + 1))
		curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" && ok=$((ok + 1))
	done
	curl -s -o /dev/null "http://127.0.0.1:$PORT/missing" || true
	curl -s -o /dev/null -X POST -d x=1 "http://127.0.0.1:$PORT/" || true
	"$D" exec "$N" /usr/bin/strace -f -qq -o "/meas/hc.r$run.strace" "${PROBE[@]}" >/dev/null && hc=ok || hc=FAILED
	# SIGTERM to the JVM (strace is PID 1 here).
	"$D" exec "$N" sh -c 'kill -TERM "$(pgrep -f -- "-jar /app/app.jar" | grep -v "^1$" | head -n1)"' || true
	for _ in $(seq 1 50); do [ "$("$D" inspect -f '{{.State.Running}}' "$N")" = false ] && break; sleep 0.2; done
	echo "run $run: $ok/20 answered, healthcheck $hc, running: $("$D" inspect -f '{{.State.Running}} exit={{.State.ExitCode}}' "$N")" >&2
	"$D" rm -f "$N" >/dev/null
done
names() { sed -E 's/^[0-9]+ +//' "$@" | grep -oE '^(<\.\.\. [a-z0-9_]+ resumed>|[a-z0-9_]+\()' | sed -E 's/<\.\.\. ([a-z0-9_]+) resumed>/\1/; s/\($//' | sort -u; }
echo "per file: $(for f in "$OUT"/*.strace; do printf '%s=%s ' "$(basename "$f" .strace)" "$(names "$f" | wc -l)"; done)" >&2
names "$OUT"/*.strace
