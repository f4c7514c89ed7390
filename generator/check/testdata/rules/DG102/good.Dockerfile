# syntax=docker/dockerfile:1
FROM ubuntu:24.04
CMD ["bash"]
