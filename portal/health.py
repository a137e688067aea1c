"""Health of the moving parts: web (+ database), broker, worker and file storage.

Each check returns a small dict with ``status`` "ok" or "error" and never raises:
a health endpoint that crashes tells the load balancer nothing.
"""

from __future__ import annotations

import datetime
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.db import connection
from django.utils import timezone

from portal.celery import app
from portal.tasks import HEARTBEAT_KEY

Check = dict[str, Any]


def _error(exc: BaseException) -> Check:
    return {"status": "error", "error": f"{type(exc).__name__}: {exc}"[:300]}


def database() -> Check:
    """The web process can run a query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return _error(exc)
    return {"status": "ok", "vendor": connection.vendor}


def broker() -> Check:
    """Redis answers a connection, or the filesystem broker's queue folder is writable."""
    url = str(app.conf.broker_url or "")
    if url.startswith("filesystem://"):
        folder = Path(app.conf.broker_transport_options["data_folder_in"])
        probe = folder / f".health-{uuid.uuid4().hex}"
        try:
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            return _error(exc)
        return {"status": "ok", "transport": "filesystem"}
    try:
        with app.connection_for_write(connect_timeout=settings.HEALTH_TIMEOUT) as conn:
            conn.ensure_connection(
                max_retries=1, interval_start=0, timeout=settings.HEALTH_TIMEOUT
            )
            transport = conn.transport_cls
    except Exception as exc:
        return _error(exc)
    return {"status": "ok", "transport": str(transport)}


def storage() -> Check:
    """The file storage (the local folder or the S3 bucket every node shares) takes,
    returns and removes a small probe: uploads, previews and exports need all three."""
    probe = b"peduliham-health"
    try:
        name = default_storage.save(
            f"health/{uuid.uuid4().hex}.txt", ContentFile(probe)
        )
        try:
            with default_storage.open(name, "rb") as stored:
                returned = stored.read()
        finally:
            default_storage.delete(name)
    except Exception as exc:
        return _error(exc)
    if returned != probe:
        return {"status": "error", "error": "the probe came back different"}
    return {"status": "ok", "backend": type(storages["default"]).__name__}


def worker(now: datetime.datetime | None = None) -> Check:
    """A worker ran the beat-scheduled heartbeat task recently enough."""
    try:
        raw = cache.get(HEARTBEAT_KEY)
    except Exception as exc:
        return _error(exc)
    if not raw:
        return {"status": "error", "error": "no heartbeat recorded"}
    last = datetime.datetime.fromisoformat(raw)
    age = ((now or timezone.now()) - last).total_seconds()
    limit = settings.HEALTH_WORKER_MAX_AGE
    return {
        "status": "ok" if age <= limit else "error",
        "last_heartbeat": raw,
        "age_seconds": round(age),
        "max_age_seconds": limit,
    }


def report(*, scope: str = "all") -> Check:
    """``web``: the web process and its database only; ``all``: also broker, worker
    and file storage."""
    checks = {"web": {"status": "ok"}, "database": database()}
    if scope != "web":
        checks["storage"] = storage()
        checks["broker"] = broker()
        checks["worker"] = worker()
    healthy = all(c["status"] == "ok" for c in checks.values())
    return {"status": "ok" if healthy else "error", "checks": checks}
