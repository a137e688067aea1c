"""The figures of a load run and its verdict against the goals."""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SAVE = "save answer"
SAVE_P95_GOAL_MS = 300


def machine() -> str:
    """Cores, memory and database of the machine the figures come from."""
    from django.db import connection

    memory = "?"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split("MemTotal:")[1].split()[0])
        memory = f"{kib / 1024 / 1024:.0f} GiB"
    if connection.vendor == "postgresql":
        major, rest = divmod(connection.pg_version, 10000)
        database = f"PostgreSQL {major}.{rest} on loopback"
    else:
        database = f"{connection.vendor} (file)"
    return f"{os.cpu_count()} cores, {memory} RAM, {platform.machine()}, {database}"


@dataclass(frozen=True)
class Verdict:
    passed: bool
    figures: dict[str, Any]  # what the goals were judged on


def report(options: Any, result: dict[str, Any], where: str) -> Verdict:
    """Print the figures and judge them against the goals."""
    swarm, outcome = result["swarm"], result["outcome"]
    print(
        f"Deadline-day load: {options.operators} OPD operators + "
        f"{len(result['plan']['colleagues'])} colleagues ({options.pairs} pairs "
        "typing into the same answers) + "
        f"{len(result['plan']['verifiers'])} Kanwil verifiers; gunicorn "
        f"{options.workers} workers × {options.threads} threads"
    )
    print(f"Machine: {where}")
    _print_ramp(swarm)
    print(f"Measured window: {swarm['seconds']:.0f} s after every user signed in")
    print(
        f"{'endpoint':<30}{'requests':>9}{'errors':>7}{'req/s':>7}"
        f"{'p50':>7}{'p95':>7}{'p99':>7}{'max':>7}  (ms)"
    )
    for e in (e for e in swarm["endpoints"] if e["requests"]):
        p50, p95, p99 = e["percentiles"]
        print(
            f"{e['name'][:29]:<30}{e['requests']:>9}{e['failures']:>7}{e['rps']:>7.1f}"
            f"{p50:>7.0f}{p95:>7.0f}{p99:>7.0f}{e['max']:>7.0f}"
        )
    print(
        f"{'all':<30}{swarm['requests']:>9}{swarm['failures']:>7}{swarm['rps']:>7.1f}"
    )
    for error in [*swarm["ramp"]["errors"], *swarm["errors"]][:10]:
        print(f"  error ×{error['count']}: {error['name']}: {error['error'][:160]}")
    _print_outcome(swarm, outcome)
    return _verdict(swarm, outcome)


def _print_ramp(swarm: dict[str, Any]) -> None:
    """Everyone signs in at once: each login is 0.3 s of deliberate password hashing."""
    ramp = swarm["ramp"]
    rows = {e["name"]: e for e in ramp["endpoints"]}
    line = (
        f"Ramp-up: {swarm['signed_in']} of {swarm['users']} users signed in within "
        f"{ramp['seconds']:.1f} s; {ramp['requests']} requests, {ramp['failures']} errors"
    )
    for name in ("login", SAVE):
        if name in rows:
            p50, p95, _p99 = rows[name]["percentiles"]
            line += f"; {name} p50 {p50:.0f} ms, p95 {p95:.0f} ms"
    print(line)


def _print_outcome(swarm: dict[str, Any], outcome: Any) -> None:
    print(
        f"Answers saved by the clients: {outcome.answers_saved}; "
        f"lost or overwritten: {len(outcome.lost)} "
        f"(sent without an answer but stored: {outcome.unconfirmed_stored}; "
        f"versions changed under a client: {swarm['version_drift']}; "
        f"changed by someone outside the agency: {outcome.foreign_edits})"
    )
    for line in outcome.lost[:5]:
        print(f"  lost: {line}")
    print(
        f"Evidence files acknowledged: {outcome.files_acked}; stored intact: "
        f"{outcome.files_stored}; missing or damaged: {len(outcome.files_missing)} "
        f"(stored without acknowledgement: {outcome.files_unacked})"
    )
    for line in outcome.files_missing[:5]:
        print(f"  missing: {line}")
    conflicts = swarm["conflicts"]
    print(
        f"Colleagues on the same answers: {outcome.shared_answers} answers, "
        f"{outcome.shared_saves} saves acknowledged; conflicts shown: "
        f"{conflicts['shown']} (kept the stored answer: {conflicts['kept_theirs']}, "
        f"saved their own after seeing it: {conflicts['saved_mine']}); "
        f"overwritten without a choice: {len(outcome.overwritten)}"
    )
    for line in outcome.overwritten[:5]:
        print(f"  overwritten: {line}")


def conflicts_ok(swarm: dict[str, Any], outcome: Any) -> bool:
    """No save replaced another unseen, and (when colleagues ran) the conflict path
    was really taken."""
    exercised = swarm["conflicts"]["shown"] > 0 or not outcome.shared_answers
    return not outcome.overwritten and exercised


def _verdict(swarm: dict[str, Any], outcome: Any) -> Verdict:
    save = next((e for e in swarm["endpoints"] if e["name"] == SAVE), None)
    p95 = save["percentiles"][1] if save else None
    errors = swarm["failures"] + swarm["ramp"]["failures"]
    goals = [
        (
            "every user signed in",
            swarm["signed_in"] == swarm["users"],
            f"{swarm['signed_in']} of {swarm['users']}",
        ),
        ("errors (ramp-up and window)", errors == 0, str(errors)),
        (
            "lost or overwritten answers",
            not outcome.lost
            and not swarm["version_drift"]
            and not outcome.foreign_edits,
            str(len(outcome.lost)),
        ),
        (
            "colleagues' conflicts shown, none overwritten unseen",
            conflicts_ok(swarm, outcome),
            f"{swarm['conflicts']['shown']} shown, {len(outcome.overwritten)} overwritten",
        ),
        (
            "evidence files acknowledged but not stored",
            not outcome.files_missing,
            str(len(outcome.files_missing)),
        ),
        (
            f"p95 of '{SAVE}' under {SAVE_P95_GOAL_MS} ms",
            p95 is not None and p95 < SAVE_P95_GOAL_MS,
            f"{p95:.0f} ms" if p95 is not None else "no saves",
        ),
    ]
    for name, ok, figure in goals:
        print(f"  goal {name}: {figure} — {'PASS' if ok else 'FAIL'}")
    passed = all(ok for _name, ok, _figure in goals)
    print(f"RESULT: {'PASS' if passed else 'FAIL'}")
    figures = {
        "signed_in": swarm["signed_in"],
        "users": swarm["users"],
        "errors": errors,
        "saves": save["requests"] if save else 0,
        "save_p95_ms": p95,
        "answers_saved": outcome.answers_saved,
        "lost": len(outcome.lost),
        "version_drift": swarm["version_drift"],
        "foreign_edits": outcome.foreign_edits,
        "files_acked": outcome.files_acked,
        "files_missing": len(outcome.files_missing),
        "shared_saves": outcome.shared_saves,
        "conflicts_shown": swarm["conflicts"]["shown"],
        "overwritten": len(outcome.overwritten),
    }
    return Verdict(passed, figures)
