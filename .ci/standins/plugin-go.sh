# shellcheck shell=bash
# .ci/standins/plugin-go.sh — the go stack's builder stand-ins, sourced by
# .ci/standins.sh (see its plug-in comment):
#   golang:1.26-bookworm   debian + the host's Go tree (go env GOROOT, or
#                          GOROOT_SRC)
#   golang:1.27-trixie     debian + Go 1.27.3's tree, which the host's go
#                          downloads through the module proxy
#                          (GOTOOLCHAIN=go1.27.3 go env GOROOT; GO_TRIXIE sets
#                          the version)
# Both: gcc and libc6-dev like the official image (GOLANG_STANDIN_CC=0 leaves
# them out), the host's CAs (golang.Dockerfile), LABEL
# org.dockergen.standin.runtime (go version).
# Their runtime bases are the debian bases and plugin-distroless.sh's static
# images (scratch needs nothing).
T_GOLANG=golang:1.26-bookworm
GO_TRIXIE="${GO_TRIXIE:-1.27.3}"
T_GOLANG_TRIXIE="golang:${GO_TRIXIE%.*}-trixie"
ALL_TAGS+=("$T_GOLANG" "$T_GOLANG_TRIXIE")
PLUGIN_BUILDS+=("$T_GOLANG build_golang $T_GOLANG bookworm host" "$T_GOLANG_TRIXIE build_golang $T_GOLANG_TRIXIE trixie $GO_TRIXIE")
PLUGIN_CHECKS+=(check_golang)

# build_golang TAG RELEASE SOURCE: SOURCE is "host" (the host's GOROOT) or a
# Go version fetched as a toolchain through the module proxy.
build_golang() {
	local tag="$1" rel="$2" src="$3" goroot ver want ctx
	want="${tag#golang:}"
	want="${want%%-*}"
	if [ "$src" = host ]; then
		goroot="${GOROOT_SRC:-$(go env GOROOT 2>/dev/null || true)}"
	else
		# Outside any module, so no go.mod's toolchain line interferes.
		goroot="$(cd / && GOTOOLCHAIN="go$src" go env GOROOT)" || die "GOTOOLCHAIN=go$src go env GOROOT failed"
	fi
	[ -n "$goroot" ] && [ -x "$goroot/bin/go" ] || die "no Go tree for $tag (set GOROOT_SRC)"
	ver="$(GOTOOLCHAIN=local "$goroot/bin/go" env GOVERSION)"
	ver="${ver#go}"
	case "$ver" in "$want"*) ;; *) log "warning: Go is $ver, tagging it $tag anyway" ;; esac
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
	dbuild "$tag" "$HERE/standins/golang.Dockerfile" "$ctx" --build-arg BASE="$(debian_tag "$rel")" \
		--build-arg GOLANG_VERSION="$ver" --build-arg CC_PACKAGES="$cc" \
		--label "$LABEL_KEY.host-cas=$ncas"
	rm -rf "$ctx"
	runtime_label "$tag" "$tag" go version
}

check_golang() {
	check "$T_GOLANG go version" "$T_GOLANG" go version
	check "$T_GOLANG_TRIXIE go version, cgo" --tmpfs /tmp -e GOCACHE=/tmp/gocache "$T_GOLANG_TRIXIE" sh -c 'go version && test "$(go env CGO_ENABLED)" = 1 && test "$(go env GOTOOLCHAIN)" = local'
}
