# Stand-ins for gcr.io/distroless/{static,base,cc,python3,nodejs20}-debian12:nonroot,
# built by .ci/standins.sh with --target static|base|cc|python3|nodejs20.
# The first stage installs the Debian packages and lays out each image's files
# under /out/<target> (see mkroot.sh); the final stages are FROM scratch and
# copy exactly those files: no shell, no package manager.
FROM debian:bookworm-slim AS files
RUN --mount=type=cache,id=dg-standin-apt-lists,target=/var/lib/apt/lists,sharing=locked \
    set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates tzdata netbase libssl3 \
        python3.11-minimal libpython3.11-stdlib libstdc++6 libgcc-s1 libgomp1
# Node for nodejs20 comes from the node stand-in (the host's Node 20).
COPY --from=node:20-bookworm-slim /usr/local/bin/node /nodejs/bin/node
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
ENTRYPOINT ["/usr/bin/python3.11"]

FROM base AS nodejs20
COPY --from=files /out/nodejs20/ /
ENTRYPOINT ["/nodejs/bin/node"]
