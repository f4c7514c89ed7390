FROM node:latest
CMD ["node", "server.js"]
