FROM debian:12-slim
RUN curl -fsSLo /tmp/install.sh https://get.example.com/install.sh \
 && echo "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  /tmp/install.sh" | sha256sum -c - \
 && sh /tmp/install.sh
RUN curl -fsSL https://api.example.com/version | python3 -c "import json,sys; print(json.load(sys.stdin))"
