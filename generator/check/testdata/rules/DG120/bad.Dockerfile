FROM python:3.12-slim
ENV DB_PASSWORD=hunter2 APP_ENV=production
LABEL com.example.api-key="k-93f0a1"
ARG SENTRY_TOKEN=3d1f9c
ENV GREETING="ghp_abcdefghijklmnopqrstuvwxyz0123456789"
