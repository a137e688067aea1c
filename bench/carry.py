"""Starting a year from last year's answers: one kab/kota, every indicator answered
with one file last year. Time and queries of the carry, bytes stored before and after.

Run with `make bench` (or `python -m bench.carry`).
"""

from __future__ import annotations

import time
import uuid

from bench.setup import django_for_bench

VAR_DIR = django_for_bench()

from django.core.files.base import ContentFile  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.data import build, figures  # noqa: E402
from indicators.services import (  # noqa: E402
    catalogue_close,
    catalogue_copy_to_year,
    catalogue_open,
)
from reporting.models import Answer, Assessment, Evidence  # noqa: E402
from reporting.services.assessments import (  # noqa: E402
    answers_assign_by_type,
    assessments_open,
)
from tests.files import PDF  # noqa: E402


def _stored_bytes() -> tuple[int, int]:
    files = [p for p in (VAR_DIR / "media").rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def _last_year_answered(assessment_pk: int, user) -> int:
    answers = list(Answer.objects.filter(assessment_id=assessment_pk))
    for answer in answers:
        answer.raw_value, answer.note = "ya", "Masih sama."
        evidence = Evidence(
            answer=answer,
            original_name=f"{answer.pk}.pdf",
            size=len(PDF),
            sha256=uuid.uuid4().hex * 2,
            content_type="application/pdf",
            uploaded_by=user,
        )
        evidence.file.save("x", ContentFile(PDF), save=False)
        evidence.save()
    Answer.objects.bulk_update(answers, ["raw_value", "note"])
    Answer.objects.filter(assessment_id=assessment_pk).update(
        status=Answer.Status.ACCEPTED
    )
    Assessment.objects.filter(pk=assessment_pk).update(
        status=Assessment.Status.PUBLISHED
    )
    return len(answers)


def main() -> None:
    coordinator, last_pk = build()
    count = _last_year_answered(last_pk, coordinator)
    last = Assessment.objects.select_related("catalogue").get(pk=last_pk)
    catalogue_close(catalogue=last.catalogue, actor=None)
    second = catalogue_copy_to_year(
        catalogue=last.catalogue, year=last.catalogue.year + 1, actor=None
    )
    second = catalogue_open(catalogue=second, actor=None)
    assessments_open(
        catalogue=second,
        actor=None,
        regency_codes=[last.regency_id],
        deadline=last.deadline,
    )
    this = Assessment.objects.get(catalogue=second)
    answers_assign_by_type(assessment=this, actor=coordinator)
    client = Client()
    client.force_login(coordinator, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("reporting:carry-forward", args=[this.pk])
    page_q, page_t = figures(client, url, repeat=5)
    files_before = _stored_bytes()
    seen: list[str] = []

    def record(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    start = time.perf_counter()
    with connection.execute_wrapper(record):
        response = client.post(url)
    took = (time.perf_counter() - start) * 1000
    assert response.status_code == 302, response.status_code
    carried = this.answers.exclude(carried_from=None).count()
    files_after = _stored_bytes()
    print(f"Carry-forward benchmark ({connection.vendor}), one kab/kota")
    print(
        f"  the carry page (plan of {count} indicators): {page_q} queries, "
        f"median {page_t:.1f} ms"
    )
    print(
        f"  carry {carried} answers with {carried} files: {len(seen)} queries, "
        f"{took:.0f} ms"
    )
    print(
        f"  stored files before/after: {files_before[0]}/{files_after[0]} "
        f"({files_before[1]}/{files_after[1]} bytes)"
    )


if __name__ == "__main__":
    main()
