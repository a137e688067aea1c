"""What a KKPHAM record says of itself reads as Indonesian, not as stored codes."""

from __future__ import annotations

import datetime

from django.utils.translation import override

from reporting.models import Answer, Approval, Publication, ReviewEvent


def test_a_decree_names_its_date_with_the_full_month():
    decree = Publication(
        decree_number="HAM-17/2025", decree_date=datetime.date(2025, 11, 15)
    )
    assert str(decree) == "HAM-17/2025 (15 November 2025)"
    with override("en"):
        assert str(decree) == "HAM-17/2025 (15 November 2025)"


def test_an_approval_names_its_date_with_the_full_month():
    approval = Approval(
        approver_name="Drs. Contoh",
        approver_position="Sekretaris Daerah",
        approved_on=datetime.date(2026, 8, 17),
    )
    assert str(approval) == "Drs. Contoh, Sekretaris Daerah (17 Agustus 2026)"


def test_status_events_read_through_labels():
    on_answer = ReviewEvent(answer_id=1, from_status="submitted", to_status="accepted")
    assert (
        str(on_answer)
        == f"{Answer.Status.SUBMITTED.label} → {Answer.Status.ACCEPTED.label}"
    )
    on_year = ReviewEvent(from_status="", to_status="draft")
    assert (on_year.from_label, on_year.to_label) == ("—", "Pengisian")
