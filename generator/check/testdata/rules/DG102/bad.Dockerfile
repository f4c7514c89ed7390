# syntax=docker/dockerfile:1
FROM ubuntu
CMD ["bash"]
