import sqlite3

import click
from flask import current_app
from flask import g


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(
            current_app.config["DATABASE"], detect_types=sqlite3.PARSE_DECLTYPES
        )
        g.db.row_factory = sqlite3.Row

    return g.db


def init_app(app):
    app.teardown_appcontext(lambda e: g.pop("db", None))
