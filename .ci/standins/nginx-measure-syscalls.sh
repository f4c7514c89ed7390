#!/bin/bash
# Measures the syscalls of nginx in the static stack's image (profiles/nginx.yaml):
# strace -f inside a container started with the generated hardening (seccomp
# unconfined for strace only), 20 GETs, a 404, a POST, the generated
# healthcheck under its own strace, then SIGQUIT (nginx's graceful stop).
# Usage: IMAGE=<built static example image> .ci/standins/nginx-measure-syscalls.sh [OUT]
# Prints the union of the names over 3 runs (clone and socket included: the
# profile leaves them to base.yaml's argument rules).
set -eu
D="${DOCKER:-/usr/bin/docker}"
IMAGE="${IMAGE:?set IMAGE to the static example image (./run.sh build)}"
OUT="$(realpath -m "${1:-/tmp/dg-nginx-measure}")"
PORT="${PORT:-18933}"
mkdir -p "$OUT" && chmod 777 "$OUT"
printf 'FROM %s\nUSER 0:0\nRUN apt-get update && apt-get install -y --no-install-recommends strace curl && rm -rf /var/lib/apt/lists/*\nUSER 10001:10001\n' "$IMAGE" |
	DOCKER_BUILDKIT=1 "$D" build -q -t dg-nginx-measure:local - >/dev/null
HC='exec 3<>"/dev/tcp/127.0.0.1/$1" && printf '"'"'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n'"'"' "$2" >&3 && read -r _ code _ <&3 && [ "$code" = 200 ]'
for run in 1 2 3; do
	"$D" rm -f dg-nginx-measure >/dev/null 2>&1 || true
	"$D" run -d --name dg-nginx-measure --read-only --tmpfs /tmp:rw,noexec,nosuid,nodev,uid=10001,gid=10001,mode=0700 \
		--cap-drop ALL --security-opt seccomp=unconfined --user 10001:10001 -p "127.0.0.1:$PORT:8080" \
		-v "$OUT:/meas" --entrypoint /usr/bin/strace dg-nginx-measure:local \
		-f -qq -o "/meas/nginx.r$run.strace" /usr/sbin/nginx -e /dev/stderr -c /etc/nginx/nginx.conf >/dev/null
	for _ in $(seq 1 50); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/" 2>/dev/null && break; sleep 0.2; done
	ok=0
	for _ in $(seq 1 10); do
		curl -fsS -o /dev/null "http://127.0.0.1:$PORT/" && ok=$((ok + 1))
		curl -fsS -o /dev/null "http://127.0.0.1:$PORT/index.html" && ok=$((ok + 1))
	done
	curl -s -o /dev/null "http://127.0.0.1:$PORT/missing" || true
	curl -s -o /dev/null -X POST -d x=1 "http://127.0.0.1:$PORT/" || true
	"$D" exec dg-nginx-measure /usr/bin/strace -f -qq -o "/meas/hc.r$run.strace" /bin/bash -c "$HC" probe 8080 /
	"$D" exec dg-nginx-measure sh -c 'kill -QUIT "$(cat /tmp/nginx.pid)"' || true
	sleep 1
	"$D" rm -f dg-nginx-measure >/dev/null
	echo "run $run: $ok/20 answered" >&2
done
sed -E 's/^[0-9]+ +//' "$OUT"/*.strace | grep -oE '^(<\.\.\. [a-z0-9_]+ resumed>|[a-z0-9_]+\()' |
	sed -E 's/<\.\.\. ([a-z0-9_]+) resumed>/\1/; s/\($//' | sort -u
