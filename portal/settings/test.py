"""Test profile: SQLite unless DATABASE_URL is set (CI sets PostgreSQL and Redis)."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-insecure-key")
os.environ.setdefault("DEMO_DATA_ALLOWED", "true")


def _isolate_xdist_worker() -> None:
    """Under pytest-xdist each worker process gets its own var/ folder (SQLite test
    database, file cache, filesystem broker, beat schedules) and its own Redis
    database, so one worker's ``cache.clear()`` never wipes another's rate counters,
    heartbeats or locks. The environment is rewritten, not only the settings, so
    the Celery workers and servers a test starts inherit the same places; the
    marker keeps those processes from moving a second time."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw") or os.environ.get("PORTAL_TEST_WORKER") == worker:
        return
    index = int(worker[2:])
    base = Path(
        os.environ.get("PORTAL_VAR_DIR", Path(__file__).resolve().parents[2] / "var")
    )
    os.environ["PORTAL_VAR_DIR"] = str(base / "xdist" / worker)
    redis_url = os.environ.get("REDIS_URL", "")
    if redis_url:
        parts = urlsplit(redis_url)
        db = int(parts.path.strip("/") or 0)
        # Databases 0-15: the base one stays free for the main process.
        path = f"/{(db + 1 + index) % 16}"
        os.environ["REDIS_URL"] = urlunsplit(parts._replace(path=path))
    os.environ["PORTAL_TEST_WORKER"] = worker


_isolate_xdist_worker()

from portal.settings.base import *  # noqa: E402, F403
from portal.settings.env import flag  # noqa: E402

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run in-process unless a test starts a real worker on purpose.
CELERY_TASK_ALWAYS_EAGER = flag("CELERY_TASK_ALWAYS_EAGER", True)
CELERY_TASK_EAGER_PROPAGATES = True

# A file, not memory, for SQLite test databases: the real-worker tests start Celery
# workers in other processes that must see the same data.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-portal.sqlite3")}  # noqa: F405

# The access matrix and the crawls read the API many times from one address; the
# throttling tests set their own low rates.
OPEN_DATA_RATES = {"anonymous": "100000/min", "partner": "100000/min"}
