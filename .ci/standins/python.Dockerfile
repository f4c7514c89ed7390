# Stand-in for python:3.11-slim-bookworm and python:3.13-slim-trixie, built by
# .ci/standins.sh (plugin-python.sh) FROM BASE, the release's debian stand-in.
# Debian's python3 (3.11, 3.13) instead of a source build in /usr/local, with the
# official image's entry points: /usr/local/bin/python3, python, pip, pip3;
# venv and pip work, there is no PEP 668 EXTERNALLY-MANAGED marker, and, as in
# the official image, no precompiled .pyc for the standard library.
# Differences from the official image: the interpreter is /usr/bin/python3.X
# (Debian's patch release) and `pip install` as root puts packages in
# /usr/local/lib/python3.X/dist-packages (official: .../site-packages).
# Context: host-cas/ (the host's local CAs, may be empty; see .ci/standins.sh).
ARG BASE=debian:bookworm-slim
FROM ${BASE}
# The release's interpreter: python3.11 (bookworm), python3.13 (trixie).
ARG PY=python3.11
ENV LANG=C.UTF-8
COPY host-cas/ /usr/local/share/ca-certificates/
RUN --mount=type=cache,id=dg-standin-apt-lists,target=/var/lib/apt/lists,sharing=locked \
    set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates netbase tzdata \
        python3 python3-pip python3-venv; \
    update-ca-certificates; \
    rm -f /usr/lib/python3*/EXTERNALLY-MANAGED; \
    for n in python3 python; do ln -sf /usr/bin/python3 /usr/local/bin/$n; done; \
    ln -sf "/usr/bin/$PY" "/usr/local/bin/$PY"; \
    ln -sf /usr/bin/pip3 /usr/local/bin/pip3; \
    ln -sf /usr/bin/pip3 /usr/local/bin/pip; \
    PYTHONDONTWRITEBYTECODE=1 python --version; PYTHONDONTWRITEBYTECODE=1 pip --version; \
    # The official image ships no .pyc (docker-library/python#615): drop them.
    find /usr/lib/python3* /usr/share/python3 -depth -name __pycache__ -type d -exec rm -rf {} +
CMD ["python3"]
