FROM ubuntu:24.04
USER root
RUN apt-get update && rm -rf /var/lib/apt/lists/*
