FROM node:22-bookworm-slim
WORKDIR /app
CMD node server.js
