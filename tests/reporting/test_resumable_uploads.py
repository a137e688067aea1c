"""The tus endpoints over plain HTTP: creation, offsets, termination, expiry, the
sweep, and the finished file becoming evidence through the usual checks.

The official client (tus-js-client in Chromium) drives the same endpoints in
tests/browser/test_resumable_upload.py.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import os

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from files.models import PartialUpload
from files.tasks import sweep_partial_uploads
from reporting.models import Answer, Evidence

pytestmark = pytest.mark.django_db

TUS = {"HTTP_TUS_RESUMABLE": "1.0.0"}
OFFSET = "application/offset+octet-stream"


def _client(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _pdf(size: int) -> bytes:
    head = b"%PDF-1.4\n"
    return head + os.urandom(size - len(head))


def _meta(name: str) -> str:
    return "filename " + base64.b64encode(name.encode()).decode() + ",filetype "


def _create(client, answer, length: int, name="pindaian.pdf"):
    return client.post(
        reverse("reporting:tus-create", args=[answer.pk]),
        HTTP_UPLOAD_LENGTH=str(length),
        HTTP_UPLOAD_METADATA=_meta(name),
        **TUS,
    )


def _patch(client, url, offset: int, data: bytes, content_type=OFFSET):
    return client.patch(
        url, data, content_type=content_type, HTTP_UPLOAD_OFFSET=str(offset), **TUS
    )


def _head(client, url):
    return client.head(url, **TUS)


def test_the_protocol_is_announced(operator, dinkes_answer):
    response = _client(operator).options(
        reverse("reporting:tus-create", args=[dinkes_answer.pk])
    )
    assert response.status_code == 204
    assert response["Tus-Version"] == "1.0.0"
    assert response["Tus-Extension"] == "creation,termination,expiration"
    assert int(response["Tus-Max-Size"]) == 20 * 1024 * 1024


def test_a_chunked_upload_resumes_at_its_offset_and_becomes_evidence(
    operator, dinkes_answer
):
    client = _client(operator)
    content = _pdf(3 * 1024 * 1024 + 17)
    created = _create(client, dinkes_answer, len(content))
    assert created.status_code == 201, created.content
    url = created["Location"]
    assert created["Upload-Expires"].endswith("GMT")
    head = _head(client, url)
    assert (head.status_code, head["Upload-Offset"], head["Upload-Length"]) == (
        200,
        "0",
        str(len(content)),
    )
    assert head["Cache-Control"] == "no-store"

    half = len(content) // 2
    first = _patch(client, url, 0, content[:half])
    assert (first.status_code, first["Upload-Offset"]) == (204, str(half))
    # A partial upload is never evidence.
    assert not Evidence.all_objects.filter(answer=dinkes_answer).exists()
    # The client lost the answer to its PATCH: it asks where to go on.
    assert _head(client, url)["Upload-Offset"] == str(half)
    wrong = _patch(client, url, 0, content[:half])
    assert wrong.status_code == 409
    assert _head(client, url)["Upload-Offset"] == str(half)
    assert _patch(client, url, half, b"x", content_type="text/plain").status_code == 415

    last = _patch(client, url, half, content[half:])
    assert last.status_code == 204, last.content.decode()
    evidence = Evidence.objects.get(answer=dinkes_answer)
    assert evidence.sha256 == hashlib.sha256(content).hexdigest()
    assert evidence.size == len(content) and evidence.original_name == "pindaian.pdf"
    assert evidence.uploaded_by == operator
    with evidence.file.open("rb") as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == evidence.sha256
    assert Answer.objects.get(pk=dinkes_answer.pk).version == 1
    assert not PartialUpload.objects.exists()
    assert _head(client, url).status_code == 404


def test_the_finished_file_meets_the_same_checks(operator, dinkes_answer):
    client = _client(operator)
    content = _pdf(200_000)
    for name in ("satu.pdf", "dua.pdf"):
        url = _create(client, dinkes_answer, len(content), name)["Location"]
        last = _patch(client, url, 0, content)
    assert last.status_code == 422
    assert "sama persis dengan “satu.pdf”" in last.content.decode()
    assert Evidence.objects.filter(answer=dinkes_answer).count() == 1

    fake = os.urandom(100_000)
    url = _create(client, dinkes_answer, len(fake), "bukan.pdf")["Location"]
    refused = _patch(client, url, 0, fake)
    assert refused.status_code == 422
    assert "bukan jenis yang diizinkan" in refused.content.decode()
    assert not PartialUpload.objects.exists()


def test_size_name_and_protocol_version_are_checked_before_any_byte(
    operator, dinkes_answer
):
    client = _client(operator)
    too_big = _create(client, dinkes_answer, 21 * 1024 * 1024)
    assert too_big.status_code == 413
    assert "batasnya 20 MB per berkas" in too_big.content.decode()
    assert _create(client, dinkes_answer, 10, "../x.pdf").status_code == 400
    wrong_type = _create(client, dinkes_answer, 10, "pemasang.exe")
    assert wrong_type.status_code == 400
    assert "“pemasang.exe” bukan jenis yang diizinkan (PDF, JPG" in (
        wrong_type.content.decode()
    )
    response = client.post(
        reverse("reporting:tus-create", args=[dinkes_answer.pk]),
        HTTP_UPLOAD_LENGTH="10",
    )
    assert response.status_code == 412
    assert not PartialUpload.objects.exists()


def test_only_the_owner_continues_and_only_while_the_answer_is_editable(
    operator, regency_staff, other_agency_answer, dinkes_answer
):
    client = _client(operator)
    assert _create(client, other_agency_answer, 10).status_code == 404
    url = _create(client, dinkes_answer, 10)["Location"]
    coordinator = _client(regency_staff)
    assert _head(coordinator, url).status_code == 404
    assert _patch(coordinator, url, 0, _pdf(10)).status_code == 404
    Answer.objects.filter(pk=dinkes_answer.pk).update(status=Answer.Status.SUBMITTED)
    locked = _patch(client, url, 0, _pdf(10))
    assert locked.status_code == 403
    assert "terkunci" in locked.content.decode()
    assert PartialUpload.objects.get().offset == 0


def test_termination_removes_the_upload_and_its_chunks(
    operator, dinkes_answer, django_capture_on_commit_callbacks
):
    client = _client(operator)
    content = _pdf(100_000)
    url = _create(client, dinkes_answer, len(content))["Location"]
    _patch(client, url, 0, content[:50_000])
    upload = PartialUpload.objects.get()
    assert default_storage.exists(upload.chunk_name(0))
    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete(url, **TUS).status_code == 204
    assert not PartialUpload.objects.exists()
    assert not default_storage.exists(upload.chunk_name(0))
    assert _head(client, url).status_code == 404


@pytest.mark.clock
def test_an_upload_left_alone_expires_and_the_sweep_removes_it(
    operator, dinkes_answer, django_capture_on_commit_callbacks
):
    client = _client(operator)
    content = _pdf(100_000)
    start = datetime.datetime.now(datetime.UTC)
    with time_machine.travel(start, tick=False):
        url = _create(client, dinkes_answer, len(content))["Location"]
        _patch(client, url, 0, content[:40_000])
        kept = _create(client, dinkes_answer, len(content), "lain.pdf")["Location"]
    abandoned = PartialUpload.objects.get(name="pindaian.pdf")
    chunk = abandoned.chunk_name(0)
    with time_machine.travel(start + datetime.timedelta(hours=23), tick=False):
        assert sweep_partial_uploads() == 0
        client = _client(operator)  # sessions last 10 hours: sign in again
        # Activity extends an upload's life.
        assert _patch(client, kept, 0, content[:10_000]).status_code == 204
    with time_machine.travel(start + datetime.timedelta(hours=24, seconds=1)):
        client = _client(operator)
        assert _head(client, kept).status_code == 200
        with django_capture_on_commit_callbacks(execute=True):
            assert sweep_partial_uploads() == 1
    assert not PartialUpload.objects.filter(pk=abandoned.pk).exists()
    assert not default_storage.exists(chunk)
    assert not Evidence.all_objects.filter(answer=dinkes_answer).exists()
    with time_machine.travel(start + datetime.timedelta(hours=48)):
        client = _client(operator)
        assert _head(client, kept).status_code == 410
    assert not PartialUpload.objects.exists()


def test_beat_sweeps_partial_uploads_every_hour(settings):
    from celery.schedules import crontab

    from portal.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["sweep-partial-uploads"]
    assert entry["task"] == "files.tasks.sweep_partial_uploads"
    assert entry["task"] in app.tasks
    assert entry["schedule"] == crontab(minute=20)
