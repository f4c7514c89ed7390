ARG BASE=alpine:3.20@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
FROM golang:1.22@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa AS build
RUN ["go", "version"]
FROM build AS test
FROM ${BASE}
FROM scratch
COPY --from=build /usr/local/go/VERSION /VERSION
