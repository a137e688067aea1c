"""Regional reporting figures: category page queries and time, memory of a 20 MB upload.

Run with `make bench` (or `python -m bench.reporting`).
"""

from __future__ import annotations

import tracemalloc
import uuid

from bench.setup import django_for_bench

VAR_DIR = django_for_bench()

from django.core.files.base import ContentFile  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import User  # noqa: E402
from bench.data import CATEGORY, build, figures  # noqa: E402
from reporting.models import Answer, Evidence  # noqa: E402
from tests.files import PDF  # noqa: E402


def add_evidence(assessment_pk: int, user: User, count: int) -> None:
    answers = list(
        Answer.objects.filter(
            assessment_id=assessment_pk, indicator__category__code=CATEGORY
        )
    )
    for n in range(count):
        evidence = Evidence(
            answer=answers[n % len(answers)],
            original_name=f"berkas-{n}.pdf",
            size=len(PDF),
            sha256=uuid.uuid4().hex * 2,
            content_type="application/pdf",
            uploaded_by=user,
        )
        evidence.file.save("x", ContentFile(PDF), save=False)
        evidence.save()


def upload_peak(client: Client, answer: Answer, size_mb: int) -> tuple[int, float]:
    """Send a multipart body from disk through the WSGI handler; tracemalloc's peak."""
    boundary = "benchboundary"
    body = VAR_DIR / "upload.bin"
    with body.open("wb") as out:
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="e{answer.pk}-files"; '
            f'filename="scan-besar.pdf"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
        )
        out.write(PDF)
        remaining = size_mb * 1024 * 1024 - len(PDF)  # exactly the per-file limit
        chunk = b"0" * (1024 * 1024)
        while remaining > 0:
            out.write(chunk[:remaining])
            remaining -= len(chunk)
        out.write(f"\r\n--{boundary}--\r\n".encode())
    client.get(reverse("reporting:assessment-detail", args=[answer.assessment_id]))
    cookies = "; ".join(f"{k}={v.value}" for k, v in client.cookies.items())
    handler = WSGIHandler()
    with body.open("rb") as stream:
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": reverse("reporting:evidence-upload", args=[answer.pk]),
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "HTTP_HOST": "testserver",
            "wsgi.url_scheme": "http",
            "wsgi.input": stream,
            "CONTENT_TYPE": f"multipart/form-data; boundary={boundary}",
            "CONTENT_LENGTH": str(body.stat().st_size),
            "HTTP_COOKIE": cookies,
            "HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value,
        }
        tracemalloc.start()
        response = handler(environ, lambda status, headers: None)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        b"".join(response)
        response.close()
    stored = Evidence.objects.filter(
        answer=answer, original_name="scan-besar.pdf"
    ).get()
    return stored.size, peak / 1024 / 1024


def main() -> None:
    coordinator, assessment_pk = build()
    client = Client()
    client.force_login(coordinator, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("reporting:category", args=[assessment_pk, CATEGORY])
    engine = connection.vendor
    print(
        f"Regional reporting benchmark ({engine}), category {CATEGORY} with 12 indicators"
    )
    q0, t0 = figures(client, url, repeat=15)
    add_evidence(assessment_pk, coordinator, 50)
    q50, t50 = figures(client, url, repeat=15)
    print(f"  category page, 0 evidence files:  {q0:3d} queries, median {t0:6.1f} ms")
    print(f"  category page, 50 evidence files: {q50:3d} queries, median {t50:6.1f} ms")
    print(f"  queries grow with files: {'YES' if q50 > q0 else 'no'}")
    answer = Answer.objects.filter(
        assessment_id=assessment_pk, indicator__category__code="K07"
    ).first()
    size, peak = upload_peak(client, answer, 20)
    print(
        f"  one upload of {size / 1024 / 1024:.1f} MB: peak Python memory {peak:.2f} MB "
        f"({100 * peak / (size / 1024 / 1024):.1f}% of the file)"
    )
    riwayat(client, assessment_pk)


def riwayat(client: Client, assessment_pk: int) -> None:
    """The Riwayat page after 300 versions of answers: queries and time of a page."""
    url = reverse("reporting:timeline", args=[assessment_pk])
    answers = list(Answer.objects.filter(assessment_id=assessment_pk)[:10])
    for n in range(30):
        for answer in answers:
            answer.note = f"revisi {n}"
            answer.save()
    first_q, first_t = figures(client, url, repeat=15)
    last_q, last_t = figures(client, url + "?page=9999", repeat=15)
    print(
        f"  Riwayat after 300 versions: first page {first_q} queries, "
        f"median {first_t:.1f} ms; last page {last_q} queries, median {last_t:.1f} ms"
    )


if __name__ == "__main__":
    main()
