# shellcheck shell=bash
# .ci/standins/plugin-distroless.sh — the distroless runtime stand-ins, shared
# by several stacks' distroless bases, sourced by .ci/standins.sh (see its
# plug-in comment). All are targets of distroless.Dockerfile, USER 65532:65532,
# no shell, one set per Debian release (debian12 = bookworm, debian13 = trixie):
#   gcr.io/distroless/static-debianV:nonroot   FROM scratch, files only (go, binary)
#   gcr.io/distroless/base-debianV:nonroot     static + glibc + libssl (binary)
#   gcr.io/distroless/cc-debianV:nonroot       base + libgcc-s1, libstdc++6, libgomp1 (rust, java)
#   gcr.io/distroless/python3-debianV:nonroot  base + the release's python3 (3.11, 3.13),
#                                              its stdlib and libs (python)
#   gcr.io/distroless/nodejsN-debianV:nonroot  base + /nodejs/bin/node from the release's
#                                              node stand-in (20 on 12, 26 on 13) and its libs
# Each entry of DISTROLESS: release, python3.X, libssl package, node major,
# node stand-in (plugin-node.sh's; `need` builds it first). Every image is
# labelled with its runtime (python3/node --version, else the Debian release
# and glibc).
DISTROLESS=(
	"bookworm python3.11 libssl3 20 node:20-bookworm-slim"
	"trixie python3.13 libssl3t64 26 node:26-trixie-slim"
)
DISTROLESS_TAGS=()
DISTROLESS_CHECKS=() # "release python-tag node-tag"
for d in "${DISTROLESS[@]}"; do
	read -r rel py ssl nmajor nimage <<<"$d"
	v="$(debian_version "$rel")"
	for target in static base cc python3 "nodejs$nmajor"; do
		tag="gcr.io/distroless/$target-debian$v:nonroot"
		DISTROLESS_TAGS+=("$tag")
		PLUGIN_BUILDS+=("$tag build_distroless $tag $rel $py $ssl $nimage ${target%"$nmajor"}")
	done
	DISTROLESS_CHECKS+=("$rel gcr.io/distroless/python3-debian$v:nonroot gcr.io/distroless/nodejs$nmajor-debian$v:nonroot gcr.io/distroless/static-debian$v:nonroot")
done
unset d rel py ssl nmajor nimage v target tag
ALL_TAGS+=("${DISTROLESS_TAGS[@]}")
PLUGIN_CHECKS+=(check_distroless)

# build_distroless TAG RELEASE PY SSL NODE_IMAGE TARGET: one target of
# distroless.Dockerfile.
build_distroless() {
	local tag="$1" rel="$2" py="$3" ssl="$4" nimage="$5" target="$6"
	need "$nimage"
	dbuild "$tag" "$HERE/standins/distroless.Dockerfile" "$HERE/standins" --target "$target" \
		--build-arg BASE="$(debian_tag "$rel")" --build-arg NODE_IMAGE="$nimage" \
		--build-arg PY="$py" --build-arg SSL_PACKAGE="$ssl"
	case "$target" in
	python3 | nodejs) runtime_label "$tag" "$tag" --version ;;
	*) runtime_label "$tag" --entrypoint bash "$(debian_tag "$rel")" -c \
		'. /etc/os-release; printf %s "$PRETTY_NAME"; [ "$1" = static ] || printf ", glibc %s" "$(getconf GNU_LIBC_VERSION | cut -d" " -f2)"; echo' - "$target" ;;
	esac
}

# check_static_files TAG: nothing runs in static, so inspect its file system.
check_static_files() {
	local tag="$1" cid listing want missing=""
	cid="$("$DOCKER" create "$tag" /none)"
	listing="$("$DOCKER" export "$cid" | tar --numeric-owner -tvf - 2>/dev/null)"
	"$DOCKER" rm "$cid" >/dev/null
	for want in etc/passwd etc/group etc/nsswitch.conf etc/ssl/certs/ca-certificates.crt \
		usr/share/zoneinfo/UTC usr/share/zoneinfo/Europe/Paris etc/os-release; do
		grep -qE " $want(/| |\$)" <<<"$listing" || missing="$missing $want"
	done
	grep -qE '^drwxrwxrwt .* tmp/?$' <<<"$listing" || missing="$missing tmp(1777)"
	grep -qE '^d[rwx-]{9} 65532/65532 .* home/nonroot/?$' <<<"$listing" || missing="$missing home/nonroot(65532)"
	grep -qE ' (usr/)?bin/(ba)?sh$' <<<"$listing" && missing="$missing (has-a-shell!)"
	if [ -z "$missing" ]; then log "ok   $tag files (passwd, certs, zoneinfo, /tmp 1777, /home/nonroot 65532, no shell)"
	else log "FAIL $tag files:$missing"; FAILED=1; fi
}

check_distroless() {
	local tag c rel dpy dnode dstatic
	for tag in "${DISTROLESS_TAGS[@]}"; do check_user "$tag" 65532:65532; done
	for c in "${DISTROLESS_CHECKS[@]}"; do
		read -r rel dpy dnode dstatic <<<"$c"
		check_static_files "$dstatic"
		check "$dpy python3" "$dpy" -c 'import http.server,ssl,json,sys; print(sys.executable, sys.version.split()[0])'
		check "$dpy python3 as its own user" --user 65532:65532 "$dpy" -c 'import os,ssl; assert os.path.exists("/etc/ssl/certs/ca-certificates.crt"); print(os.getuid())'
		check "$dpy /usr/bin/python3" --entrypoint /usr/bin/python3 "$dpy" -c 'import ssl,zoneinfo; zoneinfo.ZoneInfo("Europe/Paris")'
		check "$dnode node" "$dnode" -e 'require("node:http"); console.log(process.execPath, process.version)'
	done
	for tag in "${DISTROLESS_TAGS[@]}"; do check_no_shell "$tag"; done
}
