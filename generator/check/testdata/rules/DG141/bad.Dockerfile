FROM python:3.12-slim
RUN pip install --no-cache-dir --trusted-host pypi.internal --index-url http://pypi.internal/simple app
