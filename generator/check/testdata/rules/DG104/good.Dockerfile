FROM python:3.12-slim
WORKDIR /app
ADD rootfs.tar.gz /
COPY app.py requirements.txt /app/
