"""Start Django for a benchmark on a throw-away database (never the portal's own)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def django_for_bench() -> Path:
    """Configure settings on a fresh temporary var dir; returns that dir.

    BENCH_DATABASE_URL selects another database (e.g. PostgreSQL); its tables are
    created by migrate and emptied first.
    """
    var_dir = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    os.environ["PORTAL_VAR_DIR"] = str(var_dir)
    os.environ["MEDIA_ROOT"] = str(var_dir / "media")
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver,localhost"
    if os.environ.get("BENCH_DATABASE_URL"):
        os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
        postgres_database_create(os.environ["BENCH_DATABASE_URL"])
    else:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    return var_dir


def postgres_database_create(url: str, *, fresh: bool = False) -> None:
    """Create a PostgreSQL database if it does not exist yet (``fresh``: drop it first).

    A no-op for other engines.
    """
    import environ
    import psycopg2
    from psycopg2 import sql

    config = environ.Env.db_url_config(url)
    if not config["ENGINE"].endswith("postgresql"):
        return
    admin = psycopg2.connect(
        dbname="postgres",
        user=config["USER"],
        password=config["PASSWORD"],
        host=config["HOST"],
        port=config["PORT"] or 5432,
    )
    admin.autocommit = True
    name = sql.Identifier(config["NAME"])
    with admin.cursor() as cursor:
        if fresh:
            cursor.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name)
            )
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(name))
    admin.close()
