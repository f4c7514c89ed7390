# Stand-in for golang:1.26-bookworm and golang:1.27-trixie, built by
# .ci/standins.sh (plugin-go.sh) FROM BASE, the release's debian stand-in.
# Context: a directory holding go/ (a copy of a GOROOT) and host-cas/.
# Mimics the official layout: GOROOT /usr/local/go, GOPATH /go (1777),
# WORKDIR /go, GOTOOLCHAIN=local, plus ca-certificates (so the Go module proxy
# works), git, and gcc/libc6-dev/make/pkg-config as in the official image (so cgo
# is on by default, as it is there).
ARG BASE=debian:bookworm-slim
FROM ${BASE}
ARG CC_PACKAGES="gcc libc6-dev make pkg-config"
RUN --mount=type=cache,id=dg-standin-apt-lists,target=/var/lib/apt/lists,sharing=locked \
    set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates git netbase $CC_PACKAGES
# The host's local CAs (may be none): see "Host CAs" in .ci/standins.sh.
COPY host-cas/ /usr/local/share/ca-certificates/
RUN update-ca-certificates
ARG GOLANG_VERSION
ENV GOLANG_VERSION=${GOLANG_VERSION} \
    GOTOOLCHAIN=local \
    GOPATH=/go \
    PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
COPY go/ /usr/local/go/
RUN set -eux; mkdir -p "$GOPATH/src" "$GOPATH/bin"; chmod -R 1777 "$GOPATH"; go version
WORKDIR $GOPATH
