"""Snapshots of what an action would change: equal before and after means refused."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.access.world import World

Snapshot = Callable[[World, str], Any]


def row(name: str) -> Snapshot:
    """Every column of the named object, or None once it is deleted."""

    def snapshot(world: World, scope: str) -> Any:
        obj = world.get(name, scope)
        fresh = type(obj).objects.filter(pk=obj.pk).first()
        if fresh is None:
            return None
        return {f.attname: getattr(fresh, f.attname) for f in obj._meta.concrete_fields}

    return snapshot


def files(name: str, related: str = "evidence") -> Snapshot:
    """How many files the named answer or report holds."""

    def snapshot(world: World, scope: str) -> int:
        return getattr(world.get(name, scope), related).count()

    return snapshot


def preview(name: str) -> Snapshot:
    """The preview record of the named evidence's content (None until one is queued)."""

    def snapshot(world: World, scope: str) -> Any:
        from files.models import Preview

        evidence = world.get(name, scope)
        found = Preview.objects.filter(sha256=evidence.sha256, size=evidence.size)
        return found.values_list("status", flat=True).first()

    return snapshot


answer = row("answer")
submitted_answer = row("submitted_answer")
answer_files = files("answer")
submitted_answer_files = files("submitted_answer")
evidence = row("evidence")
submitted_evidence = row("submitted_evidence")
submitted_evidence_preview = preview("submitted_evidence")
draft_year = row("assessment")
submitted_year = row("submitted_assessment")
report = row("report")
submitted_report = row("submitted_report")
report_files = files("report")
submitted_report_files = files("submitted_report")
report_evidence = row("report_evidence")
submitted_report_evidence = row("submitted_report_evidence")
catalogue = row("catalogue")
draft_catalogue = row("draft_catalogue")
case_files = files("case", "follow_ups")
awaiting_case = row("awaiting_case")
submitted_year_adjustments = files("submitted_assessment", "adjustments")


def partial_uploads(name: str) -> Snapshot:
    """How many resumable uploads are under way for the named answer."""

    def snapshot(world: World, scope: str) -> int:
        from files.models import PartialUpload

        return PartialUpload.objects.filter(target_id=world.get(name, scope).pk).count()

    return snapshot


answer_partial_uploads = partial_uploads("answer")
submitted_answer_partial_uploads = partial_uploads("submitted_answer")
