from __future__ import annotations

import pytest
from django.urls import reverse

from reporting.models import Answer
from tests.files import pdf_upload

pytestmark = pytest.mark.django_db


def _review(pk):
    return reverse("admin:reporting_assessment_review", args=[pk])


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("verifier", 200),
        ("ministry", 200),
        ("administrator", 200),
        ("foreign_verifier", 404),
        ("operator", 403),
        ("regency_staff", 403),
    ],
)
def test_review_page_by_role(request, client_for, submitted, who, status):
    user = request.getfixturevalue(who)
    assert client_for(user).get(_review(submitted.pk)).status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("foreign_verifier", 404),
        ("operator", 403),
        ("regency_staff", 403),
    ],
)
def test_decisions_by_outsiders_are_refused_and_change_nothing(
    request, client_for, submitted, who, status
):
    user = request.getfixturevalue(who)
    answer = submitted.answers.first()
    url = reverse("admin:reporting_assessment_decide", args=[submitted.pk])
    response = client_for(user).post(url, {"answer": answer.pk, "decision": "accept"})
    assert response.status_code == status
    answer.refresh_from_db()
    assert answer.status == Answer.Status.SUBMITTED


def test_assessor_sees_the_page_but_cannot_decide(client_for, ministry, submitted):
    answer = submitted.answers.first()
    url = reverse("admin:reporting_assessment_decide", args=[submitted.pk])
    response = client_for(ministry).post(
        url, {"answer": answer.pk, "decision": "accept"}, follow=True
    )
    assert "Hanya verifikator Kanwil" in response.content.decode()
    answer.refresh_from_db()
    assert answer.status == Answer.Status.SUBMITTED


def test_verifier_returns_with_reasons_through_the_console(
    client_for, verifier, submitted
):
    answer = submitted.answers.first()
    url = reverse("admin:reporting_assessment_decide", args=[submitted.pk])
    client = client_for(verifier)
    client.post(
        url,
        {
            "answer": answer.pk,
            "decision": "return",
            "reasons": ["mismatch"],
            "note": "Lampirkan SK yang berlaku",
        },
    )
    answer.refresh_from_db()
    assert answer.status == Answer.Status.RETURNED
    assert answer.review_reasons == ["mismatch"]
    page = client.get(_review(submitted.pk)).content.decode()
    assert "Data dukung tidak sesuai dengan indikator" in page
    assert "Lampirkan SK yang berlaku" in page


def test_review_page_queries_do_not_grow_with_evidence(
    client_for, verifier, submitted, django_assert_max_num_queries
):
    from django.db import connection

    def count():
        seen = []
        with connection.execute_wrapper(
            lambda ex, sql, p, m, c: seen.append(1) or ex(sql, p, m, c)
        ):
            assert client.get(_review(submitted.pk)).status_code == 200
        return len(seen)

    from django.core.files.base import ContentFile

    from reporting.models import Evidence

    def add(n, answer):
        e = Evidence(
            answer=answer,
            original_name=f"f{n}.pdf",
            size=1,
            sha256=f"{n:064d}",
            content_type="application/pdf",
            uploaded_by=verifier,
        )
        e.file.save("x", ContentFile(b"%PDF-1.4"), save=False)
        e.save()

    client = client_for(verifier)
    answers = list(submitted.answers.all()[:20])
    add(0, answers[0])
    # Each view also queues missing previews: a fixed number of queries, not per file.
    before = count()
    for n, answer in enumerate(answers[1:], start=1):
        add(n, answer)
    assert count() == before


def test_evidence_preview_is_permission_checked(
    client_for, verifier, foreign_verifier, operator, dinkes_answer
):
    from reporting.services.evidence import evidence_attach
    from tests.files import png, upload

    evidence = evidence_attach(
        answer=dinkes_answer, uploads=[upload("foto.png", png())], actor=operator
    ).stored[0]
    url = reverse("reporting:evidence-preview", args=[evidence.pk])
    response = client_for(verifier).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert client_for(foreign_verifier).get(url).status_code == 404


def test_pdf_preview_is_the_first_page_as_png(
    client_for, verifier, operator, dinkes_answer, django_capture_on_commit_callbacks
):
    from reporting.services.evidence import evidence_attach

    evidence = evidence_attach(
        answer=dinkes_answer, uploads=[pdf_upload()], actor=operator
    ).stored[0]
    client = client_for(verifier)
    url = reverse("reporting:evidence-preview", args=[evidence.pk])
    # Not drawn until the review page asks the worker (eager here) to draw it.
    assert client.get(url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(_review(dinkes_answer.assessment_id))
    assert "Pratinjau sedang dibuat" in page.content.decode()
    page = client.get(_review(dinkes_answer.assessment_id))
    assert url in page.content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response.content.startswith(b"\x89PNG")


def test_region_timeline_shows_changes(
    client_for, regency_staff, dinkes_answer, operator
):
    from reporting.services.answers import answer_save

    answer_save(
        answer=dinkes_answer,
        raw_value="40",
        note="",
        expected_version=0,
        actor=operator,
    )
    dinkes_answer.refresh_from_db()
    answer_save(
        answer=dinkes_answer,
        raw_value="45",
        note="",
        expected_version=1,
        actor=operator,
    )
    page = (
        client_for(regency_staff)
        .get(reverse("reporting:timeline", args=[dinkes_answer.assessment_id]))
        .content.decode()
    )
    assert "jawaban: “40” → “45”" in page


def test_region_timeline_names_statuses_and_dates_in_indonesian(
    client_for, regency_staff, dinkes_answer, operator
):
    from reporting.services.answers import answer_save
    from reporting.services.evidence import evidence_attach
    from reporting.services.workflow import answer_mark_ready
    from tests.cast import approve
    from tests.files import png, upload

    evidence_attach(
        answer=dinkes_answer,
        uploads=[upload("foto.png", png())],
        actor=operator,
        effective_date=None,
    )
    dinkes_answer.refresh_from_db()
    answer = answer_save(
        answer=dinkes_answer,
        raw_value="40",
        note="",
        expected_version=dinkes_answer.version,
        actor=operator,
    ).answer
    answer_mark_ready(answer=answer, actor=operator)
    approve(dinkes_answer.assessment, regency_staff)
    page = (
        client_for(regency_staff)
        .get(reverse("reporting:timeline", args=[dinkes_answer.assessment_id]))
        .content.decode()
    )
    assert "Draf → Siap dikirim" in page
    assert "status: “Draf” → “Siap dikirim”" in page
    assert "Persetujuan dicatat: Drs. Contoh, Sekretaris Daerah (1 Maret 2026)" in page
    for raw in ("draft", "ready", "2026-03-01"):
        assert raw not in page.replace('data-status="draft"', "")


ENDPOINTS = [
    "reporting_assessment_return",
    "reporting_assessment_forward",
    "reporting_assessment_adjust",
    "reporting_assessment_finalise",
]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("foreign_verifier", 404),
        ("operator", 403),
        ("regency_staff", 403),
    ],
)
def test_console_actions_refuse_outsiders(
    request, client_for, submitted, endpoint, who, status
):
    user = request.getfixturevalue(who)
    before = submitted.status
    response = client_for(user).post(
        reverse(f"admin:{endpoint}", args=[submitted.pk]),
        {"kind": "bonus", "points": "1", "basis": "x"},
    )
    assert response.status_code == status
    submitted.refresh_from_db()
    assert submitted.status == before
    assert not submitted.adjustments.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("verifier", 403),
        ("administrator", 403),
        ("operator", 403),
        ("ministry", 200),
    ],
)
def test_publish_page_is_for_the_assessment_team(
    request, client_for, submitted, who, status
):
    user = request.getfixturevalue(who)
    response = client_for(user).get(reverse("admin:reporting_assessment_publish"))
    assert response.status_code == status


def test_verifier_cannot_forward_from_the_console_before_all_accepted(
    client_for, verifier, submitted
):
    response = client_for(verifier).post(
        reverse("admin:reporting_assessment_forward", args=[submitted.pk]), follow=True
    )
    assert "semua jawaban diterima" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


@pytest.mark.parametrize(
    ("person", "shown", "hidden"),
    [
        ("verifier", [], ["/buka/", "/terbitkan/"]),
        ("ministry", ["/terbitkan/"], ["/buka/"]),
        ("administrator", ["/buka/"], ["/terbitkan/"]),
    ],
)
def test_console_year_tools_only_for_who_may_use_them(
    request, client_for, opened_year, person, shown, hidden
):
    client = client_for(request.getfixturevalue(person))
    page = client.get(reverse("admin:reporting_assessment_changelist")).content.decode()
    base = reverse("admin:reporting_assessment_changelist")
    for tail in shown:
        assert f'href="{base}{tail.lstrip("/")}"' in page
        assert client.get(f"{base}{tail.lstrip('/')}").status_code == 200
    for tail in hidden:
        assert f'href="{base}{tail.lstrip("/")}"' not in page
        assert client.get(f"{base}{tail.lstrip('/')}").status_code == 403
