# The naive baseline for the Ruby example (see go.Dockerfile): single stage,
# root user, ADD, the gems installed after every source change (no manifests
# first, no cache mount), no deployment mode. Never use this.
FROM ruby:3.1-slim-bookworm
WORKDIR /app
ADD . /app
RUN bundle install
EXPOSE 8080
CMD ["ruby", "app.rb"]
