# Stand-in for rust:1.63-slim-bookworm and rust:1.85-slim-trixie, built by
# .ci/standins.sh (plugin-rust.sh) FROM BASE, the release's debian stand-in.
# Debian's rustc and cargo (1.63 in bookworm, 1.85 in trixie) instead of rustup's toolchain in
# /usr/local/cargo, with the official image's environment: CARGO_HOME and
# RUSTUP_HOME under /usr/local, cargo's bin directory on PATH, and gcc/libc6-dev
# (the linker rustc drives). No registry index is reachable from here, so only
# crates-free (std-only) projects build; Cargo.lock must already be complete.
# Differences from the official image: no rustup, rustc/cargo are in /usr/bin,
# and only the x86_64-unknown-linux-gnu target is installed.
# Context: host-cas/ (the host's local CAs, may be empty; see .ci/standins.sh).
ARG BASE=debian:bookworm-slim
FROM ${BASE}
COPY host-cas/ /usr/local/share/ca-certificates/
RUN --mount=type=cache,id=dg-standin-apt-lists,target=/var/lib/apt/lists,sharing=locked \
    set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates netbase gcc libc6-dev rustc cargo; \
    update-ca-certificates; \
    rustc --version; cargo --version
ENV RUSTUP_HOME=/usr/local/rustup \
    CARGO_HOME=/usr/local/cargo \
    PATH=/usr/local/cargo/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
RUN set -eux; mkdir -p "$CARGO_HOME/bin" "$CARGO_HOME/registry"; chmod -R a+w "$CARGO_HOME"
