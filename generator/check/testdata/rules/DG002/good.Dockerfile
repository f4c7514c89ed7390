FROM debian:bookworm-slim
WORKDIR /app
COPY server /app/server
USER 10001:10001
HEALTHCHECK NONE
ENTRYPOINT ["/app/server"]
