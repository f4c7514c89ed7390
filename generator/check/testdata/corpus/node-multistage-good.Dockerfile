# syntax=docker/dockerfile:1
FROM node:20-bookworm-slim@sha256:1111111111111111111111111111111111111111111111111111111111111111 AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM gcr.io/distroless/nodejs20-debian12:nonroot@sha256:2222222222222222222222222222222222222222222222222222222222222222
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
USER 65532:65532
HEALTHCHECK --interval=30s CMD ["/nodejs/bin/node", "healthcheck.js"]
CMD ["server.js"]
