"""The console's irreversible steps show what they do and run only once confirmed;
a step the rules refuse is not offered, and is refused for its own reason."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reporting.models import Answer, Assessment
from reporting.services.verification import answer_return, answers_accept_bulk

pytestmark = pytest.mark.django_db

A = Assessment.Status
S = Answer.Status


def _page(client, assessment):
    url = reverse("admin:reporting_assessment_review", args=[assessment.pk])
    return client.get(url).content.decode()


def _post(client, assessment, step, **data):
    url = reverse(f"admin:reporting_assessment_{step}", args=[assessment.pk])
    return client.post(url, data, follow=True).content.decode()


def _runs_only_once_confirmed(client, assessment, step, *, done, status):
    """Without the tick the step is refused and nothing moves; with it, it runs."""
    html = _post(client, assessment, step)
    assert "centang konfirmasi" in html
    assessment.refresh_from_db()
    assert assessment.status == A.IN_VERIFICATION
    html = _post(client, assessment, step, confirm="yes")
    assert done in html
    assessment.refresh_from_db()
    assert assessment.status == status


def test_forwarding_needs_its_summary_confirmed(submitted, verifier, client_for):
    client = client_for(verifier)
    assert "Teruskan ke Kementerian" not in _page(client, submitted)  # not yet
    ids = list(submitted.answers.values_list("pk", flat=True))
    answers_accept_bulk(assessment=submitted, answer_ids=ids, actor=verifier)

    html = _page(client, submitted)
    assert f"Semua {len(ids)} jawaban diterima" in html
    assert "Teruskan ke Kementerian" in html
    assert "Kembalikan ke daerah" not in html  # nothing to return

    _runs_only_once_confirmed(
        client,
        submitted,
        "forward",
        done="Penilaian diteruskan ke Kementerian.",
        status=A.VERIFIED,
    )


def test_returning_lists_what_reopens_and_needs_confirmation(
    submitted, verifier, client_for
):
    client = client_for(verifier)
    first, *rest = submitted.answers.select_related("indicator")
    answer_return(answer=first, reasons=["incomplete"], note="", actor=verifier)
    answers_accept_bulk(
        assessment=submitted, answer_ids=[a.pk for a in rest], actor=verifier
    )

    html = _page(client, submitted)
    assert f"1 jawaban dibuka lagi untuk daerah ({first.indicator.code})" in html
    assert "Teruskan ke Kementerian" not in html  # one answer is not accepted

    _runs_only_once_confirmed(
        client,
        submitted,
        "return",
        done="dikirim kembali ke daerah",
        status=A.RETURNED,
    )


def test_a_refused_step_gives_its_own_reason_with_or_without_confirmation(
    submitted, verifier, client_for
):
    client = client_for(verifier)
    for data in ({}, {"confirm": "yes"}):
        assert "semua jawaban diterima" in _post(client, submitted, "forward", **data)
        assert "belum diputuskan" in _post(client, submitted, "return", **data)
    submitted.refresh_from_db()
    assert submitted.status == A.SUBMITTED
