# shellcheck shell=bash
# .ci/standins/plugin-rust.sh — the rust stack's builder stand-ins, sourced by
# .ci/standins.sh (see its plug-in comment):
#   rust:1.63-slim-bookworm   debian + Debian bookworm's rustc and cargo (1.63)
#   rust:1.85-slim-trixie     debian + Debian trixie's rustc and cargo (1.85)
# Both with CARGO_HOME=/usr/local/cargo and the host's CAs (rust.Dockerfile),
# LABEL org.dockergen.standin.runtime (rustc --version).
# Their runtime bases are the debian bases and plugin-distroless.sh's cc images.
# The musl builder (rust:V-alpine3.22, for scratch and alpine) cannot be made
# here: no registry, no Alpine mirror, and Debian's rustc has no musl target.
T_RUST=rust:1.63-slim-bookworm
T_RUST_TRIXIE=rust:1.85-slim-trixie
ALL_TAGS+=("$T_RUST" "$T_RUST_TRIXIE")
PLUGIN_BUILDS+=("$T_RUST build_rust $T_RUST bookworm" "$T_RUST_TRIXIE build_rust $T_RUST_TRIXIE trixie")
PLUGIN_CHECKS+=(check_rust)

# build_rust TAG RELEASE
build_rust() {
	local tag="$1" rel="$2" ctx="$WORK/ctx-rust" ncas
	rm -rf "$ctx"
	mkdir -p "$ctx"
	ncas="$(host_cas "$ctx")"
	dbuild "$tag" "$HERE/standins/rust.Dockerfile" "$ctx" --build-arg BASE="$(debian_tag "$rel")" \
		--label "$LABEL_KEY.host-cas=$ncas"
	rm -rf "$ctx"
	runtime_label "$tag" "$tag" rustc --version
}

check_rust() {
	local tag
	for tag in "$T_RUST" "$T_RUST_TRIXIE"; do
		check "$tag rustc, cargo, CARGO_HOME" "$tag" sh -c 'rustc --version && cargo --version && test "$CARGO_HOME" = /usr/local/cargo'
	done
}
