# Gunicorn configuration file:
# https://docs.gunicorn.org/en/stable/configure.html
# https://docs.gunicorn.org/en/stable/settings.html

import os

# On Heroku, web dynos must bind to the port number specified via the `PORT` env var. This
# env var is set automatically for web dynos and also when using `heroku local` locally:
# https://devcenter.heroku.com/articles/dyno-startup-behavior#port-binding-of-web-dynos
bind = ["[::]:{}".format(os.environ.get("PORT", 5006))]

# The default `sync` worker is more suited to CPU/network-bandwidth bound workloads, so we
# instead use the thread based worker type for improved support of blocking I/O workloads:
worker_class = "gthread"

# gunicorn will start this many worker processes.
workers = os.environ.get("WEB_CONCURRENCY", 1)

# Each `gthread` worker process will use a pool of this many threads.
threads = 5

# Load the app before the worker processes are forked, to reduce memory usage and boot times.
preload_app = True

# Workers silent for more than this many seconds are killed and restarted.
timeout = 20

# After receiving a restart signal, workers have this much time to finish serving requests.
graceful_timeout = 20

# Enable logging of incoming requests to stdout.
accesslog = "-"
