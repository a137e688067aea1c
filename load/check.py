"""After the run: does the database hold exactly what the clients were told was saved?"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F

from reporting.models import Answer, Evidence


@dataclass
class Outcome:
    answers_saved: int = 0  # answers with at least one acknowledged save
    lost: list[str] = field(default_factory=list)  # acknowledged, not in the database
    unconfirmed_stored: int = 0  # sent, no answer received, but stored (not a loss)
    files_acked: int = 0
    files_stored: int = 0  # acknowledged and found: same answer, size, hash, bytes
    files_missing: list[str] = field(default_factory=list)
    files_unacked: int = 0  # stored although the client saw no acknowledgement
    foreign_edits: int = 0  # answers last changed by someone outside their agency
    shared_answers: int = 0  # answers two colleagues both typed into
    shared_saves: int = 0  # saves of those answers the server acknowledged
    # Two saves acknowledged at the same version: one replaced the other unseen.
    overwritten: list[str] = field(default_factory=list)


def check(
    records: dict[str, dict[str, Any]], shared: dict[str, dict[str, Any]] | None = None
) -> Outcome:
    """Compare every answer the clients touched with its row and its files."""
    outcome = Outcome()
    _check_shared(outcome, shared or {})
    answers = Answer.objects.in_bulk([int(pk) for pk in records])
    for pk, record in records.items():
        answer = answers[int(pk)]
        if record["raw_value"] is not None:
            outcome.answers_saved += 1
            _compare_answer(outcome, answer, record)
        _compare_files(outcome, answer, record)
    outcome.foreign_edits = (
        Answer.objects.filter(updated_by__isnull=False)
        .exclude(updated_by__role_assignments__agency=F("agency"))
        .count()
    )
    return outcome


def _compare_answer(outcome: Outcome, answer: Answer, record: dict[str, Any]) -> None:
    stored = {"raw_value": answer.raw_value, "note": answer.note}
    acked = {"raw_value": record["raw_value"], "note": record["note"]}
    if stored == acked and answer.version == record["version"]:
        return
    if stored in record["unconfirmed"]:
        outcome.unconfirmed_stored += 1
        return
    outcome.lost.append(
        f"answer {answer.pk}: client {acked} v{record['version']}, "
        f"database {stored} v{answer.version}"
    )


def _check_shared(outcome: Outcome, shared: dict[str, dict[str, Any]]) -> None:
    """Answers two colleagues typed into: every acknowledged save produced its own
    version, and the database holds the newest of them."""
    answers = Answer.objects.in_bulk([int(pk) for pk in shared])
    for pk, entry in shared.items():
        answer, acks = answers[int(pk)], entry["acks"]
        outcome.shared_answers += 1
        outcome.shared_saves += len(acks)
        versions = [ack["version"] for ack in acks]
        for version in {v for v in versions if versions.count(v) > 1}:
            outcome.overwritten.append(
                f"answer {pk}: two saves acknowledged as v{version}"
            )
        stored = {"raw_value": answer.raw_value, "note": answer.note}
        if not acks:
            continue
        newest = max(acks, key=lambda ack: ack["version"])
        if (
            stored == {k: newest[k] for k in stored}
            and answer.version == newest["version"]
        ):
            continue
        if stored in entry["unconfirmed"]:
            outcome.unconfirmed_stored += 1
            continue
        outcome.lost.append(
            f"answer {pk} (colleagues): newest acknowledged {newest}, "
            f"database {stored} v{answer.version}"
        )


def _compare_files(outcome: Outcome, answer: Answer, record: dict[str, Any]) -> None:
    stored = {e.original_name: e for e in Evidence.objects.filter(answer=answer)}
    acked = {f["name"] for f in record["files"]}
    outcome.files_unacked += len(set(stored) - acked)
    for sent in record["files"]:
        outcome.files_acked += 1
        evidence = stored.get(sent["name"])
        if evidence is not None and _intact(evidence, sent):
            outcome.files_stored += 1
        else:
            outcome.files_missing.append(f"answer {answer.pk}: {sent['name']}")


def _intact(evidence: Evidence, sent: dict[str, Any]) -> bool:
    """The row and the bytes on storage both match what was sent."""
    if (evidence.sha256, evidence.size) != (sent["sha256"], sent["size"]):
        return False
    digest = hashlib.sha256()
    with evidence.file.open("rb") as stored:
        for chunk in iter(lambda: stored.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest() == sent["sha256"]
