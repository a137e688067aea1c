"""An invalid value stops where it is typed: kept for its author, never sent, never
accepted, and flagged on every screen that shows the region's answer."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kernel.errors import Refusal
from reporting.models import Answer, Assessment
from reporting.selectors.answers import submission_summary
from reporting.services.answers import answer_save
from reporting.services.verification import answer_accept, answers_accept_bulk
from reporting.services.workflow import (
    answer_mark_ready,
    assessment_submit,
    completeness_problems,
)
from tests.cast import approve

pytestmark = pytest.mark.django_db

S = Answer.Status


def _type(answer, actor, raw):
    answer.refresh_from_db()
    return answer_save(
        answer=answer,
        raw_value=raw,
        note="",
        expected_version=answer.version,
        actor=actor,
    )


@pytest.mark.parametrize("raw", ["dua puluh", "140", "-3"])
def test_an_invalid_percentage_is_kept_but_cannot_be_marked_ready(
    dinkes_answer, operator, client_for, raw
):
    assert _type(dinkes_answer, operator, raw).error
    dinkes_answer.refresh_from_db()
    assert (dinkes_answer.raw_value, dinkes_answer.value) == (raw, None)
    assert dinkes_answer.input_invalid
    with pytest.raises(Refusal, match="belum diisi dengan benar"):
        answer_mark_ready(answer=dinkes_answer, actor=operator)

    # The field is marked where it was typed, and the message says it does not count.
    page = client_for(operator).get(
        reverse(
            "reporting:category",
            args=[dinkes_answer.assessment_id, dinkes_answer.indicator.category.code],
        )
    )
    html = page.content.decode()
    field = f'name="a{dinkes_answer.pk}-raw_value"'
    tag = html[
        html.rindex("<", 0, html.index(field)) : html.index(">", html.index(field))
    ]
    assert 'aria-invalid="true"' in tag and "is-invalid" in tag
    assert f'aria-describedby="problem-{dinkes_answer.pk}"' in tag
    assert f'id="problem-{dinkes_answer.pk}"' in html
    assert "belum valid dan tidak dihitung" in html


def test_a_valid_value_clears_the_mark(dinkes_answer, operator, client_for):
    _type(dinkes_answer, operator, "dua puluh")
    _type(dinkes_answer, operator, "20")
    dinkes_answer.refresh_from_db()
    assert not dinkes_answer.input_invalid
    page = client_for(operator).get(
        reverse(
            "reporting:category",
            args=[dinkes_answer.assessment_id, dinkes_answer.indicator.category.code],
        )
    )
    assert f'id="problem-{dinkes_answer.pk}"' not in page.content.decode()
    problems = " ".join(completeness_problems(dinkes_answer))
    assert "belum diisi dengan benar" not in problems


def test_the_coordinator_sees_the_invalid_value_flagged_and_cannot_send_it(
    assessment, dinkes_answer, operator, regency_staff, client_for
):
    _type(dinkes_answer, operator, "140")
    approve(assessment, regency_staff)
    code = dinkes_answer.indicator.code

    summary = submission_summary(assessment=assessment)
    assert summary.invalid == [code]
    assert code not in summary.empty
    assert summary.blocking

    client = client_for(regency_staff)
    html = client.get(
        reverse("reporting:review", args=[assessment.pk])
    ).content.decode()
    row = html[html.index(f"#indikator-{code}") :]
    row = row[: row.index("</tr>")]
    assert 'data-answer-flag="invalid"' in row and "Isian tidak valid" in row
    assert "Penilaian belum dapat dikirim" in html
    assert 'name="confirm"' not in html  # no send button while it blocks

    # The server refuses all the same, naming the indicator, and nothing moves.
    response = client.post(
        reverse("reporting:submit", args=[assessment.pk]),
        {"confirm": "yes"},
        follow=True,
    )
    assert f"Isian {code} tidak valid" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.DRAFT
    assert not assessment.answers.filter(status=S.SUBMITTED).exists()

    # Emptying the field is a choice the coordinator may make: then it is sent empty.
    _type(dinkes_answer, operator, "")
    summary = submission_summary(assessment=assessment)
    assert summary.invalid == [] and code in summary.empty
    assessment_submit(assessment=assessment, actor=regency_staff)
    dinkes_answer.refresh_from_db()
    assert (dinkes_answer.status, dinkes_answer.value) == (S.SUBMITTED, None)


def test_sending_asks_for_the_summary_to_be_confirmed(
    assessment, dinkes_answer, operator, regency_staff, client_for
):
    _type(dinkes_answer, operator, "75")
    approve(assessment, regency_staff)
    client = client_for(regency_staff)
    html = client.get(
        reverse("reporting:review", args=[assessment.pk])
    ).content.decode()
    total = assessment.answers.count()
    assert f"Yang akan dikirim: {total} indikator" in html
    empty = submission_summary(assessment=assessment).empty
    assert len(empty) == total - 1
    assert f"{total - 1} indikator kosong (bernilai nol)" in html

    response = client.post(
        reverse("reporting:submit", args=[assessment.pk]), follow=True
    )
    assert "centang persetujuan pengiriman" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.DRAFT

    response = client.post(
        reverse("reporting:submit", args=[assessment.pk]),
        {"confirm": "yes"},
        follow=True,
    )
    assert "Semua isian kini terkunci" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED


def test_an_operator_is_refused_before_any_confirmation(
    assessment, operator, client_for
):
    response = client_for(operator).post(
        reverse("reporting:submit", args=[assessment.pk]), follow=True
    )
    assert "centang persetujuan" not in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.DRAFT


@pytest.fixture
def sent_with_an_invalid_value(assessment, dinkes_answer, operator, regency_staff):
    """A submission made before invalid input was refused at sending: the text is
    in the answer, the value is not."""
    _type(dinkes_answer, operator, "75")
    other = (
        assessment.answers.filter(indicator__answer_kind="percentage")
        .exclude(pk=dinkes_answer.pk)
        .first()
    )
    _type(other, regency_staff, "55")
    approve(assessment, regency_staff)
    assessment_submit(assessment=assessment, actor=regency_staff)
    Answer.objects.filter(pk=dinkes_answer.pk).update(raw_value="dua puluh", value=None)
    dinkes_answer.refresh_from_db()
    other.refresh_from_db()
    return dinkes_answer, other


def test_the_kanwil_cannot_accept_an_invalid_value(
    sent_with_an_invalid_value, verifier, client_for
):
    invalid, valid = sent_with_an_invalid_value
    with pytest.raises(Refusal, match="tidak valid"):
        answer_accept(answer=invalid, actor=verifier)
    # All or none: a bulk acceptance that includes it accepts nothing.
    with pytest.raises(Refusal, match=invalid.indicator.code):
        answers_accept_bulk(
            assessment=invalid.assessment,
            answer_ids=[valid.pk, invalid.pk],
            actor=verifier,
        )
    valid.refresh_from_db()
    invalid.refresh_from_db()
    assert (valid.status, invalid.status) == (S.SUBMITTED, S.SUBMITTED)

    html = (
        client_for(verifier)
        .get(reverse("admin:reporting_assessment_review", args=[invalid.assessment_id]))
        .content.decode()
    )
    row = html[html.index(f'id="jawaban-{invalid.pk}"') :]
    row = row[: row.index("</tr>")]
    assert 'data-answer-flag="invalid"' in row
    assert 'name="answer_ids"' not in row and 'value="accept"' not in row
    assert 'value="return"' in row  # returning it to the region stays possible
    valid_row = html[html.index(f'id="jawaban-{valid.pk}"') :]
    valid_row = valid_row[: valid_row.index("</tr>")]
    assert 'name="answer_ids"' in valid_row and 'value="accept"' in valid_row

    assert answer_accept(answer=valid, actor=verifier).status == S.ACCEPTED
