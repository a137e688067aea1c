from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from files.checks import clean_name
from kernel.errors import Refusal
from reporting.models import Evidence
from reporting.services.evidence import evidence_attach, evidence_remove
from tests.files import PDF, docx, pdf_upload, png, upload
from tests.storage import stored_names

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("storage_backend")]


def _attach(answer, actor, *uploads):
    return evidence_attach(answer=answer, uploads=list(uploads), actor=actor)


def test_several_files_at_once_with_hash_and_type(dinkes_answer, operator, settings):
    result = _attach(
        dinkes_answer,
        operator,
        pdf_upload("sk.pdf"),
        upload("foto.png", png()),
        upload("laporan.docx", docx()),
    )
    assert [e.original_name for e in result.stored] == [
        "sk.pdf",
        "foto.png",
        "laporan.docx",
    ]
    pdf = result.stored[0]
    assert pdf.sha256 == hashlib.sha256(PDF).hexdigest()
    assert pdf.content_type == "application/pdf"
    assert pdf.size == len(PDF)
    # Stored under a random name in storage, evidence/<kab/kota>/<year>/.
    assert pdf.file.name.startswith("evidence/33.73/2026/")
    assert "sk" not in Path(pdf.file.name).name
    assert len(stored_names()) == 3


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "program.pdf",
            b"MZ\x90\x00\x03" + b"\x00" * 200,
            "bukan jenis yang diizinkan",
        ),
        (
            "halaman.pdf",
            b"<html><script>alert(1)</script></html>",
            "bukan jenis yang diizinkan",
        ),
        (
            "gambar.png",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>',
            "bukan jenis yang diizinkan",
        ),
        (
            "halaman.html",
            b"<html><body>hai</body></html>",
            "bukan jenis yang diizinkan",
        ),
        ("kosong.pdf", b"", "kosong"),
        ("surat.docx", docx(with_macro=True), "memuat makro atau skrip"),
        ("nama-salah.docx", PDF, "adalah PDF"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_stored(
    dinkes_answer, operator, settings, name, content, message
):
    with pytest.raises(ValidationError, match=message):
        _attach(dinkes_answer, operator, upload(name, content))
    assert not Evidence.objects.exists()
    assert stored_names() == []


@pytest.mark.parametrize(
    "name", ["../../etc/passwd.pdf", "..\\boot.pdf", ".htaccess.pdf"]
)
def test_path_tricks_in_a_name_are_refused_by_the_check(name):
    # Django's multipart parser already cuts names to their base name; this check
    # guards every other caller of the evidence service.
    with pytest.raises(ValidationError, match="tidak boleh"):
        clean_name(name)


def test_oversize_file_is_refused(dinkes_answer, operator, settings):
    settings.EVIDENCE_MAX_FILE_MB = 1
    big = pdf_upload("besar.pdf", extra=b"0" * (1024 * 1024))
    with pytest.raises(ValidationError, match="batasnya 1 MB"):
        _attach(dinkes_answer, operator, big)
    assert not Evidence.objects.exists()


def test_total_per_answer_is_limited(dinkes_answer, operator, settings):
    settings.EVIDENCE_MAX_FILE_MB = 1
    settings.EVIDENCE_MAX_ANSWER_MB = 1
    _attach(dinkes_answer, operator, pdf_upload("a.pdf", extra=b"1" * 600_000))
    with pytest.raises(ValidationError, match="Total data dukung"):
        _attach(dinkes_answer, operator, pdf_upload("b.pdf", extra=b"2" * 600_000))
    assert Evidence.objects.count() == 1


def test_one_bad_file_in_a_batch_stores_none(dinkes_answer, operator, settings):
    with pytest.raises(ValidationError):
        _attach(
            dinkes_answer,
            operator,
            pdf_upload("baik.pdf"),
            upload("jahat.pdf", b"MZ!!"),
        )
    assert not Evidence.objects.exists()
    assert stored_names() == []


def test_duplicate_in_the_same_answer_is_refused(dinkes_answer, operator):
    _attach(dinkes_answer, operator, pdf_upload("sk.pdf"))
    with pytest.raises(ValidationError, match="sama persis"):
        _attach(dinkes_answer, operator, pdf_upload("sk-salinan.pdf"))


def test_same_file_on_another_indicator_is_accepted_with_a_note(
    assessment, dinkes_answer, operator
):
    other = (
        assessment.answers.filter(agency=dinkes_answer.agency)
        .exclude(pk=dinkes_answer.pk)
        .first()
    )
    _attach(dinkes_answer, operator, pdf_upload("sk.pdf"))
    result = _attach(other, operator, pdf_upload("sk.pdf"))
    assert dinkes_answer.indicator.code in result.notes[0]


def test_remove_while_draft_hides_the_file_and_keeps_its_bytes(
    dinkes_answer, operator, settings, django_capture_on_commit_callbacks
):
    evidence = _attach(dinkes_answer, operator, pdf_upload()).stored[0]
    with django_capture_on_commit_callbacks(execute=True):
        evidence_remove(evidence=evidence, actor=operator)
    assert not Evidence.objects.exists()
    assert Evidence.all_objects.get().removed_by == operator
    # Kept until the retention period ends (tests/reporting/test_evidence_removal.py).
    assert len(stored_names()) == 1


def test_other_agency_cannot_attach(other_agency_answer, operator):
    with pytest.raises(Refusal, match="OPD lain"):
        _attach(other_agency_answer, operator, pdf_upload())
