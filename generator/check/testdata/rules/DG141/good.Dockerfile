FROM python:3.12-slim
RUN pip install --no-cache-dir --index-url https://pypi.internal/simple app
RUN curl -fsSL -o /tmp/x https://example.com/x
