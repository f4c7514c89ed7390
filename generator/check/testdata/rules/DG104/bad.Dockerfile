FROM python:3.12-slim
WORKDIR /app
ADD app.py requirements.txt /app/
