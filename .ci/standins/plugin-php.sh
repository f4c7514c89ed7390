# shellcheck shell=bash
# plugin-php.sh — stand-ins of the php stack, sourced by .ci/standins.sh:
#   composer:2                  Debian bookworm's composer 2.5 on php8.2-cli (COMPOSER_HOME=/tmp)
#   php:8.2-apache-bookworm     Debian's apache2 + libapache2-mod-php8.2, official layout
#   php:8.2-fpm-bookworm        Debian's php8.2-fpm as /usr/local/sbin/php-fpm, official layout
#   php:8.4-apache-trixie       the same with Debian trixie's PHP 8.4
#   php:8.4-fpm-trixie          the same with Debian trixie's PHP 8.4
# All are targets of .ci/standins/php.Dockerfile (its header lists how they
# differ from the official images), labelled with the real PHP version
# (org.dockergen.standin.runtime, php --version). PHP 8.2 is Debian bookworm's
# and 8.4 trixie's, so the php example pins the version.
T_COMPOSER=composer:2
T_PHP_APACHE=php:8.2-apache-bookworm
T_PHP_FPM=php:8.2-fpm-bookworm
T_PHP_APACHE_TRIXIE=php:8.4-apache-trixie
T_PHP_FPM_TRIXIE=php:8.4-fpm-trixie
ALL_TAGS+=("$T_COMPOSER" "$T_PHP_APACHE" "$T_PHP_FPM" "$T_PHP_APACHE_TRIXIE" "$T_PHP_FPM_TRIXIE")
PLUGIN_BUILDS+=(
	"$T_COMPOSER php_standin $T_COMPOSER composer bookworm 8.2"
	"$T_PHP_APACHE php_standin $T_PHP_APACHE apache bookworm 8.2"
	"$T_PHP_FPM php_standin $T_PHP_FPM fpm bookworm 8.2"
	"$T_PHP_APACHE_TRIXIE php_standin $T_PHP_APACHE_TRIXIE apache trixie 8.4"
	"$T_PHP_FPM_TRIXIE php_standin $T_PHP_FPM_TRIXIE fpm trixie 8.4"
)
PLUGIN_CHECKS+=(check_php)

# php_standin TAG TARGET RELEASE PHP: one target of php.Dockerfile, with the host's CAs.
php_standin() {
	local tag="$1" target="$2" rel="$3" php="$4" ctx="$WORK/ctx-php" ncas
	rm -rf "$ctx"
	mkdir -p "$ctx"
	cp "$HERE/standins/php-apache2-foreground" "$ctx/php-apache2-foreground"
	ncas="$(host_cas "$ctx")"
	dbuild "$tag" "$HERE/standins/php.Dockerfile" "$ctx" --target "$target" \
		--build-arg BASE="$(debian_tag "$rel")" --build-arg PHP="$php" \
		--label "$LABEL_KEY.host-cas=$ncas" --label "$LABEL_KEY.php-version=$php (Debian $rel)"
	rm -rf "$ctx"
	runtime_label "$tag" --entrypoint php "$tag" --version
}

check_php() {
	local apache fpm
	check "$T_COMPOSER composer, COMPOSER_HOME" --tmpfs /tmp "$T_COMPOSER" sh -c 'composer --version --no-ansi 2>/dev/null | head -n1 && test "$COMPOSER_HOME" = /tmp && test -x /usr/bin/composer'
	for apache in "$T_PHP_APACHE" "$T_PHP_APACHE_TRIXIE"; do
		check "$apache php, ini layout, apache2 -t, www-data 33" "$apache" sh -c 'php -r "echo PHP_VERSION, \"\n\";" && test -f "$PHP_INI_DIR/php.ini-production" && test -d "$PHP_INI_DIR/conf.d" && apache2ctl -t 2>&1 && test -x /usr/local/bin/apache2-foreground && test "$(id -u www-data)" = 33'
	done
	for fpm in "$T_PHP_FPM" "$T_PHP_FPM_TRIXIE"; do
		check "$fpm php-fpm -t, ini layout" --tmpfs /tmp "$fpm" sh -c 'php -r "echo PHP_VERSION, \"\n\";" && php-fpm -t 2>&1 | tail -n1 && test -x /usr/local/sbin/php-fpm && test -f "$PHP_INI_DIR/php.ini-production" && test -f /usr/local/etc/php-fpm.d/zz-docker.conf'
	done
}
