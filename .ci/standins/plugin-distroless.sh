# shellcheck shell=bash
# .ci/standins/plugin-distroless.sh — the distroless runtime stand-ins, shared
# by several stacks' distroless bases, sourced by .ci/standins.sh (see its
# plug-in comment). All are targets of distroless.Dockerfile, USER 65532:65532,
# no shell:
#   gcr.io/distroless/static-debian12:nonroot   FROM scratch, files only (go, binary)
#   gcr.io/distroless/base-debian12:nonroot     static + glibc + libssl (binary)
#   gcr.io/distroless/cc-debian12:nonroot       base + libgcc-s1, libstdc++6, libgomp1 (rust, java)
#   gcr.io/distroless/python3-debian12:nonroot  base + python3.11 and its stdlib/libs (python)
#   gcr.io/distroless/nodejs20-debian12:nonroot base + /nodejs/bin/node and its libs (node)
T_STATIC=gcr.io/distroless/static-debian12:nonroot
T_BASE=gcr.io/distroless/base-debian12:nonroot
T_CC=gcr.io/distroless/cc-debian12:nonroot
T_DPY=gcr.io/distroless/python3-debian12:nonroot
T_DNODE=gcr.io/distroless/nodejs20-debian12:nonroot
DISTROLESS_TAGS=("$T_STATIC" "$T_BASE" "$T_CC" "$T_DPY" "$T_DNODE")
ALL_TAGS+=("${DISTROLESS_TAGS[@]}")
PLUGIN_BUILDS+=("$T_STATIC build_static" "$T_BASE build_base" "$T_CC build_cc" "$T_DPY build_dpy" "$T_DNODE build_dnode")
PLUGIN_CHECKS+=(check_distroless)

# distroless TAG TARGET: one target of distroless.Dockerfile.
distroless() { dbuild "$1" "$HERE/standins/distroless.Dockerfile" "$HERE/standins" --target "$2"; }
build_static() { distroless "$T_STATIC" static; }
build_base() { distroless "$T_BASE" base; }
build_cc() { distroless "$T_CC" cc; }
build_dpy() { distroless "$T_DPY" python3; }
build_dnode() { distroless "$T_DNODE" nodejs20; }

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
	local tag
	for tag in "${DISTROLESS_TAGS[@]}"; do check_user "$tag" 65532:65532; done
	check_static_files "$T_STATIC"
	check "$T_DPY python3" "$T_DPY" -c 'import http.server,ssl,json,sys; print(sys.executable, sys.version.split()[0])'
	check "$T_DPY python3 as its own user" --user 65532:65532 "$T_DPY" -c 'import os,ssl; assert os.path.exists("/etc/ssl/certs/ca-certificates.crt"); print(os.getuid())'
	check "$T_DPY /usr/bin/python3" --entrypoint /usr/bin/python3 "$T_DPY" -c 'import ssl,zoneinfo; zoneinfo.ZoneInfo("Europe/Paris")'
	check "$T_DNODE node" "$T_DNODE" -e 'require("node:http"); console.log(process.execPath, process.version)'
	for tag in "${DISTROLESS_TAGS[@]}"; do check_no_shell "$tag"; done
}
