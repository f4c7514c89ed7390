# The naive baseline for the Rust example (see go.Dockerfile): single stage on
# the full toolchain image, root user, ADD, no dependency step and no cache
# mounts, so every change recompiles everything. Never use this.
FROM rust:1.63-slim-bookworm
WORKDIR /app
ADD . /app
RUN cargo build --release
EXPOSE 8080
CMD ["/app/target/release/hello-rust"]
