#!/bin/sh
# .ci/docker-up.sh — make sure a Docker engine answers on this machine.
#
# Idempotent: installs docker.io, debootstrap, strace, docker-compose (v1,
# for the compose e2e), and gcc and musl-tools (the libc probe builds its
# program with gcc and with musl-gcc) with apt-get only when
# one of them is missing (apt-get update only then), starts dockerd in the
# background only when `docker info` does not answer, and waits up to
# DOCKER_UP_TIMEOUT seconds (default 60) for the socket and a working
# `docker info`. Exits non-zero with a clear message otherwise.
#
# Env: DOCKER  client binary (default /usr/bin/docker — the Debian 20.10 client
#              with BuildKit built in; a newer client without buildx refuses
#              DOCKER_BUILDKIT=1)
#      DOCKERD_LOG  daemon log (default /tmp/dockerd.log)
set -eu

DOCKER="${DOCKER:-/usr/bin/docker}"
DOCKERD_LOG="${DOCKERD_LOG:-/tmp/dockerd.log}"
TIMEOUT="${DOCKER_UP_TIMEOUT:-60}"
SOCK=/var/run/docker.sock

log() { printf 'docker-up: %s\n' "$*" >&2; }
die() { printf 'docker-up: ERROR: %s\n' "$*" >&2; exit 1; }

# 1. Packages.
missing=""
command -v dockerd >/dev/null 2>&1 && [ -x /usr/bin/docker ] || missing="$missing docker.io"
command -v debootstrap >/dev/null 2>&1 || [ -x /usr/sbin/debootstrap ] || missing="$missing debootstrap"
command -v strace >/dev/null 2>&1 || missing="$missing strace"
command -v docker-compose >/dev/null 2>&1 || missing="$missing docker-compose"
command -v gcc >/dev/null 2>&1 && [ -e /usr/include/stdio.h ] || missing="$missing gcc libc6-dev"
command -v musl-gcc >/dev/null 2>&1 || missing="$missing musl-tools"
if [ -n "$missing" ]; then
	[ "$(id -u)" = 0 ] || die "need root to apt-get install:$missing"
	log "installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq || die "apt-get update failed"
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >/dev/null ||
		die "apt-get install$missing failed"
fi
[ -x "$DOCKER" ] || die "docker client $DOCKER not found (set DOCKER=/path/to/docker)"

# 2. Engine.
if "$DOCKER" info >/dev/null 2>&1; then
	log "engine already running ($("$DOCKER" version --format '{{.Server.Version}}' 2>/dev/null || echo '?'))"
	exit 0
fi
if ! pgrep -x dockerd >/dev/null 2>&1; then
	[ "$(id -u)" = 0 ] || die "need root to start dockerd"
	command -v dockerd >/dev/null 2>&1 || die "dockerd not found"
	# A stale socket/pidfile from a killed daemon blocks the start.
	if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
		rm -f /var/run/docker.pid
	fi
	[ -S "$SOCK" ] && rm -f "$SOCK"
	log "starting dockerd (log: $DOCKERD_LOG)"
	# setsid: own session, survives the caller's process group being ended.
	setsid dockerd >>"$DOCKERD_LOG" 2>&1 </dev/null &
else
	log "dockerd is running but not answering yet; waiting"
fi

i=0
while [ "$i" -lt "$TIMEOUT" ]; do
	if [ -S "$SOCK" ] && "$DOCKER" info >/dev/null 2>&1; then
		log "engine up after ${i}s ($("$DOCKER" version --format '{{.Server.Version}}' 2>/dev/null || echo '?'))"
		exit 0
	fi
	sleep 1
	i=$((i + 1))
done
log "last lines of $DOCKERD_LOG:"
tail -n 20 "$DOCKERD_LOG" >&2 2>/dev/null || true
die "docker engine did not answer within ${TIMEOUT}s (socket ${DOCKER_HOST:-$SOCK}; client $DOCKER)"
