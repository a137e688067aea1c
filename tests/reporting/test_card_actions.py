"""Mark ready, upload and removal on the category page: an htmx request gets that
answer's card alone, with the outcome in it; a plain request goes back to the page
with the same messages. Refusals change nothing either way."""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from reporting.models import Answer, Evidence, ReviewEvent
from reporting.services.answers import answer_save
from reporting.services.evidence import evidence_attach
from reporting.services.workflow import answer_transition
from tests.files import pdf_upload, upload

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _filled(answer: Answer, actor) -> Answer:
    answer_save(
        answer=answer,
        raw_value="87,5",
        note="",
        actor=actor,
        expected_version=answer.version,
    )
    return Answer.objects.get(pk=answer.pk)


def _only_the_card(response, answer: Answer) -> str:
    """The response is one card (that answer's) and the live region, no page."""
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and "<main" not in html
    assert re.findall(r"<article [^>]*data-answer=\"(\d+)\"", html) == [str(answer.pk)]
    assert f'id="indikator-{answer.indicator.code}"' in html
    assert 'id="card-news" hx-swap-oob="innerHTML"' in html
    return html


def _told(html: str) -> str:
    """The card's own message block."""
    found = re.search(r"<div class=\"card-outcome\"[^>]*>(.*?)</div></div>", html, re.S)
    assert found, "no message in the card"
    return found.group(1)


def test_htmx_mark_ready_of_an_empty_answer_is_refused_in_the_card(
    client_for, operator, dinkes_answer
):
    url = reverse("reporting:answer-ready", args=[dinkes_answer.pk])
    client = client_for(operator)
    response = client.post(url, **HTMX)
    html = _only_the_card(response, dinkes_answer)
    assert "alert-danger" in _told(html)
    assert "belum diisi" in _told(html)
    fresh = Answer.objects.get(pk=dinkes_answer.pk)
    assert fresh.status == Answer.Status.DRAFT
    assert fresh.version == dinkes_answer.version
    assert not ReviewEvent.objects.filter(answer=dinkes_answer).exists()
    # Told in the card, not kept for the next page as well.
    assert list(get_messages(response.wsgi_request)) == []


def test_plain_mark_ready_still_goes_back_to_the_page_with_the_message(
    client_for, operator, dinkes_answer
):
    url = reverse("reporting:answer-ready", args=[dinkes_answer.pk])
    response = client_for(operator).post(url, follow=True)
    code = dinkes_answer.indicator.code
    assert response.redirect_chain[0][0].endswith(f"/kategori/K06/#indikator-{code}")
    page = response.content.decode()
    assert "<main" in page and "belum diisi" in page
    assert Answer.objects.get(pk=dinkes_answer.pk).status == Answer.Status.DRAFT


def test_htmx_mark_ready_returns_the_card_in_its_new_state(
    client_for, operator, dinkes_answer
):
    answer = _filled(dinkes_answer, operator)
    evidence_attach(answer=answer, uploads=[pdf_upload()], actor=operator)
    url = reverse("reporting:answer-ready", args=[answer.pk])
    html = _only_the_card(client_for(operator).post(url, **HTMX), answer)
    assert f"{answer.indicator.code}: ditandai siap dikirim." in _told(html)
    assert 'data-status="ready"' in html
    assert "Tandai siap dikirim" not in html  # nothing left to mark
    assert Answer.objects.get(pk=answer.pk).status == Answer.Status.READY


def test_htmx_upload_shows_the_file_in_the_card(client_for, operator, dinkes_answer):
    url = reverse("reporting:evidence-upload", args=[dinkes_answer.pk])
    response = client_for(operator).post(
        url, {f"e{dinkes_answer.pk}-files": pdf_upload("sk-dinkes.pdf")}, **HTMX
    )
    html = _only_the_card(response, dinkes_answer)
    code = dinkes_answer.indicator.code
    assert f"{code}: diunggah sk-dinkes.pdf." in _told(html)
    assert ">sk-dinkes.pdf</a>" in html
    assert re.search(r'id="card-news"[^>]*>[^<]*diunggah sk-dinkes.pdf', html)
    # The card's answer form carries the version the upload moved the answer to.
    version = Answer.objects.get(pk=dinkes_answer.pk).version
    assert version == dinkes_answer.version + 1
    assert f'name="a{dinkes_answer.pk}-version" value="{version}"' in html


def test_htmx_upload_of_a_renamed_executable_is_refused_in_the_card(
    client_for, operator, dinkes_answer
):
    url = reverse("reporting:evidence-upload", args=[dinkes_answer.pk])
    response = client_for(operator).post(
        url,
        {f"e{dinkes_answer.pk}-files": upload("laporan.pdf", b"MZ\x90\x00")},
        **HTMX,
    )
    html = _only_the_card(response, dinkes_answer)
    assert "bukan jenis yang diizinkan" in _told(html)
    assert "alert-danger" in _told(html)
    assert not Evidence.all_objects.filter(answer=dinkes_answer).exists()
    assert Answer.objects.get(pk=dinkes_answer.pk).version == dinkes_answer.version


def test_htmx_upload_without_a_file_is_refused_in_the_card(
    client_for, operator, dinkes_answer
):
    url = reverse("reporting:evidence-upload", args=[dinkes_answer.pk])
    response = client_for(operator).post(url, {}, **HTMX)
    html = _only_the_card(response, dinkes_answer)
    assert "alert-danger" in _told(html)
    assert "Pilih sedikitnya satu berkas." in _told(html)
    assert not Evidence.all_objects.filter(answer=dinkes_answer).exists()


def test_plain_upload_still_goes_back_to_the_page(client_for, operator, dinkes_answer):
    url = reverse("reporting:evidence-upload", args=[dinkes_answer.pk])
    response = client_for(operator).post(
        url, {f"e{dinkes_answer.pk}-files": pdf_upload("sk-dinkes.pdf")}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#indikator-{dinkes_answer.indicator.code}")
    assert dinkes_answer.evidence.get().original_name == "sk-dinkes.pdf"


def test_htmx_removal_takes_the_file_out_of_the_card(
    client_for, operator, dinkes_answer
):
    stored = evidence_attach(
        answer=dinkes_answer, uploads=[pdf_upload("lama.pdf")], actor=operator
    ).stored[0]
    url = reverse("reporting:evidence-delete", args=[stored.pk])
    html = _only_the_card(client_for(operator).post(url, **HTMX), dinkes_answer)
    assert "lama.pdf dihapus." in _told(html)
    assert ">lama.pdf</a>" not in html
    assert "Belum ada berkas." in html
    assert not dinkes_answer.evidence.exists()


def test_htmx_removal_from_a_locked_answer_is_refused_in_the_card(
    client_for, operator, regency_staff, dinkes_answer
):
    stored = evidence_attach(
        answer=dinkes_answer, uploads=[pdf_upload("lama.pdf")], actor=operator
    ).stored[0]
    answer = Answer.objects.get(pk=dinkes_answer.pk)
    answer_transition(answer=answer, to=Answer.Status.SUBMITTED, actor=regency_staff)
    url = reverse("reporting:evidence-delete", args=[stored.pk])
    html = _only_the_card(client_for(operator).post(url, **HTMX), dinkes_answer)
    assert "alert-danger" in _told(html)
    assert ">lama.pdf</a>" in html
    assert Evidence.objects.filter(pk=stored.pk).exists()


def test_htmx_request_for_another_agencys_answer_is_still_404(
    client_for, operator, other_agency_answer
):
    url = reverse("reporting:answer-ready", args=[other_agency_answer.pk])
    assert client_for(operator).post(url, **HTMX).status_code == 404
