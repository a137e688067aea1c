"""Two web nodes and a worker that share nothing but the services.

Two gunicorn processes and one Celery worker, each with its own var/ and media
folder, on the test PostgreSQL database, Redis and one S3 bucket (moto's server).
Over real HTTP, an operator uploads evidence through node A; a Kanwil verifier opens
the review and downloads the same bytes through node B. A coordinator asks node A
for the evidence ZIP, the worker renders it, node B hands it out. No node's folder
ever holds a file: the bucket is the only place they meet.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import uuid
import zipfile
from pathlib import Path

import pytest
import requests
from django.urls import reverse

from exports.models import ExportJob
from load.server import gunicorn
from reporting.models import Evidence
from tests.files import PDF
from tests.storage import s3_environment
from tests.workers import database_url, new_queue, start_worker, stop_worker, wait_for

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
PASSWORD = "dua-node-rahasia"
UPLOADED = PDF + b"%" + uuid.uuid4().hex.encode() + b"\n"


def _node_environment(folder: Path, storage: dict[str, str], queue: str):
    folder.mkdir()
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url(),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "PORTAL_VAR_DIR": str(folder),
        "MEDIA_ROOT": str(folder / "media"),
        **storage,
    }


def _sign_in(base: str, user) -> requests.Session:
    session = requests.Session()
    login = f"{base}{reverse('accounts:login')}"
    session.get(login, timeout=30).raise_for_status()
    answer = session.post(
        login,
        data={"username": user.username, "password": PASSWORD},
        headers={"X-CSRFToken": session.cookies["csrftoken"]},
        timeout=30,
    )
    assert answer.status_code == 200 and "sessionid" in session.cookies, answer.text
    return session


def _post(session: requests.Session, url: str, **kwargs) -> requests.Response:
    return session.post(
        url,
        headers={"X-CSRFToken": session.cookies["csrftoken"]},
        allow_redirects=False,
        timeout=60,
        **kwargs,
    )


def _files_in(folder: Path) -> list[Path]:
    media = folder / "media"
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def test_an_upload_through_one_node_is_reviewed_and_downloaded_through_the_other(
    tmp_path, s3_endpoint, s3_bucket, operator, verifier, regency_staff, dinkes_answer
):
    for user in (operator, verifier, regency_staff):
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    storage = s3_environment(s3_endpoint, s3_bucket, prefix=f"two-{uuid.uuid4().hex}")
    queue = new_queue()
    folders = {name: tmp_path / name for name in ("node-a", "node-b", "worker")}
    worker = start_worker(
        queue, env=_node_environment(folders["worker"], storage, queue)
    )
    try:
        with (
            gunicorn(
                env=_node_environment(folders["node-a"], storage, queue),
                workers=1,
                threads=2,
                log=tmp_path / "node-a.log",
            ) as node_a,
            gunicorn(
                env=_node_environment(folders["node-b"], storage, queue),
                workers=1,
                threads=2,
                log=tmp_path / "node-b.log",
            ) as node_b,
        ):
            assert node_a != node_b

            # 1. The operator uploads through node A.
            opd = _sign_in(node_a, operator)
            prefix = f"e{dinkes_answer.pk}"
            stored = _post(
                opd,
                f"{node_a}{reverse('reporting:evidence-upload', args=[dinkes_answer.pk])}",
                files={
                    f"{prefix}-files": ("SK Tim HAM.pdf", UPLOADED, "application/pdf")
                },
                data={f"{prefix}-effective_date": ""},
            )
            assert stored.status_code == 302, stored.text
            evidence = Evidence.objects.get(answer=dinkes_answer)
            assert evidence.sha256 == hashlib.sha256(UPLOADED).hexdigest()

            # 2. The verifier reviews and downloads it through node B.
            kanwil = _sign_in(node_b, verifier)
            review = kanwil.get(
                node_b
                + reverse(
                    "admin:reporting_assessment_review",
                    args=[dinkes_answer.assessment_id],
                ),
                timeout=60,
            )
            assert review.status_code == 200
            assert "SK Tim HAM.pdf" in review.text
            download_url = reverse("reporting:evidence-download", args=[evidence.pk])
            assert re.search(re.escape(download_url), review.text)
            download = kanwil.get(node_b + download_url, timeout=60)
            assert download.status_code == 200
            assert download.content == UPLOADED
            assert download.headers["Content-Type"] == "application/pdf"
            assert download.headers["Content-Disposition"].startswith("attachment;")

            # 3. The coordinator asks node A for the evidence ZIP; the worker renders
            #    it; node B hands it out.
            region = _sign_in(node_a, regency_staff)
            asked = _post(
                region,
                node_a + reverse("exports:request"),
                data={
                    "kind": "evidence_zip",
                    "format": "zip",
                    "year": dinkes_answer.assessment.catalogue.year,
                    "regency": dinkes_answer.assessment.regency_id,
                },
            )
            assert asked.status_code == 302, asked.text
            job = ExportJob.objects.get(requested_by=regency_staff)
            assert wait_for(
                lambda: (
                    ExportJob.objects.get(pk=job.pk).status
                    in (ExportJob.Status.DONE, ExportJob.Status.FAILED)
                ),
                seconds=120,
            )
            job.refresh_from_db()
            assert job.status == ExportJob.Status.DONE, job.error
            zipped = region.get(
                node_b + reverse("exports:download", args=[job.pk]), timeout=60
            )
            assert zipped.status_code == 200
            with zipfile.ZipFile(io.BytesIO(zipped.content)) as archive:
                files = [n for n in archive.namelist() if n != "indeks.csv"]
                assert len(files) == 1
                assert archive.read(files[0]) == UPLOADED
    finally:
        stop_worker(worker, echo=False)
    for name, folder in folders.items():
        assert _files_in(folder) == [], name  # the bucket is the only file store
