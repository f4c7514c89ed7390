# Stand-in for node:20-bookworm-slim and node:26-trixie-slim, built by
# .ci/standins.sh (plugin-node.sh) FROM BASE, the release's debian stand-in.
# Context: usr/local/{bin/node,lib/node_modules/{npm,corepack},include/node}
# (the host's Node 20, or Node 26 and npm 10 from the npm registry, without
# corepack), docker-entrypoint.sh, and host-cas/ (the
# host's local CAs, may be empty; see .ci/standins.sh), which node trusts via
# NODE_EXTRA_CA_CERTS (left empty when there are none).
# Like the official image: node at /usr/local/bin/node, npm/npx/corepack
# symlinks, user and group `node` with uid/gid 1000, ENTRYPOINT
# docker-entrypoint.sh, CMD ["node"]. (No yarn.)
ARG BASE=debian:bookworm-slim
FROM ${BASE}
# What the binary needs beyond the base (Node 26: libatomic1).
ARG PACKAGES=
RUN --mount=type=cache,id=dg-standin-apt-lists,target=/var/lib/apt/lists,sharing=locked \
    set -eux; \
    if [ -n "$PACKAGES" ]; then \
        apt-get update; apt-get install -y --no-install-recommends $PACKAGES; apt-get clean; \
    fi; \
    groupadd --gid 1000 node; \
    useradd --uid 1000 --gid node --shell /bin/bash --create-home node
ARG NODE_VERSION
ENV NODE_VERSION=${NODE_VERSION}
COPY usr/local/ /usr/local/
COPY docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
COPY host-cas/ /usr/local/share/ca-certificates/
ARG NODE_EXTRA_CA_CERTS=
ENV NODE_EXTRA_CA_CERTS=${NODE_EXTRA_CA_CERTS}
RUN set -eux; \
    if [ -n "$NODE_EXTRA_CA_CERTS" ]; then cat /usr/local/share/ca-certificates/*.crt > "$NODE_EXTRA_CA_CERTS"; fi; \
    ln -sf ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm; \
    ln -sf ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx; \
    if [ -d /usr/local/lib/node_modules/corepack ]; then \
        ln -sf ../lib/node_modules/corepack/dist/corepack.js /usr/local/bin/corepack; fi; \
    chmod 755 /usr/local/bin/docker-entrypoint.sh; \
    node --version; npm --version
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["node"]
