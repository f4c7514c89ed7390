# The naive baseline for the Node.js example (see go.Dockerfile). Never use this.
FROM node:20-bookworm-slim
WORKDIR /app
ADD . /app
RUN npm install
EXPOSE 8080
CMD ["node", "server.js"]
