# Stand-ins for composer:2, php:8.2-apache-bookworm, php:8.2-fpm-bookworm,
# php:8.4-apache-trixie and php:8.4-fpm-trixie, built by .ci/standins.sh
# (plugin-php.sh) with --target composer, apache or fpm, FROM BASE (the
# release's debian stand-in) with PHP its PHP version. The Debian release's
# PHP packages (bookworm 8.2, trixie 8.4) instead of the official images'
# source builds, laid out where the generated Dockerfiles rely on it:
#   PHP_INI_DIR=/usr/local/etc/php holding php.ini-production and
#   php.ini-development (Debian's), conf.d scanned (PHP_INI_SCAN_DIR),
#   /usr/local/bin/php, user www-data (33), WORKDIR /var/www/html.
#   apache: Debian's apache2 (as in the official image) with
#   libapache2-mod-php8.2 under mpm_prefork, docker-php.conf, logs linked to
#   stdout/stderr, /usr/local/bin/apache2-foreground, STOPSIGNAL SIGWINCH.
#   fpm: /usr/local/sbin/php-fpm reading /usr/local/etc/php-fpm.conf and
#   php-fpm.d/{www,docker,zz-docker}.conf as in the official image (listen
#   9000, daemonize no, logs to stderr), STOPSIGNAL SIGQUIT.
#   composer: /usr/bin/composer (Debian's composer 2.5, not the latest 2.x),
#   COMPOSER_HOME=/tmp (so its cache is /tmp/cache), WORKDIR /app.
# Differences from the official images: PHP 8.2.x from Debian (not the latest
# 8.2 patch release), php.ini is found through PHPRC=/usr/local/etc/php and
# PHP_INI_SCAN_DIR=:/usr/local/etc/php/conf.d (the leading ':' keeps Debian's
# own per-SAPI conf.d, which loads Debian's shared extensions such as OPcache,
# ctype and tokenizer; the official images compile most of them in and leave
# OPcache off), extensions live in /usr/lib/php/20220829, no
# docker-php-ext-* helpers, no phpize or headers; the official composer image
# is Alpine-based with its own PHP, this one is Debian's php8.2-cli.
# Context: host-cas/ (the host's local CAs, may be empty; see .ci/standins.sh).
ARG BASE=debian:bookworm-slim
FROM ${BASE} AS php
# The release's PHP: 8.2 (bookworm), 8.4 (trixie).
ARG PHP=8.2
ENV PHP_INI_DIR=/usr/local/etc/php \
    PHPRC=/usr/local/etc/php \
    PHP_INI_SCAN_DIR=:/usr/local/etc/php/conf.d \
    PHP_VERSION=${PHP}
COPY host-cas/ /usr/local/share/ca-certificates/
RUN --mount=type=cache,id=dg-standin-apt-lists,target=/var/lib/apt/lists,sharing=locked \
    set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates netbase php$PHP_VERSION-cli php$PHP_VERSION-opcache php$PHP_VERSION-readline; \
    apt-get clean; \
    rm -rf /var/cache/apt/archives/*.deb; \
    update-ca-certificates; \
    mkdir -p "$PHP_INI_DIR/conf.d" /var/www/html; \
    cp /usr/lib/php/$PHP_VERSION/php.ini-production /usr/lib/php/$PHP_VERSION/php.ini-development "$PHP_INI_DIR/"; \
    ln -s /usr/bin/php$PHP_VERSION /usr/local/bin/php; \
    chown www-data:www-data /var/www/html; \
    chmod 1777 /var/www/html; \
    php --version; php --ini
WORKDIR /var/www/html
CMD ["php", "-a"]

FROM php AS composer
RUN --mount=type=cache,id=dg-standin-apt-lists,target=/var/lib/apt/lists,sharing=locked \
    set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends composer unzip git; \
    apt-get clean; \
    rm -rf /var/cache/apt/archives/*.deb; \
    composer --version
ENV COMPOSER_ALLOW_SUPERUSER=1 \
    COMPOSER_HOME=/tmp
WORKDIR /app
CMD ["composer"]

FROM php AS apache
ENV APACHE_CONFDIR=/etc/apache2 \
    APACHE_ENVVARS=/etc/apache2/envvars
COPY php-apache2-foreground /usr/local/bin/apache2-foreground
RUN --mount=type=cache,id=dg-standin-apt-lists,target=/var/lib/apt/lists,sharing=locked \
    set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends apache2 libapache2-mod-php$PHP_VERSION; \
    apt-get clean; \
    rm -rf /var/cache/apt/archives/*.deb; \
    # As the official image: envvars that the environment can override, the
    # run/lock/log directories writable by any user, logs to stdout/stderr.
    sed -ri 's/^export ([^=]+)=(.*)$/: ${\1:=\2}\nexport \1/' "$APACHE_ENVVARS"; \
    . "$APACHE_ENVVARS"; \
    for dir in "$APACHE_LOCK_DIR" "$APACHE_RUN_DIR" "$APACHE_LOG_DIR"; do \
      rm -rvf "$dir"; mkdir -p "$dir"; chown "$APACHE_RUN_USER:$APACHE_RUN_GROUP" "$dir"; chmod 1777 "$dir"; \
    done; \
    ln -sfT /dev/stderr "$APACHE_LOG_DIR/error.log"; \
    ln -sfT /dev/stdout "$APACHE_LOG_DIR/access.log"; \
    ln -sfT /dev/stdout "$APACHE_LOG_DIR/other_vhosts_access.log"; \
    chown -R --no-dereference "$APACHE_RUN_USER:$APACHE_RUN_GROUP" "$APACHE_LOG_DIR"; \
    a2dismod php$PHP_VERSION mpm_event >/dev/null 2>&1 || true; \
    a2enmod mpm_prefork php$PHP_VERSION; \
    { \
      echo '<FilesMatch \.php$>'; \
      echo '	SetHandler application/x-httpd-php'; \
      echo '</FilesMatch>'; \
      echo; \
      echo 'DirectoryIndex disabled'; \
      echo 'DirectoryIndex index.php index.html'; \
      echo; \
      echo '<Directory /var/www/>'; \
      echo '	Options -Indexes'; \
      echo '	AllowOverride All'; \
      echo '</Directory>'; \
    } > "$APACHE_CONFDIR/conf-available/docker-php.conf"; \
    a2enconf docker-php; \
    # mod_php's own handler config (.phar, .phtml, .phps) is replaced by docker-php.conf.
    rm -f "$APACHE_CONFDIR/mods-enabled/php$PHP_VERSION.conf"; \
    sed -ri -e 's!^(\s*CustomLog)\s+\S+!\1 /proc/self/fd/1!g' -e 's!^(\s*ErrorLog)\s+\S+!\1 /proc/self/fd/2!g' \
      "$APACHE_CONFDIR/sites-available/000-default.conf" "$APACHE_CONFDIR/apache2.conf"; \
    chmod 0755 /usr/local/bin/apache2-foreground; \
    apache2ctl -t
STOPSIGNAL SIGWINCH
WORKDIR /var/www/html
EXPOSE 80
CMD ["apache2-foreground"]

FROM php AS fpm
RUN --mount=type=cache,id=dg-standin-apt-lists,target=/var/lib/apt/lists,sharing=locked \
    set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends php$PHP_VERSION-fpm; \
    apt-get clean; \
    rm -rf /var/cache/apt/archives/*.deb; \
    mkdir -p /usr/local/sbin /usr/local/etc/php-fpm.d; \
    ln -s /usr/sbin/php-fpm$PHP_VERSION /usr/local/sbin/php-fpm; \
    # Debian's binary reads /etc/php/$PHP_VERSION/fpm/php-fpm.conf: point it at the
    # official layout.
    printf '%s\n' '[global]' 'include=/usr/local/etc/php-fpm.d/*.conf' > /usr/local/etc/php-fpm.conf; \
    ln -sf /usr/local/etc/php-fpm.conf /etc/php/$PHP_VERSION/fpm/php-fpm.conf; \
    printf '%s\n' '[www]' 'user = www-data' 'group = www-data' 'listen = 127.0.0.1:9000' 'pm = dynamic' \
      'pm.max_children = 5' 'pm.start_servers = 2' 'pm.min_spare_servers = 1' 'pm.max_spare_servers = 3' \
      > /usr/local/etc/php-fpm.d/www.conf; \
    printf '%s\n' '[global]' 'error_log = /proc/self/fd/2' 'log_limit = 8192' '' '[www]' \
      'access.log = /proc/self/fd/2' 'clear_env = no' 'catch_workers_output = yes' 'decorate_workers_output = no' \
      > /usr/local/etc/php-fpm.d/docker.conf; \
    printf '%s\n' '[global]' 'daemonize = no' '' '[www]' 'listen = 9000' > /usr/local/etc/php-fpm.d/zz-docker.conf; \
    rm -rf /etc/php/$PHP_VERSION/fpm/pool.d; \
    php-fpm --test
STOPSIGNAL SIGQUIT
WORKDIR /var/www/html
EXPOSE 9000
CMD ["php-fpm"]
