FROM node:22-bookworm-slim
WORKDIR /app
USER 1000:1000
CMD ["node", "server.js"]
