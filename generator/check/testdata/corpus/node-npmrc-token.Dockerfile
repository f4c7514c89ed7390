FROM node:16
ARG NPM_TOKEN
WORKDIR /app
COPY .npmrc package.json package-lock.json ./
RUN npm ci && rm -f .npmrc
COPY . .
USER node
CMD npm start
