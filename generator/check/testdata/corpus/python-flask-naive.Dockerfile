FROM python:3.9
WORKDIR /code
COPY requirements.txt requirements.txt
RUN pip install -r requirements.txt
COPY . .
ENV FLASK_APP=app.py
ENV FLASK_RUN_HOST=0.0.0.0
ENV SECRET_KEY=dev-secret-change-me
EXPOSE 5000
CMD ["flask", "run"]
