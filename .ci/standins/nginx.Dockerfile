# Stand-in for nginx:1.27-bookworm and nginx:1.30-trixie, built by
# .ci/standins.sh (plugin-nginx.sh) FROM BASE, the release's debian stand-in.
# The release's own nginx package (bookworm 1.22.1, trixie 1.26, not the
# tagged version: the labels org.dockergen.standin.nginx-version and
# org.dockergen.standin.runtime say which), laid out like the official
# image: /usr/sbin/nginx, /etc/nginx/{nginx.conf,conf.d/default.conf,mime.types},
# /usr/share/nginx/html/index.html, user nginx (101:101), access and error logs
# linked to the container's stdout and stderr, STOPSIGNAL SIGQUIT, EXPOSE 80.
# Differences from the official image: Debian's build flags (temp paths under
# /var/lib/nginx, pid /run/nginx.pid), Debian's module set, no
# /docker-entrypoint.sh (CMD runs nginx directly) and no curl.
ARG BASE=debian:bookworm-slim
FROM ${BASE}
RUN --mount=type=cache,id=dg-standin-apt-lists,target=/var/lib/apt/lists,sharing=locked \
    set -eux; \
    groupadd --system --gid 101 nginx; \
    useradd --system --uid 101 --gid nginx --no-create-home --home-dir /nonexistent --shell /bin/false nginx; \
    apt-get update; \
    apt-get install -y --no-install-recommends nginx; \
    apt-get clean; \
    rm -rf /var/cache/apt/archives/*.deb /etc/nginx/sites-enabled /etc/nginx/sites-available /var/www; \
    mkdir -p /etc/nginx/conf.d /usr/share/nginx/html /var/cache/nginx; \
    printf '%s\n' \
      'user  nginx;' \
      'worker_processes  auto;' \
      'error_log  /var/log/nginx/error.log notice;' \
      'pid        /var/run/nginx.pid;' \
      'events {' \
      '    worker_connections  1024;' \
      '}' \
      'http {' \
      '    include       /etc/nginx/mime.types;' \
      '    default_type  application/octet-stream;' \
      '    access_log  /var/log/nginx/access.log;' \
      '    sendfile        on;' \
      '    keepalive_timeout  65;' \
      '    include /etc/nginx/conf.d/*.conf;' \
      '}' > /etc/nginx/nginx.conf; \
    printf '%s\n' \
      'server {' \
      '    listen       80;' \
      '    server_name  localhost;' \
      '    location / {' \
      '        root   /usr/share/nginx/html;' \
      '        index  index.html index.htm;' \
      '    }' \
      '}' > /etc/nginx/conf.d/default.conf; \
    printf '<!DOCTYPE html>\n<title>Welcome to nginx!</title>\n<h1>Welcome to nginx!</h1>\n' > /usr/share/nginx/html/index.html; \
    ln -sf /dev/stdout /var/log/nginx/access.log; \
    ln -sf /dev/stderr /var/log/nginx/error.log; \
    nginx -V; nginx -t
ARG TAGGED=1.27 RELEASE=bookworm
LABEL org.dockergen.standin.nginx-version="Debian ${RELEASE}'s nginx (the version is org.dockergen.standin.runtime), tagged ${TAGGED}"
EXPOSE 80
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
