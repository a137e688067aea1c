"""Starting real Celery workers for tests: the same command production runs."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.db import connection

from portal.celery import app


def database_url() -> str:
    """The test database as a URL, so a worker process opens the same one."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    host = db["HOST"] or "127.0.0.1"
    return f"postgres://{auth}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


def new_queue() -> str:
    return f"test-{uuid.uuid4().hex[:8]}"


def start_worker(
    queue: str,
    *,
    beat: bool = False,
    env: dict[str, str] | None = None,
    processes: int = 1,
) -> subprocess.Popen[str]:
    """A worker on its own queue (beat, if any, sends to that queue too): one solo
    process, or a prefork pool of ``processes`` as docker-compose runs it."""
    pool = ["--pool=solo"] if processes == 1 else ["--pool=prefork", f"-c{processes}"]
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "portal",
        "worker",
        *pool,
        "--loglevel=INFO",
        "-Q",
        queue,
        "-n",
        f"{queue}@%h",
    ]
    if beat:
        # A clean checkout on PostgreSQL has no var/ yet: beat keeps its schedule there.
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        command += ["--beat", "--schedule", str(settings.VAR_DIR / f"beat-{queue}")]
    return subprocess.Popen(
        command,
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "CELERY_TASK_DEFAULT_QUEUE": queue,
            "DATABASE_URL": database_url(),
            "PORTAL_VAR_DIR": str(settings.VAR_DIR),
            **(env or {}),
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        # Its own process group: a prefork pool's children can be stopped with it.
        start_new_session=True,
    )


def stop_worker(process: subprocess.Popen[str], *, echo: bool = True) -> str:
    """Stop the worker and return its log (the end is shown when a test fails)."""
    if process.poll() is None:
        process.terminate()
    try:
        output, _ = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        # A warm shutdown that does not end (a busy machine, a stuck pool child).
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate(timeout=30)
    if echo:
        sys.stderr.write(output[-3000:])
    return output


def wait_for(condition: Callable[[], bool], seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def send_to(queue: str, name: str, *args: object):
    """Send a task by name to a worker's queue, as beat or another process would."""
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False  # send_task never runs in-process anyway
    try:
        return app.send_task(name, args=list(args), queue=queue)
    finally:
        app.conf.task_always_eager = eager
