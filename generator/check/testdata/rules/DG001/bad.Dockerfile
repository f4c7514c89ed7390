FROM alpine:3.20
# dockergen:ignore=DG146
RUN echo hello
# dockergen:ignore=DG999 there is no such rule
USER 10001
