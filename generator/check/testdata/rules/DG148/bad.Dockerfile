FROM debian:12-slim
COPY app /usr/local/bin/app
USER 10001
