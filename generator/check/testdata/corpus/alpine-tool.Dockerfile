FROM alpine:3.19
RUN apk update && apk upgrade && apk add bash curl jq
RUN wget --no-check-certificate -O /usr/local/bin/yq https://github.com/mikefarah/yq/releases/download/v4.44.1/yq_linux_amd64 \
 && chmod +x /usr/local/bin/yq
COPY entrypoint.sh /entrypoint.sh
ENTRYPOINT /entrypoint.sh
