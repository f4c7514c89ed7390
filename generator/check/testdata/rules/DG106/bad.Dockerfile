# End-of-life runtimes and base families, and frozen tags.
FROM golang:1.19 AS build
RUN go build -o /app ./...

FROM node:18-alpine AS assets
RUN npm ci

FROM python:3.12-alpine3.22 AS wheels
RUN pip wheel --no-cache-dir -w /wheels .

FROM nginx:1.27-alpine AS web

# A build argument in a flag is not in the image.
FROM --platform=$BUILDPLATFORM rust:1.88-alpine3.22 AS cross

FROM debian:bullseye-slim AS tools

FROM gcr.io/distroless/nodejs20-debian12:nonroot AS js

FROM mcr.microsoft.com/dotnet/aspnet:8.0@sha256:0000000000000000000000000000000000000000000000000000000000000000 AS dotnet

FROM gcr.io/distroless/base-debian11
COPY --from=build /app /app
USER 65532:65532
ENTRYPOINT ["/app"]
