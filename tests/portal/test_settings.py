"""Settings are read at start-up: each test starts a fresh interpreter."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "DJANGO_SECRET_KEY": "x7#p2!k9vQz$4mWn8rTy6uBc1dEf3gHj5k"
    "Lm7nPq9sRt0vWx2yZa4bCd6eFg8hJ",
    "DJANGO_ALLOWED_HOSTS": "peduliham.example.go.id",
    "DATABASE_URL": "sqlite:////tmp/portal-deploy-check.sqlite3",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "EVIDENCE_", "EMAIL_"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_profile_passes_deploy_check():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"DJANGO_SECRET_KEY": None}, "DJANGO_SECRET_KEY"),
        ({"EVIDENCE_MAX_FILE_MB": "dua puluh"}, "EVIDENCE_MAX_FILE_MB"),
        ({"EVIDENCE_MAX_FILE_MB": "0"}, "EVIDENCE_MAX_FILE_MB"),
        ({"EVIDENCE_MAX_ANSWER_MB": "5"}, "EVIDENCE_MAX_ANSWER_MB"),
        ({"DATABASE_URL": "mysql://root@localhost/portal"}, "DATABASE_URL"),
        ({"DATABASE_URL": "bukan-url"}, "DATABASE_URL"),
        ({"DJANGO_DEBUG": "mungkin"}, "DJANGO_DEBUG"),
        ({"AXES_FAILURE_LIMIT": "-3"}, "AXES_FAILURE_LIMIT"),
        ({"STORAGE_BACKEND": "ftp"}, "STORAGE_BACKEND"),
        ({"STORAGE_BACKEND": "s3"}, "S3_BUCKET"),
        ({"DOWNLOAD_REDIRECT_SECONDS": "86400"}, "DOWNLOAD_REDIRECT_SECONDS"),
    ],
)
def test_bad_or_missing_setting_fails_naming_it(change, named):
    env = {**PRODUCTION_ENV, **{k: v for k, v in change.items() if v is not None}}
    for key in (k for k, v in change.items() if v is None):
        env.pop(key)
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert named in result.stderr
