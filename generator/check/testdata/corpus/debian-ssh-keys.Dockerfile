FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends git openssh-client && rm -rf /var/lib/apt/lists/*
RUN mkdir -p /root/.ssh
COPY id_ed25519 /root/.ssh/id_ed25519
COPY .ssh/known_hosts /root/.ssh/known_hosts
RUN git clone git@github.com:example/private.git /src
WORKDIR /src
RUN cd tools && ./build.sh
ENTRYPOINT ["/src/bin/run"]
