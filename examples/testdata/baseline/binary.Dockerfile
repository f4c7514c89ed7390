# The naive baseline for the binary example: what people write by hand. A full
# Debian image, root user, ADD of the whole context. Built only by the e2e
# report, to compare size and rebuild time. Never use this.
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y ca-certificates
WORKDIR /app
ADD . /app
EXPOSE 8080
CMD ["/app/bin/server"]
