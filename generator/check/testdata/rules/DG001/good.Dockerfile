FROM alpine:3.20
# An ordinary comment.
# dockergen:ignore=DG148 the image is scanned for setuid files in CI
USER 10001
