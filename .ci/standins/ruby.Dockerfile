# Stand-in for ruby:3.1-slim-bookworm and ruby:3.3-slim-trixie, built by
# .ci/standins.sh (plugin-ruby.sh) FROM BASE, the release's debian stand-in.
# Debian's ruby (bookworm 3.1.2, trixie 3.3) and bundler (2.3.15, 2.6) packages instead of a source build
# in /usr/local, with the official image's environment and entry points:
# LANG=C.UTF-8, GEM_HOME=/usr/local/bundle (mode 1777), BUNDLE_APP_CONFIG=$GEM_HOME,
# BUNDLE_SILENCE_ROOT_WARNING=1, $GEM_HOME/bin first on PATH, and
# /usr/local/bin/{ruby,gem,bundle,bundler,irb} (the generated Dockerfile runs
# /usr/local/bin/ruby and /usr/local/bin/bundle). As in the official slim
# image there is no compiler: the generated builder stage installs one.
# Differences from the official image: the interpreter is /usr/bin/ruby3.1
# with Debian's patches, its standard library is under /usr/lib/ruby/3.1.0
# and /usr/lib/x86_64-linux-gnu/ruby/3.1.0 (official: /usr/local/lib/ruby),
# Bundler and RubyGems are Debian's (official 3.1 image: Bundler 2.3.x from
# RubyGems), and only Debian's default gems are installed.
# No RubyGems.org is reachable from here, so only projects whose Gemfile.lock
# lists no gems install (bundle install runs fully offline then).
# Context: host-cas/ (the host's local CAs, may be empty; see .ci/standins.sh).
ARG BASE=debian:bookworm-slim
FROM ${BASE}
ENV LANG=C.UTF-8
COPY host-cas/ /usr/local/share/ca-certificates/
RUN --mount=type=cache,id=dg-standin-apt-lists,target=/var/lib/apt/lists,sharing=locked \
    set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates netbase tzdata ruby bundler; \
    update-ca-certificates; \
    for n in ruby gem irb erb; do ln -sf "/usr/bin/$n" "/usr/local/bin/$n"; done; \
    ln -sf /usr/bin/bundle /usr/local/bin/bundle; \
    ln -sf /usr/bin/bundler /usr/local/bin/bundler; \
    ruby --version; gem --version; bundle --version
ENV GEM_HOME=/usr/local/bundle \
    BUNDLE_SILENCE_ROOT_WARNING=1 \
    BUNDLE_APP_CONFIG=/usr/local/bundle \
    PATH=/usr/local/bundle/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
RUN set -eux; mkdir -p "$GEM_HOME"; chmod 1777 "$GEM_HOME"
CMD ["irb"]
