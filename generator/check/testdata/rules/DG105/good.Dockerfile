# syntax=docker/dockerfile:1
FROM debian:12-slim
ADD --checksum=sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa https://example.com/tool-1.0.tar.gz /opt/
ADD https://github.com/example/tool.git#v1.0 /src/tool
