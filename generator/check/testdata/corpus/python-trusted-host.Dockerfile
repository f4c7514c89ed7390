FROM python:3.10-slim
ARG PIP_INDEX_URL=https://ci:Passw0rd@pypi.corp.example.com/simple
RUN pip install --trusted-host pypi.corp.example.com -i $PIP_INDEX_URL internal-lib
ENV PYTHONHTTPSVERIFY=0
COPY . /srv
WORKDIR /srv
CMD ["python", "worker.py"]
