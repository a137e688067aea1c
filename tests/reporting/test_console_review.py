"""The Kanwil's console as a verifier works in it: the review page's filters (read
and checked on the server), the queue's order on every database, and the first page
saying where to start."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from reporting.models import Answer, Assessment
from reporting.services.answers import answer_save
from reporting.services.assessments import assessments_open
from reporting.services.evidence import evidence_attach
from reporting.services.verification import (
    answer_return,
    answers_accept_bulk,
    assessment_return_to_region,
)
from reporting.services.workflow import assessment_submit
from tests.cast import approve
from tests.files import pdf_upload

pytestmark = pytest.mark.django_db

A = Assessment.Status
S = Answer.Status
ROW = re.compile(r'<tr id="jawaban-(\d+)"')


def _review(client, assessment, **query) -> str:
    url = reverse("admin:reporting_assessment_review", args=[assessment.pk])
    response = client.get(url, query)
    assert response.status_code == 200
    return response.content.decode()


def _shown(html: str) -> set[int]:
    return {int(pk) for pk in ROW.findall(html)}


def _valid_raw(answer) -> str:
    """A valid answer of the indicator's kind, as a person would type it."""
    indicator = answer.indicator
    if indicator.answer_kind == "yes_no":
        return "ya"
    if indicator.answer_kind == "choice":
        return indicator.options[0]["label"]
    return "70"


def _ids(answers) -> set[int]:
    return {a.pk for a in answers}


@pytest.fixture
def round_one(assessment, regency_staff, verifier):
    """Salatiga submitted with files on three answers; its verifier has returned two
    Dinas Kesehatan answers and accepted ten others; the rest wait."""
    answers = list(
        assessment.answers.order_by("indicator__category__order", "indicator__order")
    )
    with_files = answers[:3]
    for answer in with_files:
        evidence_attach(answer=answer, uploads=[pdf_upload()], actor=regency_staff)
    approve(assessment, regency_staff)
    assessment_submit(assessment=assessment, actor=regency_staff)
    returned = [a for a in answers if a.agency.agency_type.code == "dinkes"][:2]
    for answer in returned:
        answer_return(
            answer=answer, reasons=["incomplete"], note="Lengkapi", actor=verifier
        )
    accepted = [a for a in answers if a not in returned][:10]
    answers_accept_bulk(
        assessment=assessment, answer_ids=list(_ids(accepted)), actor=verifier
    )
    return {
        "assessment": assessment,
        "all": answers,
        "with_files": with_files,
        "returned": returned,
        "accepted": accepted,
    }


def test_filters_show_what_they_name(round_one, verifier, client_for):
    world = round_one
    assessment = world["assessment"]
    client = client_for(verifier)
    waiting = _ids(world["all"]) - _ids(world["returned"]) - _ids(world["accepted"])
    assert len(waiting) == 108

    html = _review(client, assessment)
    assert _shown(html) == _ids(world["all"])
    # The bar counts the whole kab/kota, whatever the filter.
    assert re.search(r'data-count="undecided">[^<]*<strong>108<', html)
    assert re.search(r'data-count="decided">[^<]*<strong>12<', html)
    assert re.search(r'data-count="returned">[^<]*<strong>2<', html)

    assert _shown(_review(client, assessment, keputusan="belum")) == waiting
    assert _shown(_review(client, assessment, keputusan="dikembalikan")) == _ids(
        world["returned"]
    )
    assert _shown(_review(client, assessment, berkas="ada")) == _ids(
        world["with_files"]
    )
    assert _shown(_review(client, assessment, berkas="tanpa")) == _ids(
        world["all"]
    ) - _ids(world["with_files"])
    both = _review(client, assessment, keputusan="belum", berkas="ada")
    assert _shown(both) == waiting & _ids(world["with_files"])
    assert re.search(r'data-count="undecided">[^<]*<strong>108<', both)

    # First round: nothing has changed since a previous one.
    first = _review(client, assessment, berubah="1")
    assert _shown(first) == set()
    assert "Ini putaran pertama" in first


def test_a_filter_the_page_does_not_know_shows_everything_and_says_so(
    round_one, verifier, client_for
):
    assessment = round_one["assessment"]
    html = _review(client_for(verifier), assessment, keputusan="semua'; --")
    assert "Saringan tidak dikenal; semua jawaban ditampilkan." in html
    assert _shown(html) == _ids(round_one["all"])


def test_changed_since_the_last_round_reads_the_review_history(
    round_one, verifier, operator, regency_staff, client_for
):
    world = round_one
    assessment = world["assessment"]
    rest = _ids(world["all"]) - _ids(world["returned"]) - _ids(world["accepted"])
    answers_accept_bulk(assessment=assessment, answer_ids=list(rest), actor=verifier)
    assessment_return_to_region(assessment=assessment, actor=verifier)
    by_value, by_file = (Answer.objects.get(pk=a.pk) for a in world["returned"])
    answer_save(
        answer=by_value,
        raw_value=_valid_raw(by_value),
        note="diperbaiki",
        expected_version=by_value.version,
        actor=operator,
    )
    evidence_attach(answer=by_file, uploads=[pdf_upload("sk-baru.pdf")], actor=operator)
    assessment_submit(assessment=assessment, actor=regency_staff)

    client = client_for(verifier)
    changed = _review(client, assessment, berubah="1")
    assert _shown(changed) == {by_value.pk, by_file.pk}
    assert "Putaran sebelumnya berakhir" in changed
    assert _shown(_review(client, assessment, keputusan="belum")) == {
        by_value.pk,
        by_file.pk,
    }
    assert _shown(_review(client, assessment, berkas="ada")) == _ids(
        world["with_files"]
    ) | {by_file.pk}


def test_a_decision_returns_to_the_same_filter_at_the_next_waiting_answer(
    round_one, verifier, client_for
):
    assessment = round_one["assessment"]
    waiting = list(
        assessment.answers.filter(status=S.SUBMITTED).order_by(
            "indicator__category__order", "indicator__order"
        )
    )
    url = reverse("admin:reporting_assessment_decide", args=[assessment.pk])
    response = client_for(verifier).post(
        url,
        {"answer": waiting[0].pk, "decision": "accept", "keep": "keputusan=belum"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(
        f"/verifikasi/?keputusan=belum#jawaban-{waiting[1].pk}"
    )
    # Only the page's own filters travel back; anything else is dropped.
    response = client_for(verifier).post(
        url,
        {
            "answer": waiting[1].pk,
            "decision": "accept",
            "keep": "keputusan=zzz&next=//contoh.test",
        },
    )
    assert response["Location"].endswith(f"/verifikasi/#jawaban-{waiting[2].pk}")


# --- the queue and the first page -------------------------------------------------


@pytest.fixture
def queue_world(opened_year, verifier):
    """Four kab/kota of Jawa Tengah: one never sent, one sent long ago and verified,
    one resubmitted ten days ago, one submitted three days ago."""
    assessments_open(
        catalogue=opened_year,
        deadline=timezone.now() + datetime.timedelta(days=30),
        actor=None,
        regency_codes=["33.01", "33.03"],
    )
    now = timezone.now()
    mine = Assessment.objects.filter(catalogue=opened_year)
    states = {
        "33.01": (A.DRAFT, None),
        "33.03": (A.VERIFIED, now - datetime.timedelta(days=20)),
        "33.73": (A.RESUBMITTED, now - datetime.timedelta(days=10)),
        "33.02": (A.SUBMITTED, now - datetime.timedelta(days=3)),
    }
    for code, (status, sent) in states.items():
        mine.filter(regency_id=code).update(status=status, submitted_at=sent)
    return opened_year


def test_the_queue_lists_the_longest_waiting_first_and_unsent_last(
    queue_world, verifier, client_for
):
    response = client_for(verifier).get(
        reverse("admin:reporting_assessment_changelist")
    )
    assert response.status_code == 200
    order = [a.regency_id for a in response.context["cl"].result_list]
    # Ordering by the sending date alone puts 33.01 (never sent) first on SQLite
    # and 33.03 (verified long ago) first on PostgreSQL.
    assert order == ["33.73", "33.02", "33.03", "33.01"]


def test_the_first_page_tells_a_verifier_where_to_start(
    queue_world, verifier, client_for
):
    html = client_for(verifier).get(reverse("admin:index")).content.decode()
    hint = html[html.index('class="module start-hint"') :]
    hint = hint[: hint.index("</section>")]
    assert 'data-waiting="2"' in hint
    assert "2 kabupaten/kota menunggu verifikasi (1 dikirim ulang" in hint
    salatiga = Assessment.objects.get(catalogue=queue_world, regency_id="33.73")
    banyumas = Assessment.objects.get(catalogue=queue_world, regency_id="33.02")
    first = reverse("admin:reporting_assessment_review", args=[salatiga.pk])
    second = reverse("admin:reporting_assessment_review", args=[banyumas.pk])
    assert hint.index(first) < hint.index(second)
    assert "menunggu 10 hari" in hint
    assert "Kota Palu" not in hint  # another province's


def test_the_start_hint_is_for_verifiers(queue_world, ministry, client_for):
    html = client_for(ministry).get(reverse("admin:index")).content.decode()
    assert "Mulai dari sini" not in html


def test_a_refused_decision_comes_back_to_its_answer(round_one, verifier, client_for):
    assessment = round_one["assessment"]
    answer = assessment.answers.filter(status=S.SUBMITTED).first()
    url = reverse("admin:reporting_assessment_decide", args=[assessment.pk])
    response = client_for(verifier).post(
        url,
        {"answer": answer.pk, "decision": "return", "keep": "berkas=tanpa"},
    )
    assert response["Location"].endswith(
        f"/verifikasi/?berkas=tanpa#jawaban-{answer.pk}"
    )
    answer.refresh_from_db()
    assert answer.status == S.SUBMITTED
