"""Run the simulated users with Locust's Python API, headless and bounded in time.

`python -m load.swarm PLAN OUT --host URL --duration S --spawn-rate R` reads the plan
written by ``load.prepare``, runs every operator and verifier at once, and writes the
figures per endpoint and the clients' records to OUT (JSON). A process of its own:
Locust patches the standard library for gevent, which the portal must never see.
"""

from __future__ import annotations

from gevent import monkey

monkey.patch_all()

import argparse  # noqa: E402
import dataclasses  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import gevent  # noqa: E402
from locust.env import Environment  # noqa: E402
from locust.log import setup_logging  # noqa: E402

from load.clients import (  # noqa: E402
    ColleagueUser,
    Ledger,
    OperatorUser,
    VerifierUser,
)

PERCENTILES = (0.5, 0.95, 0.99)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("plan", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--host", required=True)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--spawn-rate", type=float, default=10)
    args = parser.parse_args()
    setup_logging("WARNING")
    plan = json.loads(args.plan.read_text())
    Ledger.plans = list(reversed(plan["operators"]))
    Ledger.verifier_plans = list(reversed(plan["verifiers"]))
    Ledger.colleague_plans = list(reversed(plan["colleagues"]))
    Ledger.password, Ledger.year = plan["password"], plan["year"]
    OperatorUser.fixed_count = len(plan["operators"])
    VerifierUser.fixed_count = len(plan["verifiers"])
    ColleagueUser.fixed_count = len(plan["colleagues"])
    # Users finish the action they are in (a save, an upload and its page) before
    # stopping, so every request that was sent also got its answer.
    started = time.monotonic()
    env = Environment(
        user_classes=[OperatorUser, ColleagueUser, VerifierUser],
        host=args.host,
        stop_timeout=60,
    )
    timeline: list[tuple[float, str, float]] = []
    env.events.request.add_listener(
        lambda name, response_time, **_kw: timeline.append(
            (time.monotonic() - started, name, response_time)
        )
    )
    runner = env.create_local_runner()
    users = (
        OperatorUser.fixed_count + ColleagueUser.fixed_count + VerifierUser.fixed_count
    )
    runner.start(users, spawn_rate=args.spawn_rate)
    # Ramp-up: everyone signs in at once, each login a deliberate 0.3 s of password
    # hashing. Its figures are kept apart; the measured window starts after it.
    limit = time.monotonic() + 180
    while Ledger.signed_in < users and time.monotonic() < limit:
        gevent.sleep(0.2)
    ramp = _figures(env, time.monotonic() - started)
    env.stats.reset_all()
    window = time.monotonic()
    gevent.sleep(args.duration)
    runner.quit()
    result = {
        **_figures(env, time.monotonic() - window),
        "users": users,
        "signed_in": Ledger.signed_in,
        "ramp": ramp,
        "version_drift": Ledger.version_drift,
        "records": {str(pk): dataclasses.asdict(r) for pk, r in Ledger.records.items()},
        "shared": {str(pk): entry for pk, entry in Ledger.shared.items()},
        "conflicts": Ledger.conflicts,
        "timeline": timeline,
    }
    args.out.write_text(json.dumps(result, indent=1))


def _figures(env: Environment, elapsed: float) -> dict[str, object]:
    """Requests, errors and percentiles per endpoint since the last reset."""
    endpoints = []
    for entry in sorted(env.stats.entries.values(), key=lambda e: e.name):
        endpoints.append(
            {
                "name": entry.name,
                "method": entry.method,
                "requests": entry.num_requests,
                "failures": entry.num_failures,
                "rps": entry.num_requests / elapsed,
                "percentiles": [
                    entry.get_response_time_percentile(p) if entry.num_requests else 0
                    for p in PERCENTILES
                ],
                "max": entry.max_response_time or 0,
            }
        )
    total = env.stats.total
    return {
        "seconds": elapsed,
        "requests": total.num_requests,
        "failures": total.num_failures,
        "rps": total.num_requests / elapsed,
        "endpoints": endpoints,
        "errors": [
            {"name": e.name, "error": str(e.error), "count": e.occurrences}
            for e in env.stats.errors.values()
        ],
    }


if __name__ == "__main__":
    main()
