#!/bin/bash
# Measures the syscalls of the php stack's example (profiles/php.yaml), for
# one server: strace -f inside a container started with the generated
# hardening (seccomp unconfined for strace only).
#   SERVER=apache: Apache prefork + mod_php (apache2 -DFOREGROUND, the
#     generated ENTRYPOINT): 10 GET / and 10 GET /healthz, a 404, a POST and a
#     denied dotfile from the host; the generated healthcheck (php -r, HTTP)
#     under its own strace via docker exec; then SIGWINCH (docker stop's
#     signal: the image's STOPSIGNAL, a graceful stop) to the parent.
#   SERVER=fpm: PHP-FPM (php-fpm --nodaemonize): the generated healthcheck
#     program (php -r, FastCGI) for 10 GET / and 10 GET /healthz and a 404,
#     each under strace via docker exec; then SIGQUIT (the fpm image's
#     STOPSIGNAL) to the master.
# The measuring image is the built example image plus strace and procps
# (Debian's), so PHP, Apache and glibc are exactly the image's.
# Usage: IMAGE=<built php example image> SERVER=apache|fpm .ci/standins/php-measure-syscalls.sh [OUT]
# Prints the union of the names over 3 runs (clone, clone3 and socket
# included: the profile leaves them to base.yaml's argument rules).
set -eu
D="${DOCKER:-/usr/bin/docker}"
IMAGE="${IMAGE:?set IMAGE to the php example image (./run.sh build)}"
SERVER="${SERVER:-apache}"
OUT="$(realpath -m "${1:-/tmp/dg-php-measure-$SERVER}")"
PORT="${PORT:-18935}"
CPORT="${CPORT:-8080}"
mkdir -p "$OUT" && chmod 777 "$OUT"
rm -f "$OUT"/*.strace
M="dg-php-measure-$SERVER"
printf 'FROM %s\nUSER 0:0\nRUN apt-get update && apt-get install -y --no-install-recommends strace procps && rm -rf /var/lib/apt/lists/*\nUSER 10001:10001\n' "$IMAGE" |
	DOCKER_BUILDKIT=1 "$D" build -q -t "$M:local" - >/dev/null
# The image's own healthcheck program and arguments.
mapfile -t HC < <("$D" image inspect --format '{{range .Config.Healthcheck.Test}}{{println .}}{{end}}' "$IMAGE" | sed '1d;/^$/d')
mapfile -t ENTRY < <("$D" image inspect --format '{{range .Config.Entrypoint}}{{println .}}{{end}}' "$IMAGE" | sed '/^$/d')
url="${HC[${#HC[@]}-1]}"
base="${url%/*}"
for run in 1 2 3; do
	"$D" rm -f "$M" >/dev/null 2>&1 || true
	"$D" run -d --name "$M" --read-only --tmpfs /tmp:rw,noexec,nosuid,nodev,uid=10001,gid=10001,mode=0700 \
		--cap-drop ALL --security-opt no-new-privileges:true --security-opt seccomp=unconfined --user 10001:10001 \
		--memory 128m --pids-limit 64 -p "127.0.0.1:$PORT:$CPORT" \
		-v "$OUT:/meas" --entrypoint /usr/bin/strace "$M:local" \
		-f -qq -o "/meas/$SERVER.r$run.strace" "${ENTRY[@]}" >/dev/null
	ok=0
	if [ "$SERVER" = apache ]; then
		for _ in $(seq 1 50); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/" 2>/dev/null && break; sleep 0.2; done
		for _ in $(seq 1 10); do
			curl -fsS -o /dev/null "http://127.0.0.1:$PORT/" && ok=$((ok + 1))
			curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" && ok=$((ok + 1))
		done
		curl -s -o /dev/null "http://127.0.0.1:$PORT/missing" || true
		curl -s -o /dev/null -X POST -d x=1 "http://127.0.0.1:$PORT/" || true
		curl -s -o /dev/null "http://127.0.0.1:$PORT/.htaccess" || true
		"$D" exec "$M" /usr/bin/strace -f -qq -o "/meas/hc.r$run.strace" "${HC[@]}"
		sig=WINCH
	else
		for _ in $(seq 1 50); do "$D" exec "$M" "${HC[@]:0:${#HC[@]}-1}" "$base/" 2>/dev/null && break; sleep 0.2; done
		for i in $(seq 1 10); do
			"$D" exec "$M" /usr/bin/strace -f -qq -o "/meas/hc.r$run.$i.strace" "${HC[@]:0:${#HC[@]}-1}" "$base/" && ok=$((ok + 1))
			"$D" exec "$M" "${HC[@]}" && ok=$((ok + 1))
		done
		"$D" exec "$M" "${HC[@]:0:${#HC[@]}-1}" "$base/missing" && echo "404 answered as healthy?" >&2
		sig=QUIT
	fi
	# The stop signal to the server's parent (strace is PID 1 here).
	"$D" exec "$M" sh -c "kill -$sig \$(pgrep -o '$(basename "${ENTRY[0]}")')" || true
	for _ in $(seq 1 50); do [ "$("$D" inspect -f '{{.State.Running}}' "$M")" = false ] && break; sleep 0.2; done
	echo "run $run: $ok/20 answered, running: $("$D" inspect -f '{{.State.Running}} exit={{.State.ExitCode}}' "$M")" >&2
	"$D" rm -f "$M" >/dev/null
done
names() { sed -E 's/^[0-9]+ +//' "$@" | grep -oE '^(<\.\.\. [a-z0-9_]+ resumed>|[a-z0-9_]+\()' | sed -E 's/<\.\.\. ([a-z0-9_]+) resumed>/\1/; s/\($//' | sort -u; }
echo "server: $(names "$OUT"/"$SERVER".r*.strace | wc -l) names; healthcheck: $(names "$OUT"/hc.r*.strace | wc -l) names" >&2
names "$OUT"/*.strace
