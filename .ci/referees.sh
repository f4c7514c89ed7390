#!/usr/bin/env bash
# Install the two referees (Trivy and KICS) at pinned versions, then run them
# over every golden and every example (the harness in examples/referees/, which
# fails on any finding not documented in generator/referees.yaml).
# Idempotent: a tool already installed at the right version is skipped.
# `.ci/referees.sh install` only installs.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"

TRIVY_VERSION=v0.74.0
KICS_VERSION=v2.2.0
GOBIN_DIR="$(go env GOPATH)/bin"
KICS_QUERIES="${KICS_QUERIES:-$(go env GOPATH)/kics-$KICS_VERSION/queries}"

install_trivy() {
	if [ -x "$GOBIN_DIR/trivy" ] && "$GOBIN_DIR/trivy" --version 2>/dev/null | grep -q "Version: ${TRIVY_VERSION#v}\$"; then
		echo "referees: trivy $TRIVY_VERSION already installed"
		return
	fi
	echo "referees: installing trivy $TRIVY_VERSION"
	GOEXPERIMENT=jsonv2 go install -ldflags "-X github.com/aquasecurity/trivy/pkg/version/app.ver=${TRIVY_VERSION#v}" \
		"github.com/aquasecurity/trivy/cmd/trivy@$TRIVY_VERSION"
}

install_kics() {
	if [ -x "$GOBIN_DIR/kics" ] && [ -f "$GOBIN_DIR/kics.version" ] &&
		[ "$(cat "$GOBIN_DIR/kics.version")" = "$KICS_VERSION" ] && [ -d "$KICS_QUERIES" ]; then
		echo "referees: kics $KICS_VERSION already installed"
		return
	fi
	echo "referees: installing kics $KICS_VERSION"
	go install "github.com/Checkmarx/kics/v2/cmd/console@$KICS_VERSION"
	mv -f "$GOBIN_DIR/console" "$GOBIN_DIR/kics"
	# KICS reads its Rego queries from disk: take them from the module.
	local mod
	mod="$(go env GOMODCACHE)/github.com/!checkmarx/kics/v2@$KICS_VERSION"
	rm -rf "$KICS_QUERIES"
	mkdir -p "$(dirname "$KICS_QUERIES")"
	cp -r "$mod/assets/queries" "$KICS_QUERIES"
	# The libraries the queries import live beside them.
	cp -r "$mod/assets/libraries" "$(dirname "$KICS_QUERIES")/libraries"
	chmod -R u+w "$(dirname "$KICS_QUERIES")"
	echo "$KICS_VERSION" >"$GOBIN_DIR/kics.version"
}

t0=$(date +%s)
# Both at once: Trivy's build alone takes about 11 minutes.
install_trivy & trivy_pid=$!
install_kics & kics_pid=$!
wait "$trivy_pid"
wait "$kics_pid"
t1=$(date +%s)
echo "referees: installed in $((t1 - t0))s"
[ "${1:-}" = install ] && exit 0
KICS_QUERIES="$KICS_QUERIES" TRIVY="$GOBIN_DIR/trivy" KICS="$GOBIN_DIR/kics" \
	go test -tags referees -count=1 -timeout 30m -v -run '^TestReferees$' ./examples/referees
echo "referees: ran in $(( $(date +%s) - t1 ))s"
