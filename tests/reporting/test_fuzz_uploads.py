"""Fuzzing the evidence and approval-letter uploads with hostile files.

Whatever arrives: never a server error, always a message in Indonesian, and a file
that is refused leaves nothing behind (no row, no file on disk).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.messages import constants, get_messages
from django.urls import reverse
from hypothesis import given

from reporting.models import Approval, Evidence
from tests.fuzzing import FUZZ, multipart, uploads

pytestmark = pytest.mark.django_db

INDONESIAN = re.compile(
    r"\b(berkas|tidak|bukan|kosong|nama|isi|diunggah|terlalu|batas|sudah|surat|"
    r"persetujuan|dicatat|karakter|sama)\b",
    re.IGNORECASE,
)


def _stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _outcome(response) -> tuple[list[str], list[str]]:
    assert response.status_code in (302, 400), response.status_code
    found = list(get_messages(response.wsgi_request))
    errors = [str(m) for m in found if m.level == constants.ERROR]
    others = [str(m) for m in found if m.level != constants.ERROR]
    assert found, "no message at all"
    for text in errors + others:
        assert INDONESIAN.search(text), text
    return errors, others


@FUZZ
@given(upload=uploads())
def test_evidence_upload_survives_hostile_files(
    client_for, operator, dinkes_answer, upload
):
    name, content = upload
    client = client_for(operator)
    rows, files = Evidence.objects.count(), len(_stored_files())
    body, content_type = multipart({}, f"e{dinkes_answer.pk}-files", name, content)
    response = client.generic(
        "POST",
        reverse("reporting:evidence-upload", args=[dinkes_answer.pk]),
        body,
        content_type=content_type,
    )
    if response.status_code == 400:  # the multipart body itself was refused
        assert Evidence.objects.count() == rows
        return
    errors, _ = _outcome(response)
    if errors:
        assert Evidence.objects.count() == rows
        assert len(_stored_files()) == files
    else:  # a real file under its real name: stored once, then removed again
        evidence = Evidence.objects.latest("pk")
        assert evidence.file.size == len(content)
        evidence.file.delete(save=False)
        evidence.delete()


@FUZZ
@given(upload=uploads())
def test_approval_letter_upload_survives_hostile_files(
    client_for, regency_staff, assessment, upload
):
    name, content = upload
    client = client_for(regency_staff)
    rows, files = Approval.objects.count(), len(_stored_files())
    fields = {
        "approver_name": "Drs. Contoh",
        "approver_position": "Sekretaris Daerah",
        "approved_on": "2026-03-01",
    }
    body, content_type = multipart(fields, "letter", name, content)
    response = client.generic(
        "POST",
        reverse("reporting:approval", args=[assessment.pk]),
        body,
        content_type=content_type,
    )
    if response.status_code == 400:
        assert Approval.objects.count() == rows
        return
    errors, _ = _outcome(response)
    if errors:
        assert Approval.objects.count() == rows
        assert len(_stored_files()) == files
    else:
        approval = Approval.objects.latest("pk")
        assert approval.file.size == len(content)
        approval.file.delete(save=False)
        approval.delete()
