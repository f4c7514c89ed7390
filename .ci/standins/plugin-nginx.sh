# shellcheck shell=bash
# .ci/standins/plugin-nginx.sh — the static stack's runtime stand-ins, sourced
# by .ci/standins.sh (see its plug-in comment):
#   nginx:1.27-bookworm   debian + Debian bookworm's nginx 1.22.1
#   nginx:1.30-trixie     debian + Debian trixie's nginx 1.26
# Both labelled with the real version (org.dockergen.standin.nginx-version and
# .runtime, nginx -v), the official layout, user nginx (101) (nginx.Dockerfile).
T_NGINX=nginx:1.27-bookworm
T_NGINX_TRIXIE=nginx:1.30-trixie
ALL_TAGS+=("$T_NGINX" "$T_NGINX_TRIXIE")
PLUGIN_BUILDS+=("$T_NGINX build_nginx $T_NGINX bookworm" "$T_NGINX_TRIXIE build_nginx $T_NGINX_TRIXIE trixie")
PLUGIN_CHECKS+=(check_nginx)

# build_nginx TAG RELEASE
build_nginx() {
	local tag="$1" rel="$2"
	dbuild "$tag" "$HERE/standins/nginx.Dockerfile" "$HERE/standins" --build-arg BASE="$(debian_tag "$rel")" \
		--build-arg TAGGED="${tag#nginx:}" --build-arg RELEASE="$rel"
	runtime_label "$tag" "$tag" nginx -v
}

check_nginx() {
	local tag
	for tag in "$T_NGINX" "$T_NGINX_TRIXIE"; do
		check "$tag nginx, layout, user nginx is 101" "$tag" sh -c 'nginx -v 2>&1; test -x /usr/sbin/nginx && test -f /etc/nginx/mime.types && test -f /usr/share/nginx/html/index.html && id -u nginx'
	done
}
