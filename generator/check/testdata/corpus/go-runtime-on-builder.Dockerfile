FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN go build -o /bin/api ./cmd/api

FROM build
EXPOSE 8080
USER 1000
ENTRYPOINT ["/bin/api"]
