FROM ruby:3.3-slim-bookworm AS gems
RUN apt-get update && apt-get install -y --no-install-recommends build-essential && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY Gemfile Gemfile.lock ./
RUN bundle config set without 'development test' && bundle install --jobs 4

FROM ruby:3.3-slim-bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends libjemalloc2 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=gems /usr/local/bundle /usr/local/bundle
WORKDIR /app
COPY . .
RUN useradd --uid 10001 --create-home rails && chown -R rails /app
USER 10001:10001
HEALTHCHECK CMD ["curl", "-fsS", "http://127.0.0.1:3000/up"]
CMD ["bin/rails", "server"]
