ARG NODE_VERSION=20
ARG REGISTRY
FROM ${REGISTRY}/node:${NODE_VERSION}-alpine AS build
WORKDIR /app
COPY . .
RUN npm ci && npm run build

FROM node:${NODE_VERSION}-alpine
ARG APP_USER=node
WORKDIR /app
COPY --from=build /app/dist ./dist
USER ${APP_USER}
CMD ["node", "dist/index.js"]
