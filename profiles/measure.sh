#!/usr/bin/env bash
# profiles/measure.sh (make seccomp-measure): regenerate the measured syscall
# sets of every profile and show how they differ from profiles/*.yaml.
# It only measures and reports; the YAML files are edited by hand (their
# measured sets also hold calls first seen with SCMP_ACT_LOG inside a
# container, which strace cannot show). See profiles/MEASUREMENTS.md.
#
#   go, python, node  .ci/measure-syscalls.sh on the host (strace -f, server +
#                     healthcheck; needs strace, curl, go, node, python3)
#   binary            the libc probe (examples/testdata/libcprobe) built with
#                     gcc and musl-gcc (musl-tools), under strace -f, plus go's set
#   rust ruby php java nginx
#                     .ci/standins/<rt>-measure-syscalls.sh in a container, on
#                     the example image built by its generated run.sh (PULL=0,
#                     so the local stand-ins are used); php: apache and fpm
#
# Environment: OUT (default /tmp/dg-seccomp-measure), ONLY (the runtimes to
# measure, default all of the above), DOCKER, REBUILD=1 (rebuild example
# images that exist). Writes OUT/sets/<runtime>.txt and prints the diff of
# go run ./profiles/measurediff (exit 1 when a profile refuses a measured call).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$(realpath -m "${OUT:-/tmp/dg-seccomp-measure}")"
ONLY="${ONLY:-go python node binary rust ruby php java nginx}"
D="${DOCKER:-/usr/bin/docker}"
export DOCKER="$D" DOCKER_BUILDKIT=1
rm -rf "$OUT/sets" && mkdir -p "$OUT/sets" # only this run's sets are compared
log() { printf 'seccomp-measure: %s\n' "$*" >&2; }
want() { [[ " $ONLY " == *" $1 "* ]]; }
# names FILE...: syscall names in strace -f output (resumed lines too).
names() {
	sed -E 's/^[0-9]+ +//' "$@" | grep -oE '^(<\.\.\. [a-z0-9_]+ resumed>|[a-z0-9_]+\()' |
		sed -E 's/<\.\.\. ([a-z0-9_]+) resumed>/\1/; s/\($//' | sort -u
}

# ---- host: go, python, node (and go again for binary: its example is Go)
if want go || want python || want node || want binary; then
	log "host runtimes (.ci/measure-syscalls.sh)"
	OUT="$OUT/host" bash "$ROOT/.ci/measure-syscalls.sh"
	for rt in go python node; do
		want "$rt" || [ "$rt" = go ] || continue
		sort -u "$OUT/host/$rt.txt" "$OUT/host/healthcheck-$rt.txt" >"$OUT/sets/$rt.txt"
	done
fi

# ---- binary: the libc probe with glibc and musl, 3 runs each, plus go's set
if want binary; then
	command -v musl-gcc >/dev/null || { log "musl-gcc missing: apt-get install -y musl-tools"; exit 2; }
	P="$OUT/libcprobe"
	rm -rf "$P" && mkdir -p "$P"
	for cc in gcc musl-gcc; do
		d="$P/$cc" && mkdir -p "$d"
		"$cc" -O2 -Wall -shared -fPIC -o "$d/libprobelib.so" "$ROOT/examples/testdata/libcprobe/probelib.c"
		"$cc" -O2 -Wall -pthread -o "$d/libcprobe" "$ROOT/examples/testdata/libcprobe/probe.c" -L"$d" -lprobelib '-Wl,-rpath,$ORIGIN'
		for r in 1 2 3; do
			strace -f -qq -o "$d/r$r.strace" -- "$d/libcprobe" >"$d/r$r.out"
			grep -q 'libcprobe: all ok' "$d/r$r.out" || { log "libcprobe ($cc) failed:"; cat "$d/r$r.out" >&2; exit 1; }
		done
		log "libcprobe ($cc): $(names "$d"/r*.strace | wc -l) names"
	done
	names "$P"/*/r*.strace | sort -u - "$OUT/sets/go.txt" >"$OUT/sets/binary.txt"
	want go || rm -f "$OUT/sets/go.txt"
fi

# ---- containers: the example image built by its generated run.sh
# image EXAMPLE TAG: build the example's image unless it exists.
image() {
	if [ "${REBUILD:-0}" = 1 ] || ! "$D" image inspect "$2" >/dev/null 2>&1; then
		log "building $2 (examples/$1/run.sh build)"
		(cd "$1" && PULL=0 IMAGE="$2" ./run.sh build >&2)
	fi
}
# standin RT OUT SET [ENV...]: .ci/standins/RT-measure-syscalls.sh into SET.
standin() {
	local rt="$1" out="$2" set="$3"
	shift 3
	env "$@" bash "$ROOT/.ci/standins/$rt-measure-syscalls.sh" "$out" >"$set"
}
cd "$ROOT/examples"
if want rust; then
	image rust hello-rust:local
	standin rust "$OUT/rust" "$OUT/sets/rust.txt" IMAGE=hello-rust:local
fi
if want ruby; then
	image ruby hello-ruby:local
	standin ruby "$OUT/ruby" "$OUT/sets/ruby.txt" IMAGE=hello-ruby:local
fi
if want java; then
	image java-maven hello-java-maven:local
	standin java "$OUT/java" "$OUT/sets/java.txt" IMAGE=hello-java-maven:local
fi
if want nginx; then
	image static hello-static:local
	standin nginx "$OUT/nginx" "$OUT/sets/nginx.txt" IMAGE=hello-static:local
fi
if want php; then
	image php hello-php:local
	standin php "$OUT/php-apache" "$OUT/php-apache.txt" IMAGE=hello-php:local SERVER=apache
	# The fpm variant: a copy of the example with server: fpm on port 9000.
	F="$OUT/php-fpm-example"
	rm -rf "$F" && cp -r php "$F"
	sed -i 's/^server: apache$/server: fpm/; s/^ports: \[8080\]$/ports: [9000]/' "$F/dockergen.yaml"
	(cd "$ROOT" && go run ./cmd/dockergen generate --force -f "$F/dockergen.yaml" >&2)
	if [ "${REBUILD:-0}" = 1 ] || ! "$D" image inspect hello-php-fpm:local >/dev/null 2>&1; then
		(cd "$F" && PULL=0 IMAGE=hello-php-fpm:local ./run.sh build >&2)
	fi
	standin php "$OUT/php-fpm" "$OUT/php-fpm.txt" IMAGE=hello-php-fpm:local SERVER=fpm CPORT=9000
	sort -u "$OUT/php-apache.txt" "$OUT/php-fpm.txt" >"$OUT/sets/php.txt"
fi

log "sets in $OUT/sets; diff against profiles/*.yaml:"
cd "$ROOT" && go run ./profiles/measurediff "$OUT/sets"
