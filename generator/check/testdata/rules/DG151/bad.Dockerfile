FROM node:20 AS build
WORKDIR /app
COPY . .
RUN npm ci && npm run build
FROM node:20
COPY --from=build /app/dist /app
CMD ["node", "/app/server.js"]
