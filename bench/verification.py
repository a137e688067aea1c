"""The Kanwil review page: queries and time for one kab/kota with 120 answers and 300 files.

Run with `make bench` (or `python -m bench.verification`). A page view queues the
drawing of a bounded number of previews; as on a web node, those tasks go to the
broker (the filesystem one here) and the worker that draws them is not timed.
"""

from __future__ import annotations

import datetime
import os
import uuid

os.environ["CELERY_TASK_ALWAYS_EAGER"] = "false"
os.environ.pop("REDIS_URL", None)

from bench.setup import django_for_bench

django_for_bench()

from django.core.files.base import ContentFile  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import Role, User  # noqa: E402
from accounts.services import role_grant  # noqa: E402
from bench.data import build, figures  # noqa: E402
from regions.selectors import office_of  # noqa: E402
from reporting.models import Answer, Assessment, Evidence  # noqa: E402
from reporting.services.assessments import approval_record  # noqa: E402
from reporting.services.workflow import assessment_submit  # noqa: E402
from tests.files import PDF  # noqa: E402


def main() -> None:
    coordinator, assessment_pk = build()
    assessment = Assessment.objects.get(pk=assessment_pk)
    approval_record(
        assessment=assessment,
        approver_name="Bench",
        approver_position="Sekda",
        approved_on=datetime.date(2026, 3, 1),
        actor=coordinator,
        letter=ContentFile(PDF, name="surat.pdf"),
    )
    assessment_submit(assessment=assessment, actor=coordinator)
    verifier = User.objects.create_user("bench.kanwil", password="bench-sandi-123")
    role_grant(
        user=verifier,
        role=Role.VERIFIER,
        actor=None,
        office=office_of("33"),
    )
    client = Client()
    client.force_login(verifier, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("admin:reporting_assessment_review", args=[assessment_pk])
    answers = list(Answer.objects.filter(assessment_id=assessment_pk))
    print(
        f"Verification console benchmark ({connection.vendor}): one kab/kota, "
        f"{len(answers)} answers"
    )
    q0, t0 = figures(client, url)

    def add(n: int) -> None:
        evidence = Evidence(
            answer=answers[n % len(answers)],
            original_name=f"bukti-{n}.pdf",
            size=len(PDF),
            sha256=uuid.uuid4().hex * 2,
            content_type="application/pdf",
            uploaded_by=coordinator,
        )
        evidence.file.save("x", ContentFile(PDF), save=False)
        evidence.save()

    add(0)
    q1, t1 = figures(client, url)
    for n in range(1, 300):
        add(n)
    q300, t300 = figures(client, url)
    print(f"  review page, 0 evidence files:   {q0:3d} queries, median {t0:6.1f} ms")
    print(f"  review page, 1 evidence file:    {q1:3d} queries, median {t1:6.1f} ms")
    print(
        f"  review page, 300 evidence files: {q300:3d} queries, median {t300:6.1f} ms"
    )
    print(f"  queries grow with files (1 → 300): {'YES' if q300 > q1 else 'no'}")


if __name__ == "__main__":
    main()
