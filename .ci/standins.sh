#!/usr/bin/env bash
# .ci/standins.sh — build local stand-ins for the official base images that
# dockergen's generated Dockerfiles reference, tagged exactly as referenced.
#
# There is no container registry here (nothing can be pulled), but Debian's
# mirror, the Go module proxy and the npm registry are reachable. This script
# builds the images every stand-in is built FROM, one per Debian release in
# RELEASES:
#   debian:bookworm-slim, debian:trixie-slim   debootstrap --variant=minbase + docker import
# (one function, build_debian RELEASE; the root file system is kept as
# $WORK/debian-RELEASE.tar, so a rebuild skips debootstrap). Every other
# stand-in comes from a plug-in, .ci/standins/plugin-*.sh: one per stack's
# images, each for both releases (plugin-go.sh makes golang:1.26-bookworm and
# golang:1.27-trixie, plugin-nginx.sh the static stack's nginx) plus plugin-distroless.sh, the gcr.io/distroless/*
# runtimes several stacks share. Each plug-in's header lists its tags and how they are made; `--list`
# prints them all. Adding a stack's stand-ins touches no line of this file.
#
# Every stand-in carries LABEL org.dockergen.standin=true (inherited by images
# built FROM it), so reports can tell a stand-in from the real thing, and the
# ones holding a runtime LABEL org.dockergen.standin.runtime, the version that
# runtime really prints (e.g. "Python 3.13.5"; see runtime_label).
#
# Each image is built only if `docker image inspect TAG` fails, so a rerun
# takes a few seconds (plus about 40 s of checks; --no-verify skips them).
# From an empty engine, on 2 shared cores: the bookworm set about 2 minutes
# (debootstrap about 40 s), the trixie set about 15 minutes (debootstrap
# about 90 s; the four trixie Java images, each installing an OpenJDK, about
# 7 minutes of it). A tag that exists without the stand-in label (a real
# image) is left alone.
#
# Usage: .ci/standins.sh            build what is missing, verify, print a summary
#        .ci/standins.sh --list     print the tags provided, one a line
#        .ci/standins.sh --rebuild  remove the stand-ins (only images labelled
#                                   as stand-ins) and build them again
#        .ci/standins.sh --no-verify  skip the run checks
# Env:   DOCKER (default /usr/bin/docker), DEBIAN_MIRROR (default: the host's
#        apt mirror, else http://deb.debian.org/debian), STANDINS_WORK (scratch
#        dir, default /tmp/dg-standins), GOROOT_SRC (default `go env GOROOT`),
#        NODE_BIN (default: node on PATH), GOLANG_STANDIN_CC=0 to leave gcc and
#        libc6-dev out of the golang stand-in (the official image has them;
#        the last three are read by plugin-go.sh and plugin-node.sh),
#        STANDINS_HOST_CAS=0 to not add the host's local CA certificates (below),
#        STANDINS_BUILD_NETWORK=host to run the builds' RUN steps on the host
#        network (for an engine without a working bridge).
#
# Host CAs: this machine reaches HTTPS registries (the Go module proxy, npm)
# through a TLS-inspecting egress proxy whose CA is in the host's
# /usr/local/share/ca-certificates/*.crt. Without it `go mod download` inside a
# build fails with "x509: certificate signed by unknown authority". So the
# builder stand-ins (golang, python, rust, java, php, ruby) get those
# certificates added to their system bundle (update-ca-certificates), and the
# node stand-in gets them as NODE_EXTRA_CA_CERTS; such images carry LABEL
# org.dockergen.standin.host-cas=N (N certificates). The debian base and the
# distroless and nginx stand-ins keep Debian's bundle only.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DOCKER="${DOCKER:-/usr/bin/docker}"
export DOCKER_BUILDKIT=1
WORK="${STANDINS_WORK:-/tmp/dg-standins}"
LABEL_KEY=org.dockergen.standin
STD_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# The Debian releases stand-ins are built on: debian:RELEASE-slim for each,
# built FROM by the plug-ins (their Dockerfiles take ARG BASE).
RELEASES=(bookworm trixie)
ALL_TAGS=(debian:bookworm-slim debian:trixie-slim)
# debian_tag RELEASE: the tag of the debian base of RELEASE.
debian_tag() { echo "debian:$1-slim"; }
# debian_version RELEASE: the Debian major version of RELEASE (debian12, debian13 tags).
debian_version() {
	case "$1" in bookworm) echo 12 ;; trixie) echo 13 ;; *) echo "standins: unknown Debian release $1" >&2; exit 1 ;; esac
}

# Plug-ins: each .ci/standins/plugin-*.sh adds the stand-ins of one stack (or,
# for plugin-distroless.sh, of the distroless runtime images several stacks
# share), sourced in name order. It appends its tags to ALL_TAGS, "TAG
# FUNCTION [ARGS...]" entries to PLUGIN_BUILDS (built in order, after the
# debian:RELEASE-slim bases, so FROM debian:RELEASE-slim works; ARGS is
# usually the release) and check functions to PLUGIN_CHECKS (run with the
# verification below). Its functions may use $HERE, $WORK, $LABEL_KEY,
# RELEASES, debian_tag, debian_version, log, die, dbuild, host_cas, need,
# runtime_label, check, check_no_shell and check_user. A plug-in only defines
# things when sourced: nothing runs before `--list` has been answered.
PLUGIN_BUILDS=()
PLUGIN_CHECKS=()
for plugin in "$HERE"/standins/plugin-*.sh; do
	[ -e "$plugin" ] || continue
	# shellcheck source=/dev/null
	. "$plugin"
done

REBUILD=0
VERIFY=1
for arg in "$@"; do
	case "$arg" in
	--list) printf '%s\n' "${ALL_TAGS[@]}"; exit 0 ;;
	--rebuild) REBUILD=1 ;;
	--no-verify) VERIFY=0 ;;
	-h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "standins: unknown argument $arg (try --help)" >&2; exit 2 ;;
	esac
done

log() { printf 'standins: %s\n' "$*" >&2; }
die() { printf 'standins: ERROR: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}'; }
have() { "$DOCKER" image inspect "$1" >/dev/null 2>&1; }
is_standin() { [ "$("$DOCKER" image inspect --format "{{index .Config.Labels \"$LABEL_KEY\"}}" "$1" 2>/dev/null)" = true ]; }

declare -A TIMES=()
T0="$(now)"

DOCKER="$DOCKER" sh "$HERE/docker-up.sh"

if [ "$REBUILD" = 1 ]; then
	for t in "${ALL_TAGS[@]}"; do
		if have "$t" && is_standin "$t"; then
			log "removing $t"
			"$DOCKER" rmi -f "$t" >/dev/null
		fi
	done
fi
mkdir -p "$WORK"

# build TAG FUNC [ARGS...]: run FUNC ARGS only when TAG is missing, and time it.
build() {
	local tag="$1" fn="$2" t
	if have "$tag"; then
		is_standin "$tag" || log "$tag exists and is not a stand-in; leaving it alone"
		return 0
	fi
	log "building $tag"
	t="$(now)"
	shift 2
	"$fn" "$@"
	have "$tag" || die "$tag was not built"
	TIMES[$tag]="$(since "$t")"
	log "built $tag in ${TIMES[$tag]}s"
}

# dbuild TAG DOCKERFILE CONTEXT [extra docker build args...]
dbuild() {
	local tag="$1" file="$2" ctx="$3"
	shift 3
	local logf="$WORK/build-$(echo "$tag" | tr '/:' '__').log"
	local net=()
	[ -n "${STANDINS_BUILD_NETWORK:-}" ] && net=(--network "$STANDINS_BUILD_NETWORK")
	if ! "$DOCKER" build --progress=plain "${net[@]}" -f "$file" -t "$tag" \
		--label "$LABEL_KEY=true" "$@" "$ctx" >"$logf" 2>&1; then
		tail -n 40 "$logf" >&2
		die "docker build of $tag failed (full log: $logf)"
	fi
}

# The host's mirror for deb.debian.org-style URIs (deb822 or one-line format).
host_mirror() {
	local m=""
	if [ -f /etc/apt/sources.list.d/debian.sources ]; then
		m="$(awk '/^URIs:/ {for (i=2;i<=NF;i++) if ($i !~ /security/) {print $i; exit}}' /etc/apt/sources.list.d/debian.sources)"
	fi
	if [ -z "$m" ] && [ -f /etc/apt/sources.list ]; then
		m="$(awk '$1=="deb" && $0 !~ /security/ {for (i=2;i<=NF;i++) if ($i ~ /^https?:/) {print $i; exit}}' /etc/apt/sources.list)"
	fi
	echo "${m:-http://deb.debian.org/debian}"
}

# build_debian RELEASE: debian:RELEASE-slim from debootstrap --variant=minbase
# RELEASE, slimmed like the official image and imported. The root file system
# is kept as one tarball per release ($WORK/debian-RELEASE.tar), so after a
# `docker rmi` (or --rebuild) the import takes seconds: delete the tarball to
# debootstrap again (the .debs stay in $WORK/debs-RELEASE).
build_debian() {
	local rel="$1" mirror rootfs t tarball tag
	tag="$(debian_tag "$rel")"
	tarball="$WORK/debian-$rel.tar"
	if [ ! -s "$tarball" ]; then
		debootstrap_release "$rel" "$tarball"
	else
		log "reusing $tarball (delete it to debootstrap again)"
	fi
	log "importing $tag"
	"$DOCKER" import \
		--change 'CMD ["bash"]' \
		--change "ENV PATH=$STD_PATH" \
		--change "LABEL $LABEL_KEY=true" \
		"$tarball" "$tag" >/dev/null
	runtime_label "$tag" "$tag" bash -c '. /etc/os-release; echo "Debian $(cat /etc/debian_version) ($VERSION_CODENAME)"'
}

# debootstrap_release RELEASE TARBALL: the slim root file system of RELEASE.
debootstrap_release() {
	local rel="$1" tarball="$2" mirror rootfs t
	mirror="${DEBIAN_MIRROR:-$(host_mirror)}"
	rootfs="$WORK/rootfs-$rel"
	command -v debootstrap >/dev/null 2>&1 || [ -x /usr/sbin/debootstrap ] || die "debootstrap missing (run .ci/docker-up.sh)"
	rm -rf "$rootfs"
	mkdir -p "$rootfs" "$WORK/debs-$rel"
	log "debootstrap --variant=minbase $rel from $mirror (log: $WORK/debootstrap-$rel.log)"
	t="$(now)"
	# --cache-dir keeps the .debs, so a second debootstrap skips the
	# download (unpacking and configuring still take most of the time).
	if ! PATH="$PATH:/usr/sbin:/sbin" debootstrap --variant=minbase --cache-dir="$WORK/debs-$rel" \
		"$rel" "$rootfs" "$mirror" >"$WORK/debootstrap-$rel.log" 2>&1; then
		tail -n 30 "$WORK/debootstrap-$rel.log" >&2
		die "debootstrap $rel failed (log: $WORK/debootstrap-$rel.log)"
	fi
	TIMES[debootstrap-$rel]="$(since "$t")"
	log "debootstrap $rel took ${TIMES[debootstrap-$rel]}s"

	# apt sources: the host's deb822 file when it is for this release and
	# points at a plain mirror (this is what the official image ships), else
	# the standard layout.
	rm -f "$rootfs/etc/apt/sources.list"
	mkdir -p "$rootfs/etc/apt/sources.list.d" "$rootfs/etc/apt/apt.conf.d" "$rootfs/etc/dpkg/dpkg.cfg.d"
	if [ -z "${DEBIAN_MIRROR:-}" ] && grep -qs "^Suites: $rel " /etc/apt/sources.list.d/debian.sources; then
		cp /etc/apt/sources.list.d/debian.sources "$rootfs/etc/apt/sources.list.d/debian.sources"
	else
		cat >"$rootfs/etc/apt/sources.list.d/debian.sources" <<-SRC
			Types: deb
			URIs: $mirror
			Suites: $rel $rel-updates
			Components: main
			Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

			Types: deb
			URIs: ${mirror%/debian}/debian-security
			Suites: $rel-security
			Components: main
			Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
		SRC
	fi
	# Keep the host's tolerance of a mirror with an old Release date, if it has one.
	if grep -rqs 'Check-Valid-Until "false"' /etc/apt/apt.conf.d/; then
		printf 'Acquire::Check-Valid-Until "false";\n' >"$rootfs/etc/apt/apt.conf.d/99dockergen-standin"
	fi
	# What the official image (debuerreotype) configures for use in Docker.
	cat >"$rootfs/etc/apt/apt.conf.d/docker-clean" <<-'CONF'
		DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
		APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
		Dir::Cache::pkgcache "";
		Dir::Cache::srcpkgcache "";
	CONF
	printf 'Acquire::GzipIndexes "true";\nAcquire::CompressionTypes::Order:: "gz";\n' >"$rootfs/etc/apt/apt.conf.d/docker-gzip-indexes"
	printf 'Acquire::Languages "none";\n' >"$rootfs/etc/apt/apt.conf.d/docker-no-languages"
	printf 'Apt::AutoRemove::SuggestsImportant "false";\n' >"$rootfs/etc/apt/apt.conf.d/docker-autoremove-suggests"
	printf 'force-unsafe-io\n' >"$rootfs/etc/dpkg/dpkg.cfg.d/docker-apt-speedup"
	# -slim: no docs, man pages or translations (debuerreotype-slimify).
	cat >"$rootfs/etc/dpkg/dpkg.cfg.d/docker" <<-'CONF'
		path-exclude /usr/share/doc/*
		path-include /usr/share/doc/*/copyright
		path-exclude /usr/share/groff/*
		path-exclude /usr/share/info/*
		path-exclude /usr/share/linda/*
		path-exclude /usr/share/lintian/overrides/*
		path-exclude /usr/share/locale/*
		path-exclude /usr/share/man/*
	CONF
	(
		cd "$rootfs"
		find usr/share/doc -mindepth 1 -not -type d -not -name copyright -delete 2>/dev/null || true
		find usr/share/doc -mindepth 1 -type d -empty -delete 2>/dev/null || true
		rm -rf usr/share/groff/* usr/share/info/* usr/share/linda/* usr/share/lintian/overrides/* \
			usr/share/locale/* usr/share/man/*
		rm -rf var/lib/apt/lists/* var/cache/apt/* var/cache/debconf/*-old var/lib/dpkg/*-old
		rm -f var/log/bootstrap.log var/log/dpkg.log var/log/alternatives.log var/log/apt/*
		: >etc/resolv.conf
		: >etc/hostname
		mkdir -p var/lib/apt/lists/partial var/cache/apt/archives/partial
	)
	tar -C "$rootfs" --numeric-owner -cf "$tarball.tmp" --exclude='./proc/*' --exclude='./sys/*' --exclude='./dev/*' .
	mv "$tarball.tmp" "$tarball"
	rm -rf "$rootfs"
}

# host_cas DIR: copy the host's local CA certificates into DIR/host-cas/ (the
# directory exists, maybe empty, so the Dockerfiles can always COPY it); prints
# how many were copied.
host_cas() {
	local dir="$1/host-cas" n=0 f
	mkdir -p "$dir"
	if [ "${STANDINS_HOST_CAS:-1}" != 0 ]; then
		for f in /usr/local/share/ca-certificates/*.crt /usr/local/share/ca-certificates/*/*.crt; do
			[ -f "$f" ] || continue
			n=$((n + 1))
			cp "$f" "$dir/host-$n-$(basename "$f")"
		done
	fi
	echo "$n"
}

# need TAG: build TAG now (if missing) through its PLUGIN_BUILDS entry, for a
# stand-in that is built FROM (or copies from) another plug-in's image.
need() {
	local pb
	for pb in "${PLUGIN_BUILDS[@]}"; do
		# shellcheck disable=SC2086 # "TAG FUNCTION [ARGS...]"
		if [ "${pb%% *}" = "$1" ]; then build ${pb}; return 0; fi
	done
	have "$1" || die "no stand-in builds $1"
}

# runtime_label TAG DOCKER-RUN-ARGS...: run the runtime in TAG (docker run
# --rm --network none ARGS), and record the first line it prints as LABEL
# org.dockergen.standin.runtime on TAG (a config-only rebuild): the real
# version behind a tag that may name another (the e2e report shows it).
runtime_label() {
	local tag="$1" out
	shift
	out="$("$DOCKER" run --rm --network none "$@" 2>&1)" || die "$tag: runtime version: $out"
	out="$(printf '%s\n' "$out" | sed -n '1{s/[[:space:]]*$//;p}')"
	[ -n "$out" ] || die "$tag: the runtime printed no version"
	printf 'FROM %s\n' "$tag" | "$DOCKER" build -q --label "$LABEL_KEY.runtime=$out" -t "$tag" - >/dev/null
}

for rel in "${RELEASES[@]}"; do build "$(debian_tag "$rel")" build_debian "$rel"; done
for pb in "${PLUGIN_BUILDS[@]}"; do
	# shellcheck disable=SC2086 # "TAG FUNCTION [ARGS...]"
	build ${pb}
done
TIMES[build-total]="$(since "$T0")"

# ---- verification -----------------------------------------------------------
HARD=(--rm --read-only --cap-drop ALL --security-opt no-new-privileges:true --user 10001:10001 --network none)
FAILED=0
check() { # check DESCRIPTION docker-run-args...
	local what="$1" out
	shift
	if out="$("$DOCKER" run "${HARD[@]}" "$@" 2>&1)"; then
		log "ok   $what${out:+ -> $(echo "$out" | tr '\n' ' ' | cut -c1-80)}"
	else
		log "FAIL $what: $(echo "$out" | tail -n 3 | tr '\n' ' ')"
		FAILED=1
	fi
}
check_no_shell() { # the image must not contain a shell
	local tag="$1" out
	if out="$("$DOCKER" run "${HARD[@]}" --entrypoint /bin/sh "$tag" -c true 2>&1)"; then
		log "FAIL $tag: /bin/sh ran"
		FAILED=1
	else
		log "ok   $tag has no /bin/sh"
	fi
}
check_user() { # check_user TAG UID:GID: the image's configured USER
	local u
	u="$("$DOCKER" image inspect --format '{{.Config.User}}' "$1")"
	if [ "$u" = "$2" ]; then log "ok   $1 USER $u"; else log "FAIL $1 USER=$u, want $2"; FAILED=1; fi
}
if [ "$VERIFY" = 1 ]; then
	t="$(now)"
	for rel in "${RELEASES[@]}"; do
		check "$(debian_tag "$rel") bash, PATH, release" "$(debian_tag "$rel")" bash -c 'echo "$PATH"; . /etc/os-release; echo "$PRETTY_NAME"; test "$VERSION_CODENAME" = "$1"' - "$rel"
	done
	for pc in "${PLUGIN_CHECKS[@]}"; do "$pc"; done
	TIMES[verify]="$(since "$t")"
fi

# ---- summary ----------------------------------------------------------------
printf '\n%-46s %10s %-8s %s\n' TAG SIZE STAND-IN BUILT-IN
for tag in "${ALL_TAGS[@]}"; do
	if have "$tag"; then
		size="$("$DOCKER" image inspect --format '{{.Size}}' "$tag" | awk '{printf "%.1fMB", $1/1e6}')"
		si=no
		is_standin "$tag" && si=yes
		printf '%-46s %10s %-8s %s\n' "$tag" "$size" "$si" "${TIMES[$tag]:+${TIMES[$tag]}s}"
	else
		printf '%-46s %10s %-8s\n' "$tag" missing -
	fi
done
for rel in "${RELEASES[@]}"; do
	[ -n "${TIMES[debootstrap-$rel]:-}" ] && printf 'debootstrap %s: %ss\n' "$rel" "${TIMES[debootstrap-$rel]}"
done
printf 'build: %ss, verify: %ss, total: %ss\n' "${TIMES[build-total]}" "${TIMES[verify]:-0}" "$(since "$T0")"
[ "$FAILED" = 0 ] || die "some checks failed"
