FROM node:22-bookworm-slim
CMD ["node", "server.js"]
