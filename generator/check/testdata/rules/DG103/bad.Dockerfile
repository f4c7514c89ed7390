FROM golang:1.22 AS build
RUN ["go", "version"]
FROM scratch
COPY --from=build /usr/local/go/VERSION /VERSION
