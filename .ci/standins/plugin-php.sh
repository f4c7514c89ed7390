# shellcheck shell=bash
# plugin-php.sh — stand-ins of the php stack, sourced by .ci/standins.sh:
#   composer:2                  Debian's composer 2.5 on php8.2-cli (COMPOSER_HOME=/tmp)
#   php:8.2-apache-bookworm     Debian's apache2 + libapache2-mod-php8.2, official layout
#   php:8.2-fpm-bookworm        Debian's php8.2-fpm as /usr/local/sbin/php-fpm, official layout
# All three are targets of .ci/standins/php.Dockerfile (its header lists how
# they differ from the official images). PHP 8.2 is Debian bookworm's, so the
# php example pins version 8.2.
T_COMPOSER=composer:2
T_PHP_APACHE=php:8.2-apache-bookworm
T_PHP_FPM=php:8.2-fpm-bookworm
ALL_TAGS+=("$T_COMPOSER" "$T_PHP_APACHE" "$T_PHP_FPM")
PLUGIN_BUILDS+=("$T_COMPOSER build_php_composer" "$T_PHP_APACHE build_php_apache" "$T_PHP_FPM build_php_fpm")
PLUGIN_CHECKS+=(check_php)

# php_standin TAG TARGET: one target of php.Dockerfile, with the host's CAs.
php_standin() {
	local ctx="$WORK/ctx-php" ncas
	rm -rf "$ctx"
	mkdir -p "$ctx"
	cp "$HERE/standins/php-apache2-foreground" "$ctx/php-apache2-foreground"
	ncas="$(host_cas "$ctx")"
	dbuild "$1" "$HERE/standins/php.Dockerfile" "$ctx" --target "$2" --label "$LABEL_KEY.host-cas=$ncas" \
		--label "$LABEL_KEY.php-version=8.2 (Debian bookworm)"
	rm -rf "$ctx"
}
build_php_composer() { php_standin "$T_COMPOSER" composer; }
build_php_apache() { php_standin "$T_PHP_APACHE" apache; }
build_php_fpm() { php_standin "$T_PHP_FPM" fpm; }

check_php() {
	check "$T_COMPOSER composer, COMPOSER_HOME" --tmpfs /tmp "$T_COMPOSER" sh -c 'composer --version --no-ansi 2>/dev/null | head -n1 && test "$COMPOSER_HOME" = /tmp && test -x /usr/bin/composer'
	check "$T_PHP_APACHE php, ini layout, apache2 -t, www-data 33" "$T_PHP_APACHE" sh -c 'php -r "echo PHP_VERSION, \"\n\";" && test -f "$PHP_INI_DIR/php.ini-production" && test -d "$PHP_INI_DIR/conf.d" && apache2ctl -t 2>&1 && test -x /usr/local/bin/apache2-foreground && test "$(id -u www-data)" = 33'
	check "$T_PHP_FPM php-fpm -t, ini layout" --tmpfs /tmp "$T_PHP_FPM" sh -c 'php-fpm -t 2>&1 | tail -n1 && test -x /usr/local/sbin/php-fpm && test -f "$PHP_INI_DIR/php.ini-production" && test -f /usr/local/etc/php-fpm.d/zz-docker.conf'
}
