# shellcheck shell=bash
# .ci/standins/plugin-nginx.sh — the static stack's runtime stand-in, sourced
# by .ci/standins.sh (see its plug-in comment):
#   nginx:1.27-bookworm   debian + Debian's nginx 1.22.1 (labelled so), the
#                         official layout, user nginx (101) (nginx.Dockerfile)
T_NGINX=nginx:1.27-bookworm
ALL_TAGS+=("$T_NGINX")
PLUGIN_BUILDS+=("$T_NGINX build_nginx")
PLUGIN_CHECKS+=(check_nginx)

build_nginx() { dbuild "$T_NGINX" "$HERE/standins/nginx.Dockerfile" "$HERE/standins"; }

check_nginx() {
	check "$T_NGINX nginx, layout, user nginx is 101" "$T_NGINX" sh -c 'nginx -v 2>&1; test -x /usr/sbin/nginx && test -f /etc/nginx/mime.types && test -f /usr/share/nginx/html/index.html && id -u nginx'
}
