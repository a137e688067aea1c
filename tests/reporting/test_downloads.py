"""Evidence and approval letters leave as attachments whose names cannot hurt anyone."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from django.urls import reverse

from reporting.services.evidence import evidence_attach
from tests.files import PDF, pdf_upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("storage_backend")]

NASTY = [
    ('laporan "final".pdf', "laporan _final_.pdf", "laporan _final_.pdf"),
    ("a\r\nSet-Cookie: x=1.pdf", "aSet-Cookie_ x_1.pdf", "aSet-Cookie: x=1.pdf"),
    (
        "Perda Nº 5 — Désa 文書.pdf",
        "Perda No 5 _ Desa __.pdf",
        "Perda Nº 5 — Désa 文書.pdf",
    ),
    ("../../etc/passwd", "_.._etc_passwd", "_.._etc_passwd"),
    ("..\\..\\boot.ini", "_.._boot.ini", "_.._boot.ini"),
    (".htaccess", "htaccess", "htaccess"),
    ("\u202egpj.exe", "gpj.exe", "gpj.exe"),
    ("", "berkas", "berkas"),
]


def _disposition_parts(header: str) -> tuple[str, str]:
    match = re.fullmatch(
        r"attachment; filename=\"([^\"\\\\]*)\"; filename\*=UTF-8''([A-Za-z0-9%._~-]*)",
        header,
    )
    assert match, header
    return match.group(1), unquote(match.group(2))


@pytest.mark.parametrize(("stored", "fallback", "exact"), NASTY)
def test_evidence_download_names_are_safe(
    client_for, operator, dinkes_answer, stored, fallback, exact
):
    evidence = evidence_attach(
        answer=dinkes_answer, uploads=[pdf_upload("sk.pdf")], actor=operator
    ).stored[0]
    # Names written before today's checks, or by an import, reach the header as stored.
    type(evidence).objects.filter(pk=evidence.pk).update(original_name=stored)
    response = client_for(operator).get(
        reverse("reporting:evidence-download", args=[evidence.pk])
    )
    assert response.status_code == 200
    header = response["Content-Disposition"]
    assert "\r" not in header and "\n" not in header
    assert _disposition_parts(header) == (fallback, exact)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF


def test_approval_letter_download_is_a_safe_attachment(
    client_for, regency_staff, submitted
):
    approval = submitted.approvals.get()
    type(approval).objects.filter(pk=approval.pk).update(
        original_name='surat "sekda"\n.pdf'
    )
    response = client_for(regency_staff).get(
        reverse("reporting:approval-download", args=[approval.pk])
    )
    assert response.status_code == 200
    assert _disposition_parts(response["Content-Disposition"]) == (
        "surat _sekda_.pdf",
        "surat _sekda_.pdf",
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_a_file_gone_from_the_storage_answers_404_with_a_reason_never_500(
    client_for, operator, dinkes_answer, caplog
):
    evidence = evidence_attach(
        answer=dinkes_answer, uploads=[pdf_upload("sk.pdf")], actor=operator
    ).stored[0]
    evidence.file.storage.delete(evidence.file.name)
    url = reverse("reporting:evidence-download", args=[evidence.pk])
    response = client_for(operator).get(url)
    assert response.status_code == 404
    body = response.content.decode()
    assert "Berkas tidak tersedia" in body
    assert "tidak ditemukan di penyimpanan" in body
    assert evidence.file.name in caplog.text
    # The row and the answer are untouched.
    assert type(evidence).objects.filter(pk=evidence.pk).exists()
