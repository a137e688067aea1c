"""Riwayat: every change is reachable page by page, and a page costs the same number
of queries however long the history grows."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from bench.data import count_queries
from reporting.models import Answer
from reporting.selectors.timeline import timeline, timeline_entries, timeline_moments
from reporting.views.timeline import PER_PAGE

pytestmark = pytest.mark.django_db


def _edit(answer: Answer, times: int, start: int = 0) -> None:
    for n in range(start, start + times):
        answer.raw_value = str(n % 100)
        answer.note = f"catatan {n}"
        answer.save()


def _url(assessment) -> str:
    return reverse("reporting:timeline", args=[assessment.pk])


def test_every_change_is_on_some_page_and_none_is_dropped(
    assessment, regency_staff, client_for
):
    answers = list(assessment.answers.order_by("pk")[:3])
    for answer in answers:
        _edit(answer, 110)  # 330 versions that change two tracked fields each
    every = timeline(user=regency_staff, assessment=assessment)
    notes = [e.text for e in every if e.text.startswith("keterangan")]
    assert len(notes) == 330
    client = client_for(regency_staff)
    seen: list[str] = []
    page = 1
    while True:
        text = client.get(_url(assessment), {"page": page}).content.decode()
        seen += re.findall(
            r"<strong>[^<]+</strong> keterangan: “[^”]*” → “catatan \d+”", text
        )
        if "Lebih lama" not in text:
            break
        page += 1
    assert len(seen) == 330 == len(set(seen))
    # Newest first, down to each answer's first note on the last pages.
    assert seen[0].endswith("“catatan 109”") and seen[-1].endswith("“—” → “catatan 0”")
    assert sum(line.endswith("“—” → “catatan 0”") for line in seen) == 3
    assert len([e for e in every if e.text.startswith("jawaban")]) >= 330


def test_a_page_costs_the_same_queries_after_three_hundred_versions(
    assessment, regency_staff, client_for
):
    answer = assessment.answers.order_by("pk").first()
    client = client_for(regency_staff)
    _edit(answer, 5)
    client.get(_url(assessment))  # the session's first request reads more
    few = count_queries(client, _url(assessment))
    _edit(answer, 300, start=5)
    many = count_queries(client, _url(assessment))
    last = count_queries(client, _url(assessment) + "?page=9999")
    # A page without any status event skips that read: never more, never growing.
    assert many <= few and last <= few
    moments = timeline_moments(user=regency_staff, assessment=assessment)
    assert moments.count() >= 305
    first = list(moments[:PER_PAGE])
    entries = timeline_entries(assessment=assessment, moments=first)
    assert len(first) == PER_PAGE and len(entries) >= PER_PAGE


def test_only_tracked_changes_make_entries(assessment, regency_staff):
    answer = assessment.answers.order_by("pk").first()
    answer.save()  # a version with nothing tracked changed
    answer.score = 50
    answer.save()  # score is not tracked
    answer.raw_value = "ya"
    answer.save()
    entries = timeline(user=regency_staff, assessment=assessment)
    mine = [e for e in entries if e.code == answer.indicator.code]
    assert [e.text for e in mine] == ["jawaban: “—” → “ya”"]


def test_an_operator_sees_only_the_changes_of_the_answers_they_may_see(
    assessment, operator, dinkes_answer, other_agency_answer
):
    _edit(dinkes_answer, 2)
    _edit(other_agency_answer, 2)
    codes = {e.code for e in timeline(user=operator, assessment=assessment) if e.code}
    assert dinkes_answer.indicator.code in codes
    assert other_agency_answer.indicator.code not in codes


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99999", "1.5", "\x00"])
def test_a_page_number_as_typed_never_fails(
    assessment, regency_staff, client_for, page
):
    _edit(assessment.answers.order_by("pk").first(), 3)
    response = client_for(regency_staff).get(_url(assessment), {"page": page})
    assert response.status_code in (200, 400)
