# shellcheck shell=bash
# .ci/standins/plugin-go.sh — the go stack's builder stand-in, sourced by
# .ci/standins.sh (see its plug-in comment):
#   golang:1.26-bookworm   debian + the host's Go tree (go env GOROOT, or
#                          GOROOT_SRC), gcc and libc6-dev like the official
#                          image (GOLANG_STANDIN_CC=0 leaves them out), the
#                          host's CAs (golang.Dockerfile)
# Its runtime bases are the debian base and plugin-distroless.sh's static
# image (scratch needs nothing).
T_GOLANG=golang:1.26-bookworm
ALL_TAGS+=("$T_GOLANG")
PLUGIN_BUILDS+=("$T_GOLANG build_golang")
PLUGIN_CHECKS+=(check_golang)

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

check_golang() {
	check "$T_GOLANG go version" "$T_GOLANG" go version
}
