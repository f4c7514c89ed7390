# The naive baseline for the Python example (see go.Dockerfile). Never use this.
FROM python:3.11-slim-bookworm
WORKDIR /app
ADD . /app
RUN pip install -r requirements.txt
EXPOSE 8080
CMD ["python", "app.py"]
