<?php

declare(strict_types=1);

// The front controller of dockergen's PHP example: Apache sends every path
// that is not a file here (FallbackResource). No framework and no Composer
// packages; the class comes through Composer's autoloader, which the image
// build writes.
require __DIR__ . '/../vendor/autoload.php';

use App\Hello;

header('Content-Type: text/plain; charset=utf-8');
switch (parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH)) {
    case '/':
        echo Hello::greeting('php');
        break;
    case '/healthz':
        echo "ok\n";
        break;
    default:
        http_response_code(404);
        echo "not found\n";
}
