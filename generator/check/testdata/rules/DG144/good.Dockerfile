FROM golang:1.22
COPY . /src
RUN (cd /src && go build -o /app .)
WORKDIR /src
RUN go vet ./...
