FROM php:8.3-fpm-alpine
RUN apk add --update git unzip
RUN curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin --filename=composer
WORKDIR /var/www
COPY composer.json composer.lock ./
RUN composer install --no-dev --optimize-autoloader
COPY . .
ENV DB_PASSWORD=secret APP_KEY=base64:Zm9vYmFyYmF6cXV4
USER www-data
CMD ["php-fpm"]
