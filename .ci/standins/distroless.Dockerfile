# Stand-ins for gcr.io/distroless/{static,base,cc,python3,nodejsN}-debianV:nonroot,
# built by .ci/standins.sh (plugin-distroless.sh) with --target
# static|base|cc|python3|nodejs, once per Debian release: BASE is the
# release's debian stand-in, NODE_IMAGE the node stand-in whose binary nodejs
# carries, PY (python3.11, python3.13) and SSL_PACKAGE that release's names.
# The first stage installs the Debian packages and lays out each image's files
# under /out/<target> (see mkroot.sh); the final stages are FROM scratch and
# copy exactly those files: no shell, no package manager.
ARG BASE=debian:bookworm-slim
ARG NODE_IMAGE=node:20-bookworm-slim
FROM ${NODE_IMAGE} AS node
FROM ${BASE} AS files
ARG PY=python3.11
ARG SSL_PACKAGE=libssl3
ENV PY=${PY} SSL_PACKAGE=${SSL_PACKAGE}
RUN --mount=type=cache,id=dg-standin-apt-lists,target=/var/lib/apt/lists,sharing=locked \
    set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates tzdata netbase $SSL_PACKAGE \
        $PY-minimal lib$PY-stdlib libstdc++6 libgcc-s1 libgomp1 libatomic1
# Node for nodejs comes from the node stand-in of the same release.
COPY --from=node /usr/local/bin/node /nodejs/bin/node
COPY mkroot.sh /usr/local/bin/mkroot.sh
RUN bash /usr/local/bin/mkroot.sh /out

FROM scratch AS static
COPY --from=files /out/static/ /
COPY --from=files --chown=65532:65532 /out/home/ /home/
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
USER 65532:65532
WORKDIR /home/nonroot

FROM static AS base
COPY --from=files /out/base/ /

FROM base AS cc
COPY --from=files /out/cc/ /

FROM base AS python3
COPY --from=files /out/python3/ /
ENV LANG=C.UTF-8
ENTRYPOINT ["/usr/bin/python3"]

FROM base AS nodejs
COPY --from=files /out/nodejs/ /
ENTRYPOINT ["/nodejs/bin/node"]
