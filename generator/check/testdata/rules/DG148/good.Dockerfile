FROM debian:12-slim AS base
RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} \; || true
FROM base
COPY app /usr/local/bin/app
FROM alpine:3.20
RUN find / -xdev -type f -perm +6000 | xargs chmod u-s,g-s
FROM gcr.io/distroless/static-debian12:nonroot
COPY app /app
