# shellcheck shell=bash
# .ci/standins/plugin-python.sh — the python stack's builder and slim runtime
# stand-ins, sourced by .ci/standins.sh (see its plug-in comment):
#   python:3.11-slim-bookworm   debian + Debian bookworm's python3 (3.11)
#   python:3.13-slim-trixie     debian + Debian trixie's python3 (3.13)
# Both with pip, venv and the host's CAs (python.Dockerfile), LABEL
# org.dockergen.standin.runtime (python3 --version). python:3.14-slim-trixie
# (the generator's default) is not made: no Debian release has 3.14, so the
# python example pins 3.13.
# Their distroless runtimes (python3-debianV) are plugin-distroless.sh's.
T_PYTHON=python:3.11-slim-bookworm
T_PYTHON_TRIXIE=python:3.13-slim-trixie
ALL_TAGS+=("$T_PYTHON" "$T_PYTHON_TRIXIE")
PLUGIN_BUILDS+=("$T_PYTHON build_python $T_PYTHON bookworm" "$T_PYTHON_TRIXIE build_python $T_PYTHON_TRIXIE trixie")
PLUGIN_CHECKS+=(check_python)

# build_python TAG RELEASE
build_python() {
	local tag="$1" rel="$2" ctx="$WORK/ctx-python" ncas v
	v="${tag#python:}"
	v="${v%%-*}"
	rm -rf "$ctx"
	mkdir -p "$ctx"
	ncas="$(host_cas "$ctx")"
	dbuild "$tag" "$HERE/standins/python.Dockerfile" "$ctx" --build-arg BASE="$(debian_tag "$rel")" \
		--build-arg PY="python$v" --label "$LABEL_KEY.host-cas=$ncas"
	rm -rf "$ctx"
	runtime_label "$tag" "$tag" python3 --version
}

check_python() {
	local tag
	for tag in "$T_PYTHON" "$T_PYTHON_TRIXIE"; do
		check "$tag python3 stdlib, ssl" "$tag" python3 -c 'import http.server,ssl,json,venv,sys; print(sys.version.split()[0], ssl.OPENSSL_VERSION)'
		check "$tag pip" "$tag" pip --version
	done
}
