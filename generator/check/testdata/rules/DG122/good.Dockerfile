FROM node:22-bookworm-slim
COPY .env.example /app/.env.example
COPY certs/ca.crt /usr/local/share/ca-certificates/ca.crt
COPY id_rsa.pub /etc/app/deploy.pub
COPY . /app
