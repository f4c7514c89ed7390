FROM python:3.12-slim AS build
RUN pip install --target=/deps flask
FROM python:3.12-slim
COPY --from=build /deps /deps
RUN pip install --no-cache-dir gunicorn
RUN python -m pip install --no-cache-dir uvicorn
