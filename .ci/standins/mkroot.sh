#!/bin/bash
# mkroot.sh OUT — runs inside the `files` stage of distroless.Dockerfile and
# lays out the files of each distroless stand-in, one layer each:
#   OUT/static    passwd/group (root 0, nobody 65534, nonroot 65532), nsswitch,
#                 os-release, netbase, CA bundle, zoneinfo, /tmp 1777, /root
#   OUT/home      /home/nonroot (copied with --chown 65532:65532)
#   OUT/base      glibc (libc6), libssl ($SSL_PACKAGE: libssl3 on Debian 12,
#                 libssl3t64 on 13), ld.so config + cache, C.UTF-8 locale
#   OUT/python3   /usr/bin/$PY (python3.11, python3.13; + python3 link), its
#                 stdlib (no .pyc, as in the real image) and the shared
#                 libraries it and its extension modules need (ldd)
#   OUT/nodejs    /nodejs/bin/node and the shared libraries it needs (ldd)
#   OUT/cc        libgcc-s1, libstdc++6, libgomp1 (what cc-debianV adds to base)
# Paths are canonicalised to /usr (Debian 12 and 13 are merged-/usr); base
# adds the /lib -> usr/lib and /lib64 -> usr/lib64 links.
set -euo pipefail
OUT="$1"
rm -rf "$OUT"
mkdir -p "$OUT"/{static,home,base,python3,nodejs,cc}
declare -A DONE=()

# put DEST PATH: copy PATH (file or symlink, following symlink chains, parent
# directories canonicalised) into DEST unless an earlier layer has it.
put() {
	local dest="$1" p="$2" dir canon target
	dir="$(readlink -f "$(dirname "$p")")"
	canon="$dir/$(basename "$p")"
	[ -n "${DONE[$canon]:-}" ] && return 0
	[ -e "$canon" ] || [ -L "$canon" ] || { echo "mkroot: missing $p" >&2; return 1; }
	DONE[$canon]=1
	if [ -d "$canon" ] && [ ! -L "$canon" ]; then mkdir -p "$dest$canon"; return 0; fi
	mkdir -p "$dest$dir"
	cp -a "$canon" "$dest$dir/"
	if [ -L "$canon" ]; then
		target="$(readlink "$canon")"
		case "$target" in /*) ;; *) target="$dir/$target" ;; esac
		put "$dest" "$target"
	fi
}
# put_libs DEST FILE...: the shared libraries FILEs need, per ldd.
put_libs() {
	local dest="$1" lib
	shift
	for lib in $(ldd "$@" 2>/dev/null | awk '/=> \// {print $3} /^\t\/[^ ]+ \(/ {print $1}' | sort -u); do
		put "$dest" "$lib"
	done
}
# put_pkg DEST PKG [EXCLUDE-REGEX]: every file and symlink of a Debian package.
put_pkg() {
	local dest="$1" pkg="$2" skip="${3:-^$}" f
	while read -r f; do
		[ -d "$f" ] && continue # directories (and the /lib, /lib64 links) come with their files
		[[ "$f" =~ $skip ]] && continue
		[[ "$f" =~ ^/usr/share/(doc|man|lintian|bug)/ ]] && continue
		[ -e "$f" ] || [ -L "$f" ] || continue
		put "$dest" "$f"
	done < <(dpkg -L "$pkg")
}

# ---- static ----
S="$OUT/static"
mkdir -p "$S"/{etc/ssl/certs,tmp,root,var/lib,usr/share,usr/lib}
cat >"$S/etc/passwd" <<'P'
root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
P
cat >"$S/etc/group" <<'G'
root:x:0:
tty:x:5:
staff:x:50:
nobody:x:65534:
nonroot:x:65532:
G
cat >"$S/etc/nsswitch.conf" <<'N'
passwd:         files
group:          files
shadow:         files
gshadow:        files

hosts:          files dns
networks:       files

protocols:      files
services:       files
ethers:         files
rpc:            files
N
cp /etc/ssl/certs/ca-certificates.crt "$S/etc/ssl/certs/ca-certificates.crt"
cp -a /usr/share/zoneinfo "$S/usr/share/zoneinfo"
cp /etc/services /etc/protocols /etc/ethertypes "$S/etc/" 2>/dev/null || cp /etc/services /etc/protocols "$S/etc/"
cp /usr/lib/os-release "$S/usr/lib/os-release"
ln -s ../usr/lib/os-release "$S/etc/os-release"
chmod 1777 "$S/tmp"
chmod 700 "$S/root"
mkdir -p "$OUT/home/nonroot"
chmod 700 "$OUT/home/nonroot"

# ---- base ----
B="$OUT/base"
ln -s usr/lib "$B/lib"
ln -s usr/lib64 "$B/lib64"
put_pkg "$B" libc6 '/gconv/'
put_pkg "$B" "${SSL_PACKAGE:-libssl3}"
mkdir -p "$B/etc/ld.so.conf.d" "$B/usr/lib/locale"
cp /etc/ld.so.conf "$B/etc/"
cp /etc/ld.so.conf.d/*.conf "$B/etc/ld.so.conf.d/" 2>/dev/null || true
cp -a /usr/lib/locale/C.utf8 "$B/usr/lib/locale/" 2>/dev/null || true

# ---- python3 (base + the interpreter, stdlib, libs) ----
P3="$OUT/python3"
PY="${PY:-python3.11}" # the release's: python3.11, python3.13
put "$P3" "/usr/bin/$PY"
mkdir -p "$P3/usr/bin" "$P3/usr/lib/python3/dist-packages" "$P3/etc"
ln -s "$PY" "$P3/usr/bin/python3"
cp -a "/usr/lib/$PY" "$P3/usr/lib/$PY"
rm -rf "$P3/usr/lib/$PY/test" "$P3/usr/lib/$PY/idlelib" "$P3/usr/lib/$PY/tkinter" \
	"$P3/usr/lib/$PY/ensurepip" "$P3/usr/lib/$PY/lib2to3/tests"
# Real distroless ships the .deb files only: no .pyc (distroless#865).
find "$P3/usr/lib/$PY" -depth -name __pycache__ -type d -exec rm -rf {} +
[ -d "/etc/$PY" ] && cp -a "/etc/$PY" "$P3/etc/$PY"
# Seed DONE with base's files so python3 carries only what base lacks.
while read -r f; do DONE["/$f"]=1; done < <(cd "$B" && find . -not -type d | sed 's|^\./||')
put_libs "$P3" "/usr/bin/$PY" "/usr/lib/$PY"/lib-dynload/*.so

# ---- nodejs ----
N="$OUT/nodejs"
mkdir -p "$N/nodejs/bin"
cp -a /nodejs/bin/node "$N/nodejs/bin/node"
put_libs "$N" /nodejs/bin/node

# ---- cc (base + the GCC runtime libraries: Rust, C and C++ programs) ----
# A fresh DONE seeded with base's files: python3 and nodejs took these
# libraries into their own layers already.
CC="$OUT/cc"
DONE=()
while read -r f; do DONE["/$f"]=1; done < <(cd "$B" && find . -not -type d | sed 's|^\./||')
put_pkg "$CC" libgcc-s1
put_pkg "$CC" libstdc++6 '^/usr/share/(gcc|gdb)/'
put_pkg "$CC" libgomp1

# ld.so.cache for each final image (base alone, base+python3, base+nodejs, base+cc).
mk_cache() {
	local name="$1" tmp
	tmp="$(mktemp -d)"
	cp -a "$B/." "$tmp/"
	[ "$name" = base ] || cp -a "$OUT/$name/." "$tmp/"
	ldconfig -r "$tmp" 2>/dev/null || ldconfig -r "$tmp"
	mkdir -p "$OUT/$name/etc"
	cp "$tmp/etc/ld.so.cache" "$OUT/$name/etc/ld.so.cache"
	rm -rf "$tmp"
}
mk_cache base
mk_cache python3
mk_cache nodejs
mk_cache cc

for d in static home base python3 nodejs cc; do
	printf 'mkroot: %-9s %6s  %s files\n' "$d" "$(du -sh "$OUT/$d" | cut -f1)" "$(find "$OUT/$d" -not -type d | wc -l)"
done
