from __future__ import annotations

import pytest
from django.urls import reverse

from bench.data import count_queries
from reporting.services.evidence import evidence_attach
from tests.files import pdf_upload

pytestmark = pytest.mark.django_db


def test_category_page_queries_do_not_grow_with_evidence(
    client_for, regency_staff, assessment
):
    client = client_for(regency_staff)
    url = reverse("reporting:category", args=[assessment.pk, "K06"])
    before = count_queries(client, url)
    answers = list(assessment.answers.filter(indicator__category__code="K06"))
    for n, answer in enumerate(answers[:6]):
        evidence_attach(
            answer=answer,
            actor=regency_staff,
            uploads=[
                pdf_upload(f"a{n}.pdf", extra=b"%d" % n),
                pdf_upload(f"b{n}.pdf", extra=b"x%d" % n),
            ],
        )
    assert count_queries(client, url) == before
