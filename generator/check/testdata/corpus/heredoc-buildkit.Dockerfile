# syntax=docker/dockerfile:1.7
FROM debian:bookworm-slim
RUN <<EOF
set -eux
apt-get update
apt-get install -y --no-install-recommends ca-certificates curl
curl -fsSL https://example.com/setup.sh | bash
rm -rf /var/lib/apt/lists/*
EOF
COPY <<EOF /etc/app.conf
listen = 8080
EOF
USER 10001:10001
HEALTHCHECK NONE
CMD ["/usr/local/bin/app"]
