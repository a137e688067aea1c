"""The load harness itself, briefly: a few users against gunicorn, then the check.

On PostgreSQL (DATABASE_URL) the harness gets a database of its own next to the test
database; otherwise SQLite. Speed is judged by `make load`, never here: this test asks
only that nothing failed and nothing acknowledged was lost.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import environ
import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent.parent


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return "sqlite://"
    config = environ.Env.db_url_config(url)
    user = config["USER"] + (f":{config['PASSWORD']}" if config["PASSWORD"] else "")
    port = config["PORT"] or 5432
    return f"postgres://{user}@{config['HOST']}:{port}/{config['NAME']}_harness"


def test_a_short_run_loses_nothing(tmp_path):
    summary = tmp_path / "summary.json"
    env = {
        **os.environ,
        "LOAD_USERS": "5",
        "LOAD_VERIFIERS": "1",
        # One pair of colleagues on one answer: the conflict path is always taken.
        "LOAD_PAIRS": "1",
        "LOAD_SHARED_ANSWERS": "1",
        "LOAD_DURATION": "10",
        "LOAD_OPEN_ALL": "false",
        "LOAD_WORKERS": "2",
        "LOAD_DATABASE_URL": _database_url(),
        "LOAD_REDIS_URL": os.environ.get("REDIS_URL", ""),
        "LOAD_SUMMARY": str(summary),
    }
    run = subprocess.run(
        [sys.executable, "-m", "load.run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert summary.exists(), run.stdout + run.stderr
    figures = json.loads(summary.read_text())
    assert figures["signed_in"] == figures["users"] == 8, run.stdout
    assert figures["errors"] == 0, run.stdout
    assert figures["saves"] > 0, run.stdout
    assert figures["answers_saved"] > 0, run.stdout
    assert figures["lost"] == figures["version_drift"] == 0, run.stdout
    assert figures["foreign_edits"] == 0, run.stdout
    assert figures["files_acked"] >= 5, run.stdout  # one per operator at least
    assert figures["files_missing"] == 0, run.stdout
    assert figures["shared_saves"] > 0 and figures["conflicts_shown"] > 0, run.stdout
    assert figures["overwritten"] == 0, run.stdout
