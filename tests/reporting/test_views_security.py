"""Nobody reads or changes another agency's or kab/kota's answers or evidence, by URL either."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from reporting.services.evidence import evidence_attach
from tests.files import PDF, pdf_upload

pytestmark = pytest.mark.django_db


def _evidence(answer, actor):
    return evidence_attach(
        answer=answer, uploads=[pdf_upload("sk.pdf")], actor=actor
    ).stored[0]


def test_operator_sees_only_own_agency_answers_on_a_category_page(
    client_for, operator, assessment
):
    url = reverse("reporting:category", args=[assessment.pk, "K06"])
    cards = client_for(operator).get(url).context["cards"]
    assert cards
    assert {c["answer"].agency.agency_type.code for c in cards} == {"dinkes"}


def test_operator_cannot_open_or_save_another_agencys_answer(
    client_for, operator, other_agency_answer
):
    client = client_for(operator)
    response = client.post(
        reverse("reporting:answer-save", args=[other_agency_answer.pk]),
        {
            f"a{other_agency_answer.pk}-raw_value": "ya",
            f"a{other_agency_answer.pk}-version": "0",
        },
    )
    assert response.status_code == 404
    other_agency_answer.refresh_from_db()
    assert other_agency_answer.raw_value == ""


def test_operator_cannot_download_another_agencys_evidence(
    client_for, operator, regency_staff, other_agency_answer
):
    evidence = _evidence(other_agency_answer, regency_staff)
    url = reverse("reporting:evidence-download", args=[evidence.pk])
    assert client_for(operator).get(url).status_code == 404


def test_other_regency_cannot_open_assessment_or_evidence(
    client_for, other_regency_staff, operator, dinkes_answer, banyumas_assessment
):
    evidence = _evidence(dinkes_answer, operator)
    client = client_for(other_regency_staff)
    assert (
        client.get(
            reverse("reporting:assessment-detail", args=[dinkes_answer.assessment_id])
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("reporting:evidence-download", args=[evidence.pk])
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("reporting:evidence-delete", args=[evidence.pk])
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("reporting:submit", args=[dinkes_answer.assessment_id])
        ).status_code
        == 404
    )


def test_foreign_verifier_cannot_download(
    client_for, foreign_verifier, operator, dinkes_answer
):
    evidence = _evidence(dinkes_answer, operator)
    url = reverse("reporting:evidence-download", args=[evidence.pk])
    assert client_for(foreign_verifier).get(url).status_code == 404


def test_download_is_an_attachment_that_is_never_rendered(
    client_for, verifier, operator, dinkes_answer
):
    evidence = _evidence(dinkes_answer, operator)
    response = client_for(verifier).get(
        reverse("reporting:evidence-download", args=[evidence.pk])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="sk.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PDF


def test_media_files_have_no_public_url(client, operator, dinkes_answer, settings):
    evidence = _evidence(dinkes_answer, operator)
    assert client.get(f"/media/{evidence.file.name}").status_code == 404
    assert client.get(f"{settings.MEDIA_URL}{evidence.file.name}").status_code == 404


def test_anonymous_download_goes_to_login(client, operator, dinkes_answer):
    evidence = _evidence(dinkes_answer, operator)
    response = client.get(reverse("reporting:evidence-download", args=[evidence.pk]))
    assert response.status_code == 302


def test_http_upload_with_dotted_path_name_stays_inside_evidence(
    client_for, operator, dinkes_answer, settings
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("x.pdf", PDF)
    client = client_for(operator)
    url = reverse("reporting:evidence-upload", args=[dinkes_answer.pk])
    payload = (
        b'--B\r\nContent-Disposition: form-data; name="e%d-files"; '
        b'filename="../../etc/passwd.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
        % dinkes_answer.pk
        + bad.read()
        + b"\r\n--B--\r\n"
    )
    client.generic("POST", url, payload, content_type="multipart/form-data; boundary=B")
    stored = dinkes_answer.evidence.get()
    assert stored.original_name == "passwd.pdf"
    path = Path(stored.file.path).resolve()
    assert path.is_relative_to(Path(settings.MEDIA_ROOT).resolve() / "evidence")


def test_upload_of_a_renamed_executable_shows_a_clear_message(
    client_for, operator, dinkes_answer
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("reporting:evidence-upload", args=[dinkes_answer.pk])
    response = client_for(operator).post(
        url,
        {
            f"e{dinkes_answer.pk}-files": SimpleUploadedFile(
                "laporan.pdf", b"MZ\x90\x00"
            )
        },
        follow=True,
    )
    assert "bukan jenis yang diizinkan" in response.content.decode()
    assert not dinkes_answer.evidence.exists()


def test_csrf_is_required_for_saving(operator, dinkes_answer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(operator, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(
        reverse("reporting:answer-save", args=[dinkes_answer.pk]),
        {f"a{dinkes_answer.pk}-raw_value": "1", f"a{dinkes_answer.pk}-version": "0"},
    )
    assert response.status_code == 403
