FROM node:22-bookworm-slim
WORKDIR /app
USER node
CMD ["node", "server.js"]
