"""POST bodies that would complete an action if the actor were allowed to."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.access.world import World
from tests.files import pdf_upload, upload

Body = Callable[[World, str], dict[str, Any]]


def answer_body(name: str) -> Body:
    """A valid new value for the named answer, at its current version."""

    def body(world: World, scope: str) -> dict[str, Any]:
        answer = world.fresh(name, scope)
        prefix = f"a{answer.pk}"
        return {
            f"{prefix}-raw_value": "55",
            f"{prefix}-note": "Diubah oleh uji akses",
            f"{prefix}-version": answer.version,
        }

    return body


def evidence_files(name: str) -> Body:
    def body(world: World, scope: str) -> dict[str, Any]:
        prefix = f"e{world.get(name, scope).pk}"
        return {f"{prefix}-files": pdf_upload("baru.pdf", b"% uji akses")}

    return body


def assignment_body(world: World, scope: str) -> dict[str, Any]:
    """Move the operator's answer to another agency of the same kab/kota."""
    answer = world.get("answer", scope)
    other = answer.assessment.regency.agencies.exclude(pk=answer.agency_id).first()
    return {"answer": answer.pk, "agency": other.pk}


def bulk_assignment_body(world: World, scope: str) -> dict[str, Any]:
    """The bulk bar: move the operator's answer, ticked, to another agency."""
    answer = world.get("answer", scope)
    other = answer.assessment.regency.agencies.exclude(pk=answer.agency_id).first()
    return {"bulk": "1", "bulk-answers": [answer.pk], "bulk-agency": other.pk}


def report_body(name: str) -> Body:
    def body(world: World, scope: str) -> dict[str, Any]:
        report = world.fresh(name, scope)
        return {
            "achievement": "Diubah oleh uji akses",
            "narrative": "",
            "achievement_percent": "",
            "version": report.version,
        }

    return body


def report_files(world: World, scope: str) -> dict[str, Any]:
    return {"files": pdf_upload("baru.pdf", b"% uji akses")}


def decide_accept(world: World, scope: str) -> dict[str, Any]:
    """Accept the operator's submitted answer in the console."""
    return {"decision": "accept", "answer": world.get("submitted_answer", scope).pk}


def preview_request(world: World, scope: str) -> dict[str, Any]:
    """ "Tampilkan pratinjau" for the submitted PDF in the console."""
    return {"evidence": world.get("submitted_evidence", scope).pk}


def report_accept(world: World, scope: str) -> dict[str, Any]:
    return {"decision": "accept", "note": ""}


def submit_confirmed(world: World, scope: str) -> dict[str, Any]:
    """ "Kirim penilaian ke Kanwil" with the summary's confirmation ticked."""
    return {"confirm": "yes"}


def case_files(world: World, scope: str) -> dict[str, Any]:
    """A follow-up file for the named kab/kota's open case."""
    prefix = f"k{world.get('case', scope).pk}"
    return {
        f"{prefix}-files": pdf_upload("tindak-lanjut-baru.pdf", b"% uji akses"),
        f"{prefix}-note": "Tindak lanjut dari uji akses",
    }


def refusal_note(world: World, scope: str) -> dict[str, Any]:
    return {"note": "Tindak lanjut belum cukup"}


def deduction_body(world: World, scope: str) -> dict[str, Any]:
    return {"case": [str(world.get("case", scope).pk)], "points": "1"}


TUS_CREATE = {
    "HTTP_TUS_RESUMABLE": "1.0.0",
    "HTTP_UPLOAD_LENGTH": "1000",
    "HTTP_UPLOAD_METADATA": "filename cGluZGFpYW4ucGRm",  # pindaian.pdf
}


def answer_sheet_file(world: World, scope: str) -> dict[str, Any]:
    """The operator's answer sheet as downloaded (it plans no change)."""
    from reporting import answer_sheet
    from reporting.services.answer_sheets import sheet_answers, sheet_title

    assessment = world.get("assessment", scope)
    operator = world.users["operator"]
    answers = list(sheet_answers(user=operator, assessment=assessment) or [])
    content = answer_sheet.write_sheet(assessment, answers, sheet_title(assessment))
    return {"sheet": upload("lembar.xlsx", content)}
