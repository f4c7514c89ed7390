FROM node:22-bookworm-slim
COPY .env /app/.env
COPY id_rsa /root/.ssh/id_rsa
COPY certs/server.key certs/server.crt /etc/ssl/private/
