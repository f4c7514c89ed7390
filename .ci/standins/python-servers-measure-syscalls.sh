#!/bin/bash
# Measures the syscalls of python's application servers (the gunicorn and
# uvicorn margin of profiles/python.yaml): strace -f inside a container
# started with the generated hardening (seccomp unconfined for strace only,
# read-only root, /tmp tmpfs, cap-drop ALL, uid 10001), running the command
# line dockergen generates (python3 -m gunicorn --bind 0.0.0.0:8080 --workers
# 2 --worker-tmp-dir /dev/shm ...; python3 -m uvicorn --host 0.0.0.0 --port
# 8080 --no-server-header ..., with asyncio and with uvloop) around a
# standard-library-free WSGI/ASGI callable; 10 GET / and 10 GET /healthz, a
# 404 and a POST, then SIGTERM to the server. PyPI is unreachable here, so
# the servers are Debian bookworm's packages (gunicorn 20.1, uvicorn 0.17,
# uvloop 0.17, httptools 0.5) on the python:3.11-slim-bookworm stand-in
# (Debian's CPython 3.11): older than what pip installs, same system-call
# behaviour for these code paths (fork, heartbeat, selectors/epoll, libuv).
# Usage: .ci/standins/python-servers-measure-syscalls.sh [OUT]
# Prints, per server, the union of the names over 3 runs.
set -eu
D="${DOCKER:-/usr/bin/docker}"
OUT="$(realpath -m "${1:-/tmp/dg-pyservers-measure}")"
PORT="${PORT:-18936}"
mkdir -p "$OUT" && chmod 777 "$OUT"
rm -f "$OUT"/*.strace
ctx="$(mktemp -d)"
trap 'rm -rf "$ctx"' EXIT
cat >"$ctx/wsgiapp.py" <<'PY'
def app(environ, start_response):
    body = b"ok\n" if environ.get("PATH_INFO") == "/healthz" else b"hello from python\n"
    if environ.get("REQUEST_METHOD") == "POST":
        environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]
PY
cat >"$ctx/asgiapp.py" <<'PY'
async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    body = b"ok\n" if scope["path"] == "/healthz" else b"hello from python\n"
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": body})
PY
cat >"$ctx/Dockerfile" <<'DF'
FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends strace curl python3-gunicorn python3-uvicorn python3-uvloop python3-httptools && rm -rf /var/lib/apt/lists/*
COPY wsgiapp.py asgiapp.py /app/
WORKDIR /app
USER 10001:10001
DF
DOCKER_BUILDKIT=1 "$D" build -q -t dg-pyservers-measure:local "$ctx" >/dev/null
measure() { # NAME ARGV...
	name="$1"; shift
	for run in 1 2 3; do
		"$D" rm -f dg-pyservers-measure >/dev/null 2>&1 || true
		"$D" run -d --name dg-pyservers-measure --read-only --tmpfs /tmp:rw,noexec,nosuid,nodev,uid=10001,gid=10001,mode=0700 \
			--cap-drop ALL --security-opt seccomp=unconfined --user 10001:10001 -p "127.0.0.1:$PORT:8080" \
			-e PYTHONDONTWRITEBYTECODE=1 -e PYTHONUNBUFFERED=1 \
			-v "$OUT:/meas" --entrypoint /usr/bin/strace dg-pyservers-measure:local \
			-f -qq -o "/meas/$name.r$run.strace" "$@" >/dev/null
		for _ in $(seq 1 50); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/" 2>/dev/null && break; sleep 0.2; done
		ok=0
		for _ in $(seq 1 10); do
			curl -fsS -o /dev/null "http://127.0.0.1:$PORT/" && ok=$((ok + 1))
			curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" && ok=$((ok + 1))
		done
		curl -s -o /dev/null "http://127.0.0.1:$PORT/missing" || true
		curl -s -o /dev/null -X POST -d x=1 "http://127.0.0.1:$PORT/" || true
		sleep 3 # gunicorn's workers beat their heartbeat files about once a second
		# SIGTERM to the server's main process (strace is PID 1; the server is
		# the python3 with the lowest PID, gunicorn's workers come later).
		"$D" exec dg-pyservers-measure sh -c 'for p in $(ls /proc | grep -E "^[0-9]+$" | sort -n); do if [ "$(cat "/proc/$p/comm" 2>/dev/null)" = python3 ]; then kill -TERM "$p"; break; fi; done' || true

		for _ in $(seq 1 50); do [ "$("$D" inspect -f '{{.State.Running}}' dg-pyservers-measure)" = false ] && break; sleep 0.2; done
		echo "$name run $run: $ok/20 answered, running: $("$D" inspect -f '{{.State.Running}} exit={{.State.ExitCode}}' dg-pyservers-measure)" >&2
		"$D" rm -f dg-pyservers-measure >/dev/null
	done
	echo "== $name: $(sed -E 's/^[0-9]+ +//' "$OUT"/$name.r*.strace | grep -oE '^(<\.\.\. [a-z0-9_]+ resumed>|[a-z0-9_]+\()' | sed -E 's/<\.\.\. ([a-z0-9_]+) resumed>/\1/; s/\($//' | sort -u | tr '\n' ' ')"
}
measure gunicorn python3 -m gunicorn --bind 0.0.0.0:8080 --workers 2 --worker-tmp-dir /dev/shm --access-logfile - --error-logfile - wsgiapp:app
measure uvicorn-asyncio python3 -m uvicorn --host 0.0.0.0 --port 8080 --no-server-header --loop asyncio --http h11 asgiapp:app
measure uvicorn-uvloop python3 -m uvicorn --host 0.0.0.0 --port 8080 --no-server-header --loop uvloop --http httptools asgiapp:app
