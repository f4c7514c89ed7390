# shellcheck shell=bash
# .ci/standins/plugin-python.sh — the python stack's builder and slim runtime
# stand-in, sourced by .ci/standins.sh (see its plug-in comment):
#   python:3.11-slim-bookworm   debian + Debian's python3 (3.11), pip, venv and
#                               the host's CAs (python.Dockerfile)
# Its distroless runtime (python3-debian12) is plugin-distroless.sh's.
T_PYTHON=python:3.11-slim-bookworm
ALL_TAGS+=("$T_PYTHON")
PLUGIN_BUILDS+=("$T_PYTHON build_python")
PLUGIN_CHECKS+=(check_python)

build_python() {
	local ctx="$WORK/ctx-python" ncas
	rm -rf "$ctx"
	mkdir -p "$ctx"
	ncas="$(host_cas "$ctx")"
	dbuild "$T_PYTHON" "$HERE/standins/python.Dockerfile" "$ctx" --label "$LABEL_KEY.host-cas=$ncas"
	rm -rf "$ctx"
}

check_python() {
	check "$T_PYTHON python3 stdlib, ssl" "$T_PYTHON" python3 -c 'import http.server,ssl,json,venv,sys; print(sys.version.split()[0], ssl.OPENSSL_VERSION)'
	check "$T_PYTHON pip" "$T_PYTHON" pip --version
}
