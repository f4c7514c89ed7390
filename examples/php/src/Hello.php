<?php

declare(strict_types=1);

namespace App;

/** Hello answers the example's front page. */
final class Hello
{
    public static function greeting(string $stack): string
    {
        return "hello from {$stack}\n";
    }
}
