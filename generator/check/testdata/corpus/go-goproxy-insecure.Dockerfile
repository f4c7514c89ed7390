FROM golang:1.20 AS build
ENV GOINSECURE=git.corp.example.com GOSUMDB=off
RUN git config --global http.sslVerify false
WORKDIR /src
COPY . .
RUN go build -o /app ./...

FROM debian:bullseye
COPY --from=build /app /usr/local/bin/app
CMD /usr/local/bin/app
