<!DOCTYPE html>
<html lang="{{ str_replace('_', '-', app()->getLocale()) }}">
    <head><title>Laravel</title></head>
    <body>Laravel</body>
</html>
