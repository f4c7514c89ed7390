FROM alpine/git:2.45.2
RUN git clone https://deploy:s3cret@git.example.com/team/app.git /src
