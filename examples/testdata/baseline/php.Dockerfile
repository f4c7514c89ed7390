# The naive baseline for the PHP example (see go.Dockerfile). Never use this:
# one stage on the Composer image, root, ADD, dev packages and the Composer
# cache in the image, PHP's built-in development server.
FROM composer:2
WORKDIR /app
ADD . /app
RUN composer install
EXPOSE 8080
CMD ["php", "-S", "0.0.0.0:8080", "-t", "public"]
