#!/bin/sh
# docker-entrypoint.sh of the node stand-in: behaves like the official one.
set -e
# Run node if the first argument starts with `-` or is not a system command.
if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ] || { [ -f "${1}" ] && ! [ -x "${1}" ]; }; then
  set -- node "$@"
fi
exec "$@"
