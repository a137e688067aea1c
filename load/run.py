"""Deadline day on one machine: prepare the database, serve it with gunicorn, run the
simulated users, then check the database against what the clients were told.

`make load` runs `python -m load.run`; the exit status is 0 only when every goal is met.
Settings (environment): LOAD_USERS (OPD operators, 50), LOAD_VERIFIERS (5),
LOAD_PAIRS (pairs of operators of one OPD typing into the same answers; one per 25
operators) and LOAD_SHARED_ANSWERS (how many answers each pair shares, 2),
LOAD_DURATION (seconds, 60), LOAD_SPAWN_RATE (users per second, 10),
LOAD_DATABASE_URL (postgres://postgres@127.0.0.1:5432/peduliham_load; dropped and
created again), LOAD_REDIS_URL (empty: the filesystem broker), LOAD_WORKERS (4) and
LOAD_THREADS (2) for gunicorn, LOAD_OPEN_ALL (true: open the year for all 514 kab/kota),
LOAD_KEEP (true: keep the run's folder with the uploads, the plan and the logs),
LOAD_SUMMARY (a file to write the verdict's figures to, as JSON).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench.setup import postgres_database_create
from load.server import ROOT, gunicorn

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/peduliham_load"


@dataclass(frozen=True)
class Options:
    operators: int = 50
    verifiers: int = 5
    pairs: int = 2
    shared_answers: int = 2
    duration: float = 60
    spawn_rate: float = 10
    database_url: str = DEFAULT_DATABASE
    redis_url: str = ""
    workers: int = 4
    threads: int = 2
    open_all: bool = True
    keep: bool = False

    @classmethod
    def from_environment(cls) -> Options:
        get = os.environ.get
        return cls(
            operators=int(get("LOAD_USERS", 50)),
            verifiers=int(get("LOAD_VERIFIERS", 5)),
            # Two operators of one OPD typing into the same answers: one pair for
            # every 25 operators, at least one.
            pairs=int(get("LOAD_PAIRS", max(1, int(get("LOAD_USERS", 50)) // 25))),
            shared_answers=int(get("LOAD_SHARED_ANSWERS", 2)),
            duration=float(get("LOAD_DURATION", 60)),
            spawn_rate=float(get("LOAD_SPAWN_RATE", 10)),
            database_url=get("LOAD_DATABASE_URL", DEFAULT_DATABASE),
            redis_url=get("LOAD_REDIS_URL", ""),
            workers=int(get("LOAD_WORKERS", 4)),
            threads=int(get("LOAD_THREADS", 2)),
            open_all=get("LOAD_OPEN_ALL", "true").lower() == "true",
            keep=get("LOAD_KEEP", "false").lower() == "true",
        )


def portal_environment(options: Options, folder: Path) -> dict[str, str]:
    """What the portal's processes (this one and gunicorn's) run with."""
    database_url = options.database_url
    if database_url.startswith("sqlite"):
        database_url = f"sqlite:///{folder / 'load.sqlite3'}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "load.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "REDIS_URL": options.redis_url,
        "PORTAL_VAR_DIR": str(folder),
        "MEDIA_ROOT": str(folder / "media"),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DJANGO_READ_DOT_ENV_FILE", None)
    return env


def run(options: Options, folder: Path) -> dict[str, object]:
    """The whole run in ``folder``; returns the figures and the check's outcome."""
    env = portal_environment(options, folder)
    os.environ.update(env)
    (folder / "static").mkdir()
    postgres_database_create(env["DATABASE_URL"], fresh=True)
    import django

    django.setup()
    from django.db import connections

    from load.check import check
    from load.prepare import Shape, prepare

    plan = prepare(
        Shape(
            options.operators,
            options.verifiers,
            options.open_all,
            options.pairs,
            options.shared_answers,
        )
    )
    plan_path, out_path = folder / "plan.json", folder / "swarm.json"
    plan_path.write_text(json.dumps(plan))
    connections.close_all()
    with gunicorn(
        env=env,
        workers=options.workers,
        threads=options.threads,
        log=folder / "gunicorn.log",
    ) as url:
        subprocess.run(  # noqa: S603 (our own interpreter and module)
            [
                sys.executable,
                "-m",
                "load.swarm",
                str(plan_path),
                str(out_path),
                f"--host={url}",
                f"--duration={options.duration}",
                f"--spawn-rate={options.spawn_rate}",
            ],
            cwd=ROOT,
            check=True,
            timeout=options.duration + 240,
        )
    swarm = json.loads(out_path.read_text())
    outcome = check(swarm["records"], swarm["shared"])
    return {"swarm": swarm, "outcome": outcome, "plan": plan}


def main() -> int:
    from load.report import machine, report

    options = Options.from_environment()
    folder = Path(tempfile.mkdtemp(prefix="portal-load-"))
    # `timeout` and CI send SIGTERM: leave through `finally`, which stops gunicorn.
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(143))
    try:
        result = run(options, folder)
        verdict = report(options, result, machine())
        if os.environ.get("LOAD_SUMMARY"):
            Path(os.environ["LOAD_SUMMARY"]).write_text(json.dumps(verdict.figures))
        return 0 if verdict.passed else 1
    finally:
        if options.keep:
            print(f"Kept: {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
