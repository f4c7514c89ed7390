# The Debian nginx image of the article this project grew from (D. Löfquist,
# "Container security", 2019: 106 MB on debian:stretch-slim, against under
# 12 MB for the same nginx on Alpine). Only the release changed: stretch is
# gone, so it is built on debian:bookworm-slim, the base dockergen's slim
# images use. Built only by the e2e report (TestE2EArticleNginx), to put the
# static example's size beside the article's figures. Never use this.
FROM debian:bookworm-slim

RUN apt update \
    && apt upgrade -y \
    && apt install --no-install-recommends --no-install-suggests -y samba nginx openssl git wget curl \
    && apt remove --purge --auto-remove -y samba openssl git wget curl \
    && rm -rf /var/lib/apt/lists/*
    # Clear up the cache also

EXPOSE 80

CMD ["nginx", "-g", "daemon off;"]
