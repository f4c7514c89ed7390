#!/usr/bin/env bash
# .ci/standins.sh — build local stand-ins for the official base images that
# dockergen's generated Dockerfiles reference, tagged exactly as referenced.
#
# There is no container registry here (nothing can be pulled), but Debian's
# mirror and the Go module proxy are reachable, so:
#   debian:bookworm-slim                     debootstrap --variant=minbase + docker import
#   golang:1.26-bookworm                     debian + the host's Go tree (go env GOROOT)
#   python:3.11-slim-bookworm                debian + Debian's python3 (3.11), pip, venv
#   node:20-bookworm-slim                    debian + the host's Node 20 (binary, npm, corepack)
#   nginx:1.27-bookworm                      debian + Debian's nginx 1.22.1 (labelled so), official layout
#   rust:1.63-slim-bookworm                  debian + Debian's rustc and cargo (1.63), CARGO_HOME=/usr/local/cargo
#   gcr.io/distroless/static-debian12:nonroot   FROM scratch, files only (no shell)
#   gcr.io/distroless/base-debian12:nonroot     static + glibc + libssl
#   gcr.io/distroless/cc-debian12:nonroot       base + libgcc-s1, libstdc++6, libgomp1
#   gcr.io/distroless/python3-debian12:nonroot  base + python3.11 and its stdlib/libs
#   gcr.io/distroless/nodejs20-debian12:nonroot base + /nodejs/bin/node and its libs
# Every stand-in carries LABEL org.dockergen.standin=true (inherited by images
# built FROM it), so reports can tell a stand-in from the real thing.
#
# Each image is built only if `docker image inspect TAG` fails, so a rerun
# takes about 1 s (plus about 8 s of checks; --no-verify skips them). From an
# empty engine it takes about 2 minutes on 2 cores (debootstrap about 40 s). A
# tag that exists without the stand-in label (a real image) is left alone.
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
#        libc6-dev out of the golang stand-in (the official image has them),
#        STANDINS_HOST_CAS=0 to not add the host's local CA certificates (below),
#        STANDINS_BUILD_NETWORK=host to run the builds' RUN steps on the host
#        network (for an engine without a working bridge).
#
# Host CAs: this machine reaches HTTPS registries (the Go module proxy, npm)
# through a TLS-inspecting egress proxy whose CA is in the host's
# /usr/local/share/ca-certificates/*.crt. Without it `go mod download` inside a
# build fails with "x509: certificate signed by unknown authority". So the
# golang and python stand-ins get those certificates added to their system
# bundle (update-ca-certificates), and the node stand-in gets them as
# NODE_EXTRA_CA_CERTS; such images carry LABEL org.dockergen.standin.host-cas=N
# (N certificates). The debian base and the distroless stand-ins keep Debian's
# bundle only.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DOCKER="${DOCKER:-/usr/bin/docker}"
export DOCKER_BUILDKIT=1
WORK="${STANDINS_WORK:-/tmp/dg-standins}"
LABEL_KEY=org.dockergen.standin
STD_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

T_DEBIAN=debian:bookworm-slim
T_GOLANG=golang:1.26-bookworm
T_PYTHON=python:3.11-slim-bookworm
T_NODE=node:20-bookworm-slim
T_STATIC=gcr.io/distroless/static-debian12:nonroot
T_BASE=gcr.io/distroless/base-debian12:nonroot
T_DPY=gcr.io/distroless/python3-debian12:nonroot
T_DNODE=gcr.io/distroless/nodejs20-debian12:nonroot
T_NGINX=nginx:1.27-bookworm
T_RUST=rust:1.63-slim-bookworm
T_CC=gcr.io/distroless/cc-debian12:nonroot
ALL_TAGS=("$T_DEBIAN" "$T_GOLANG" "$T_PYTHON" "$T_NODE" "$T_NGINX" "$T_RUST" "$T_STATIC" "$T_BASE" "$T_CC" "$T_DPY" "$T_DNODE")

# Plug-ins: each .ci/standins/plugin-*.sh adds the stand-ins of one stack. It
# appends its tags to ALL_TAGS, "TAG FUNCTION" pairs to PLUGIN_BUILDS (built
# in order, after the images above, so FROM debian:bookworm-slim works) and
# check functions to PLUGIN_CHECKS (run with the verification below). Its
# functions may use build, dbuild, host_cas, check and check_no_shell.
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

# build TAG FUNC: run FUNC only when TAG is missing, and time it.
build() {
	local tag="$1" fn="$2" t
	if have "$tag"; then
		is_standin "$tag" || log "$tag exists and is not a stand-in; leaving it alone"
		return 0
	fi
	log "building $tag"
	t="$(now)"
	"$fn"
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

build_debian() {
	local mirror rootfs t
	mirror="${DEBIAN_MIRROR:-$(host_mirror)}"
	rootfs="$WORK/rootfs-bookworm"
	command -v debootstrap >/dev/null 2>&1 || [ -x /usr/sbin/debootstrap ] || die "debootstrap missing (run .ci/docker-up.sh)"
	rm -rf "$rootfs"
	mkdir -p "$rootfs" "$WORK/debs"
	log "debootstrap --variant=minbase bookworm from $mirror (log: $WORK/debootstrap.log)"
	t="$(now)"
	# --cache-dir keeps the .debs, so a rebuild after `docker rmi` skips the
	# download (unpacking and configuring still take most of the time).
	if ! PATH="$PATH:/usr/sbin:/sbin" debootstrap --variant=minbase --cache-dir="$WORK/debs" \
		bookworm "$rootfs" "$mirror" >"$WORK/debootstrap.log" 2>&1; then
		tail -n 30 "$WORK/debootstrap.log" >&2
		die "debootstrap failed (log: $WORK/debootstrap.log)"
	fi
	TIMES[debootstrap]="$(since "$t")"
	log "debootstrap took ${TIMES[debootstrap]}s"

	# apt sources: the host's deb822 file when it points at a plain mirror
	# (this is what the official image ships), else the standard layout.
	rm -f "$rootfs/etc/apt/sources.list"
	mkdir -p "$rootfs/etc/apt/sources.list.d" "$rootfs/etc/apt/apt.conf.d" "$rootfs/etc/dpkg/dpkg.cfg.d"
	if [ -z "${DEBIAN_MIRROR:-}" ] && [ -f /etc/apt/sources.list.d/debian.sources ]; then
		cp /etc/apt/sources.list.d/debian.sources "$rootfs/etc/apt/sources.list.d/debian.sources"
	else
		cat >"$rootfs/etc/apt/sources.list.d/debian.sources" <<-SRC
			Types: deb
			URIs: $mirror
			Suites: bookworm bookworm-updates
			Components: main
			Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

			Types: deb
			URIs: ${mirror%/debian}/debian-security
			Suites: bookworm-security
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
	log "importing $T_DEBIAN"
	tar -C "$rootfs" --numeric-owner -c --exclude='./proc/*' --exclude='./sys/*' --exclude='./dev/*' . |
		"$DOCKER" import \
			--change 'CMD ["bash"]' \
			--change "ENV PATH=$STD_PATH" \
			--change "LABEL $LABEL_KEY=true" \
			- "$T_DEBIAN" >/dev/null
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

build_golang() {
	local goroot ver ctx
	goroot="${GOROOT_SRC:-$(go env GOROOT 2>/dev/null || true)}"
	[ -n "$goroot" ] && [ -x "$goroot/bin/go" ] || die "no host Go tree (set GOROOT_SRC)"
	ver="$("$goroot/bin/go" env GOVERSION)"
	ver="${ver#go}"
	case "$ver" in 1.26*) ;; *) log "warning: host Go is $ver, tagging it $T_GOLANG anyway" ;; esac
	ctx="$WORK/ctx-golang"
	rm -rf "$ctx"
	mkdir -p "$ctx"
	# Hard links when possible (same filesystem), else a copy. test/ is Go's
	# own test suite, not needed to build.
	cp -al "$goroot" "$ctx/go" 2>/dev/null || { rm -rf "$ctx/go"; cp -a "$goroot" "$ctx/go"; }
	rm -rf "$ctx/go/test" "$ctx/go/.git"
	local cc="gcc libc6-dev make pkg-config" ncas
	[ "${GOLANG_STANDIN_CC:-1}" = 0 ] && cc=""
	ncas="$(host_cas "$ctx")"
	dbuild "$T_GOLANG" "$HERE/standins/golang.Dockerfile" "$ctx" \
		--build-arg GOLANG_VERSION="$ver" --build-arg CC_PACKAGES="$cc" \
		--label "$LABEL_KEY.host-cas=$ncas"
	rm -rf "$ctx"
}

build_python() {
	local ctx="$WORK/ctx-python" ncas
	rm -rf "$ctx"
	mkdir -p "$ctx"
	ncas="$(host_cas "$ctx")"
	dbuild "$T_PYTHON" "$HERE/standins/python.Dockerfile" "$ctx" --label "$LABEL_KEY.host-cas=$ncas"
	rm -rf "$ctx"
}

build_node() {
	local node ver prefix ctx
	node="${NODE_BIN:-$(command -v node || true)}"
	[ -n "$node" ] || die "no host node (set NODE_BIN)"
	node="$(readlink -f "$node")"
	ver="$("$node" --version)"
	ver="${ver#v}"
	case "$ver" in 20.*) ;; *) log "warning: host node is $ver, tagging it $T_NODE anyway" ;; esac
	prefix="$(dirname "$(dirname "$node")")"
	[ -d "$prefix/lib/node_modules/npm" ] || die "npm not found at $prefix/lib/node_modules/npm"
	ctx="$WORK/ctx-node"
	rm -rf "$ctx"
	mkdir -p "$ctx/usr/local/bin" "$ctx/usr/local/lib/node_modules" "$ctx/usr/local/include"
	cp -a "$node" "$ctx/usr/local/bin/node"
	cp -a "$prefix/lib/node_modules/npm" "$ctx/usr/local/lib/node_modules/"
	[ -d "$prefix/lib/node_modules/corepack" ] && cp -a "$prefix/lib/node_modules/corepack" "$ctx/usr/local/lib/node_modules/"
	[ -d "$prefix/include/node" ] && cp -a "$prefix/include/node" "$ctx/usr/local/include/"
	cp "$HERE/standins/node-entrypoint.sh" "$ctx/docker-entrypoint.sh"
	local ncas extra=""
	ncas="$(host_cas "$ctx")"
	[ "$ncas" -gt 0 ] && extra=/usr/local/share/ca-certificates/dockergen-host-cas.pem
	dbuild "$T_NODE" "$HERE/standins/node.Dockerfile" "$ctx" --build-arg NODE_VERSION="$ver" \
		--build-arg NODE_EXTRA_CA_CERTS="$extra" --label "$LABEL_KEY.host-cas=$ncas"
	rm -rf "$ctx"
}

build_nginx() { dbuild "$T_NGINX" "$HERE/standins/nginx.Dockerfile" "$HERE/standins"; }

build_rust() {
	local ctx="$WORK/ctx-rust" ncas
	rm -rf "$ctx"
	mkdir -p "$ctx"
	ncas="$(host_cas "$ctx")"
	dbuild "$T_RUST" "$HERE/standins/rust.Dockerfile" "$ctx" --label "$LABEL_KEY.host-cas=$ncas"
	rm -rf "$ctx"
}

distroless() { dbuild "$1" "$HERE/standins/distroless.Dockerfile" "$HERE/standins" --target "$2"; }
build_static() { distroless "$T_STATIC" static; }
build_base() { distroless "$T_BASE" base; }
build_cc() { distroless "$T_CC" cc; }
build_dpy() { distroless "$T_DPY" python3; }
build_dnode() { distroless "$T_DNODE" nodejs20; }

build "$T_DEBIAN" build_debian
build "$T_GOLANG" build_golang
build "$T_PYTHON" build_python
build "$T_NODE" build_node
build "$T_NGINX" build_nginx
build "$T_RUST" build_rust
build "$T_STATIC" build_static
build "$T_BASE" build_base
build "$T_CC" build_cc
build "$T_DPY" build_dpy
build "$T_DNODE" build_dnode
for pb in "${PLUGIN_BUILDS[@]}"; do
	# shellcheck disable=SC2086 # "TAG FUNCTION"
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
check_static_files() { # nothing runs in static: inspect its file system
	local tag="$1" cid listing want missing=""
	cid="$("$DOCKER" create "$tag" /none)"
	listing="$("$DOCKER" export "$cid" | tar --numeric-owner -tvf - 2>/dev/null)"
	"$DOCKER" rm "$cid" >/dev/null
	for want in etc/passwd etc/group etc/nsswitch.conf etc/ssl/certs/ca-certificates.crt \
		usr/share/zoneinfo/UTC usr/share/zoneinfo/Europe/Paris etc/os-release; do
		grep -qE " $want(/| |\$)" <<<"$listing" || missing="$missing $want"
	done
	grep -qE '^drwxrwxrwt .* tmp/?$' <<<"$listing" || missing="$missing tmp(1777)"
	grep -qE '^d[rwx-]{9} 65532/65532 .* home/nonroot/?$' <<<"$listing" || missing="$missing home/nonroot(65532)"
	grep -qE ' (usr/)?bin/(ba)?sh$' <<<"$listing" && missing="$missing (has-a-shell!)"
	if [ -z "$missing" ]; then log "ok   $tag files (passwd, certs, zoneinfo, /tmp 1777, /home/nonroot 65532, no shell)"
	else log "FAIL $tag files:$missing"; FAILED=1; fi
}
if [ "$VERIFY" = 1 ]; then
	t="$(now)"
	check "$T_DEBIAN bash, PATH" "$T_DEBIAN" bash -c 'echo "$PATH"; . /etc/os-release; echo "$PRETTY_NAME"'
	check "$T_GOLANG go version" "$T_GOLANG" go version
	check "$T_PYTHON python3 stdlib, ssl" "$T_PYTHON" python3 -c 'import http.server,ssl,json,venv,sys; print(sys.version.split()[0], ssl.OPENSSL_VERSION)'
	check "$T_PYTHON pip" "$T_PYTHON" pip --version
	check "$T_NODE node" "$T_NODE" node -e 'require("node:http"); console.log(1, process.version)'
	check "$T_NODE npm" --tmpfs /tmp -e npm_config_cache=/tmp/.npm "$T_NODE" npm --version
	check "$T_NODE user node is 1000" "$T_NODE" id node
	check "$T_RUST rustc, cargo, CARGO_HOME" "$T_RUST" sh -c 'rustc --version && cargo --version && test "$CARGO_HOME" = /usr/local/cargo'
	check "$T_NGINX nginx, layout, user nginx is 101" "$T_NGINX" sh -c 'nginx -v 2>&1; test -x /usr/sbin/nginx && test -f /etc/nginx/mime.types && test -f /usr/share/nginx/html/index.html && id -u nginx'
	for tag in "$T_STATIC" "$T_BASE" "$T_CC" "$T_DPY" "$T_DNODE"; do
		u="$("$DOCKER" image inspect --format '{{.Config.User}}' "$tag")"
		[ "$u" = 65532:65532 ] && log "ok   $tag USER $u" || { log "FAIL $tag USER=$u"; FAILED=1; }
	done
	check_static_files "$T_STATIC"
	check "$T_DPY python3" "$T_DPY" -c 'import http.server,ssl,json,sys; print(sys.executable, sys.version.split()[0])'
	check "$T_DPY python3 as its own user" --user 65532:65532 "$T_DPY" -c 'import os,ssl; assert os.path.exists("/etc/ssl/certs/ca-certificates.crt"); print(os.getuid())'
	check "$T_DPY /usr/bin/python3" --entrypoint /usr/bin/python3 "$T_DPY" -c 'import ssl,zoneinfo; zoneinfo.ZoneInfo("Europe/Paris")'
	check "$T_DNODE node" "$T_DNODE" -e 'require("node:http"); console.log(process.execPath, process.version)'
	for tag in "$T_STATIC" "$T_BASE" "$T_CC" "$T_DPY" "$T_DNODE"; do check_no_shell "$tag"; done
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
[ -n "${TIMES[debootstrap]:-}" ] && printf 'debootstrap: %ss\n' "${TIMES[debootstrap]}"
printf 'build: %ss, verify: %ss, total: %ss\n' "${TIMES[build-total]}" "${TIMES[verify]:-0}" "$(since "$T0")"
[ "$FAILED" = 0 ] || die "some checks failed"
