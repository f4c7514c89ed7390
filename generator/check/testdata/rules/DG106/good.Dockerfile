# Current lines on bases their publishers still build; images chosen by a
# build argument are left alone (their value is chosen at build time).
ARG GO_VERSION=1.19
FROM golang:${GO_VERSION} AS old-by-arg

FROM golang:1.27-trixie AS build
RUN go build -o /app ./...

FROM node:26-trixie-slim AS assets
RUN npm ci

FROM python:3.14-slim-trixie AS wheels

FROM nginx:1.30-alpine AS web

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS dotnet

FROM node:22-bookworm-slim AS maintenance-lts

FROM gcr.io/distroless/static-debian13:nonroot
COPY --from=build /app /app
USER 65532:65532
ENTRYPOINT ["/app"]
