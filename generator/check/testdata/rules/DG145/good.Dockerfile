FROM node:22-bookworm-slim AS build
CMD echo "build stages do not ship"
FROM node:22-bookworm-slim
WORKDIR /app
ENTRYPOINT ["node"]
CMD ["server.js"]
