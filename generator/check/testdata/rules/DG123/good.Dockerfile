# syntax=docker/dockerfile:1
FROM alpine/git:2.45.2
RUN --mount=type=secret,id=netrc,target=/root/.netrc git clone https://git.example.com/team/app.git /src
RUN git clone "https://oauth2:${TOKEN}@git.example.com/team/lib.git" /lib
