# shellcheck shell=bash
# .ci/standins/plugin-node.sh — the node stack's builder and slim runtime
# stand-in, sourced by .ci/standins.sh (see its plug-in comment):
#   node:20-bookworm-slim   debian + the host's Node 20 (binary, npm, corepack;
#                           NODE_BIN, default node on PATH), user node (1000),
#                           the host's CAs as NODE_EXTRA_CA_CERTS (node.Dockerfile)
# Its distroless runtime (nodejs20-debian12) is plugin-distroless.sh's.
T_NODE=node:20-bookworm-slim
ALL_TAGS+=("$T_NODE")
PLUGIN_BUILDS+=("$T_NODE build_node")
PLUGIN_CHECKS+=(check_node)

build_node() {
	local node ver prefix ctx
	node="${NODE_BIN:-$(command -v node || true)}"
	[ -n "$node" ] || die "no host node (set NODE_BIN)"
	node="$(readlink -f "$node")"
	ver="$("$node" --version)"
	ver="${ver#v}"
	case "$ver" in 20.*) ;; *) log "warning: host node is $ver, tagging it $T_NODE anyway" ;; esac
	prefix="$(dirname "$(dirname "$node")")"
	[ -d "$prefix/lib/node_modules/npm" ] || die "npm not found at $prefix/lib/node_modules/npm"
	ctx="$WORK/ctx-node"
	rm -rf "$ctx"
	mkdir -p "$ctx/usr/local/bin" "$ctx/usr/local/lib/node_modules" "$ctx/usr/local/include"
	cp -a "$node" "$ctx/usr/local/bin/node"
	cp -a "$prefix/lib/node_modules/npm" "$ctx/usr/local/lib/node_modules/"
	[ -d "$prefix/lib/node_modules/corepack" ] && cp -a "$prefix/lib/node_modules/corepack" "$ctx/usr/local/lib/node_modules/"
	[ -d "$prefix/include/node" ] && cp -a "$prefix/include/node" "$ctx/usr/local/include/"
	cp "$HERE/standins/node-entrypoint.sh" "$ctx/docker-entrypoint.sh"
	local ncas extra=""
	ncas="$(host_cas "$ctx")"
	[ "$ncas" -gt 0 ] && extra=/usr/local/share/ca-certificates/dockergen-host-cas.pem
	dbuild "$T_NODE" "$HERE/standins/node.Dockerfile" "$ctx" --build-arg NODE_VERSION="$ver" \
		--build-arg NODE_EXTRA_CA_CERTS="$extra" --label "$LABEL_KEY.host-cas=$ncas"
	rm -rf "$ctx"
}

check_node() {
	check "$T_NODE node" "$T_NODE" node -e 'require("node:http"); console.log(1, process.version)'
	check "$T_NODE npm" --tmpfs /tmp -e npm_config_cache=/tmp/.npm "$T_NODE" npm --version
	check "$T_NODE user node is 1000" "$T_NODE" id node
}
