# shellcheck shell=bash
# .ci/standins/plugin-rust.sh — the rust stack's builder stand-in, sourced by
# .ci/standins.sh (see its plug-in comment):
#   rust:1.63-slim-bookworm   debian + Debian's rustc and cargo (1.63),
#                             CARGO_HOME=/usr/local/cargo, the host's CAs
#                             (rust.Dockerfile)
# Its runtime bases are the debian base and plugin-distroless.sh's cc image.
# The musl builder (rust:V-alpine3.22, for scratch and alpine) cannot be made
# here: no registry, no Alpine mirror, and Debian's rustc has no musl target.
T_RUST=rust:1.63-slim-bookworm
ALL_TAGS+=("$T_RUST")
PLUGIN_BUILDS+=("$T_RUST build_rust")
PLUGIN_CHECKS+=(check_rust)

build_rust() {
	local ctx="$WORK/ctx-rust" ncas
	rm -rf "$ctx"
	mkdir -p "$ctx"
	ncas="$(host_cas "$ctx")"
	dbuild "$T_RUST" "$HERE/standins/rust.Dockerfile" "$ctx" --label "$LABEL_KEY.host-cas=$ncas"
	rm -rf "$ctx"
}

check_rust() {
	check "$T_RUST rustc, cargo, CARGO_HOME" "$T_RUST" sh -c 'rustc --version && cargo --version && test "$CARGO_HOME" = /usr/local/cargo'
}
