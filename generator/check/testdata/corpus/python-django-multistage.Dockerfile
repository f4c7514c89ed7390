FROM python:3.12-slim-bookworm AS builder
WORKDIR /build
RUN pip install --upgrade pip && pip wheel --wheel-dir /wheels -r requirements.txt
COPY requirements.txt .

FROM python:3.12-slim-bookworm
ENV PIP_NO_CACHE_DIR=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq5 \
 && rm -rf /var/lib/apt/lists/* \
 && find / -xdev -type f -perm /6000 -exec chmod a-s {} + || true
COPY --from=builder /wheels /wheels
RUN pip install /wheels/*
WORKDIR /app
COPY . .
RUN python manage.py collectstatic --noinput
USER 10001
HEALTHCHECK CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health')"]
EXPOSE 8000
ENTRYPOINT ["gunicorn", "project.wsgi:application", "--bind", "0.0.0.0:8000"]
