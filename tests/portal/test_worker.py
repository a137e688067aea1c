"""A real Celery worker takes a task from the configured broker and answers it.

Without REDIS_URL this is the filesystem broker `make run` uses; in CI it is Redis.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from celery import Celery
from django.conf import settings

pytestmark = pytest.mark.slow


def _broker_config(var_dir: Path) -> dict[str, object]:
    redis_url = os.environ.get("REDIS_URL", "")
    if redis_url:
        return {"broker_url": redis_url, "result_backend": redis_url}
    queue = var_dir / "celery" / "queue"
    results = var_dir / "celery" / "results"
    for folder in (queue, var_dir / "celery" / "processed", results):
        folder.mkdir(parents=True, exist_ok=True)
    return {
        "broker_url": "filesystem://",
        "result_backend": f"file://{results}",
        "broker_transport_options": {
            "data_folder_in": str(queue),
            "data_folder_out": str(queue),
            "processed_folder": str(var_dir / "celery" / "processed"),
            "control_folder": str(var_dir / "celery" / "control"),
        },
    }


def test_worker_with_embedded_beat_answers_a_task(tmp_path):
    queue_name = f"probe-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "PORTAL_VAR_DIR": str(tmp_path),
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "portal",
            "worker",
            "--beat",
            "--pool=solo",
            "--loglevel=INFO",
            "-Q",
            queue_name,
            "--schedule",
            str(tmp_path / "beat-schedule"),
            "-n",
            f"{queue_name}@%h",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        # Not the current app: the outbox sends through ``current_app``.
        client = Celery("probe", set_as_current=False)
        client.conf.update(
            _broker_config(tmp_path), task_serializer="json", accept_content=["json"]
        )
        token = uuid.uuid4().hex
        result = client.send_task("portal.tasks.ping", args=[token], queue=queue_name)
        assert result.get(timeout=60) == f"pong:{token}"
    finally:
        worker.terminate()
        output, _ = worker.communicate(timeout=30)
    assert "portal.tasks.ping" in output
    assert "beat: Starting" in output
