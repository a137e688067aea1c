"""/healthz: web and database, broker, worker; 200 only when every part is ok."""

from __future__ import annotations

import datetime
import socket
import time

import pytest
from django.core.cache import cache
from django.utils import timezone

from portal.celery import app
from portal.settings.env import file_storage
from portal.tasks import HEARTBEAT_KEY, heartbeat
from tests.storage import s3_environment, stored_names
from tests.workers import new_queue, start_worker, stop_worker, wait_for


def closed_port() -> int:
    """A port on this machine that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
def test_web_scope_checks_only_this_process_and_its_database(client):
    response = client.get("/healthz?scope=web")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"web", "database"}
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_no_heartbeat_means_the_worker_is_reported_down(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"]["status"] == "ok"
    assert checks["broker"]["status"] == "ok"
    assert checks["worker"] == {"status": "error", "error": "no heartbeat recorded"}


@pytest.mark.clock
@pytest.mark.django_db
def test_fresh_heartbeat_is_healthy_and_a_stale_one_is_not(client, settings):
    heartbeat()
    response = client.get("/healthz")
    assert response.status_code == 200, response.json()
    assert response.json()["checks"]["worker"]["status"] == "ok"
    old = timezone.now() - datetime.timedelta(
        seconds=settings.HEALTH_WORKER_MAX_AGE + 5
    )
    cache.set(HEARTBEAT_KEY, old.isoformat(), timeout=None)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"]["age_seconds"] > 300


@pytest.fixture
def redis_unreachable(settings):
    """Broker and cache pointed at a closed local port: a Redis that is down."""
    url = f"redis://127.0.0.1:{closed_port()}/0"
    saved = {"broker_url": app.conf.broker_url}
    app.conf.broker_url = url
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
        }
    }
    yield url
    app.conf.update(saved)


@pytest.mark.django_db
def test_redis_down_is_reported_quickly_as_503(client, redis_unreachable):
    started = time.monotonic()
    response = client.get("/healthz")
    assert time.monotonic() - started < 10
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"]["status"] == "ok"
    assert checks["broker"]["status"] == "error"
    assert "Connection" in checks["broker"]["error"]
    assert checks["worker"]["status"] == "error"
    # The web itself still answers its own check.
    assert client.get("/healthz?scope=web").status_code == 200


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_with_beat_makes_the_portal_healthy(client):
    assert client.get("/healthz").status_code == 503
    worker = start_worker(new_queue(), beat=True, env={"PORTAL_HEARTBEAT_SECONDS": "2"})
    try:
        assert wait_for(lambda: client.get("/healthz").status_code == 200, 90)
        body = client.get("/healthz").json()
        assert body["checks"]["worker"]["age_seconds"] <= 5
        assert worker.poll() is None
    finally:
        output = stop_worker(worker)
    assert "portal.tasks.heartbeat" in output


@pytest.mark.django_db
def test_the_file_storage_takes_returns_and_removes_a_probe(client, storage_backend):
    heartbeat()
    response = client.get("/healthz")
    assert response.status_code == 200, response.json()
    check = response.json()["checks"]["storage"]
    expected = {"filesystem": "FileSystemStorage", "s3": "S3Storage"}[storage_backend]
    assert check == {"status": "ok", "backend": expected}
    assert stored_names(folder="health") == []  # the probe is removed


@pytest.mark.django_db
def test_an_object_store_that_is_down_is_reported_as_503(
    client, settings, monkeypatch, s3_bucket
):
    heartbeat()
    for name, value in s3_environment(
        f"http://127.0.0.1:{closed_port()}", s3_bucket
    ).items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": file_storage(max_memory_size=262_144),
    }
    started = time.monotonic()
    response = client.get("/healthz")
    assert time.monotonic() - started < 30  # connection refused: no 60 s waits
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["storage"]["status"] == "error"
    assert "127.0.0.1" in checks["storage"]["error"]
    assert {checks[c]["status"] for c in ("database", "broker", "worker")} == {"ok"}
    # The web's own check does not depend on the object store.
    assert client.get("/healthz?scope=web").status_code == 200
