# The naive baseline for the static example: what people write by hand. The
# nginx image as it comes (root master, port 80, writable root), ADD of the
# whole context. Built only by the e2e report, to compare size and rebuild
# time. Never use this.
FROM nginx:1.27-bookworm
ADD . /usr/share/nginx/html
EXPOSE 80
