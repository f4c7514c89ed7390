// Laravel.io's front-end entry (trimmed): Vite bundles it into public/build.
