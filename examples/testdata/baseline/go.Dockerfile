# The naive baseline for the Go example: what people write by hand. Single
# stage on the full toolchain image, root user, ADD, no cache mounts. Built only
# by the e2e report, to compare size and rebuild time. Never use this.
FROM golang:1.26-bookworm
WORKDIR /app
ADD . /app
RUN go build -o /app/server .
EXPOSE 8080
CMD ["/app/server"]
