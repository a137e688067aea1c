"""Starting a year from last year's answers: drafts with the old values and the same
files, only what the catalogue maps, one click to keep or change, the Kanwil's view."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from files.services.removal import removed_files_purge
from kernel.errors import Refusal
from reporting.models import Answer, CarryDecision, Evidence
from reporting.services.carry import (
    answer_carry_change,
    answer_carry_keep,
    answers_carry_forward,
)
from reporting.services.evidence import evidence_remove
from tests.yeartwo.conftest import OLD_DATE, fresh

pytestmark = pytest.mark.django_db


def _stored_files(media) -> set[str]:
    return {str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()}


def _this(years, code: str) -> Answer:
    return years.this.answers.select_related("indicator").get(indicator__code=code)


def _last(years, code: str) -> Answer:
    return years.last.answers.get(indicator__code=code)


def test_year_opened_from_last_year_has_drafts_with_old_values_and_same_files(
    years, media
):
    files_before = _stored_files(media)
    result = answers_carry_forward(assessment=years.this, actor=years.coordinator)

    # Same code (K01.S01, K06.*, K10.S02 is renamed and unmapped) or mapped (X10.S01).
    assert sorted(result.carried) == ["K01.S01", "K06.P01", "K06.S01", "X10.S01"]
    for code, source in [
        ("K01.S01", "K01.S01"),
        ("K06.P01", "K06.P01"),
        ("K06.S01", "K06.S01"),
        ("X10.S01", "K10.S01"),
    ]:
        new, old = _this(years, code), _last(years, source)
        assert new.status == Answer.Status.DRAFT
        assert (new.raw_value, new.note, new.value) == (
            old.raw_value,
            old.note,
            old.value,
        )
        assert new.carried_from_id == old.pk and new.carry_pending
        # The same stored files (name, hash), as new rows of this year's answer.
        mine = [(e.file.name, e.sha256, e.original_name) for e in new.evidence.all()]
        theirs = [(e.file.name, e.sha256, e.original_name) for e in old.evidence.all()]
        assert mine == theirs and mine
        assert {e.carried_from_id for e in new.evidence.all()} == {
            e.pk for e in old.evidence.all()
        }
    # No answer of the new year is accepted; no byte was copied.
    assert not years.this.answers.filter(status=Answer.Status.ACCEPTED).exists()
    assert _stored_files(media) == files_before
    # The removed file of last year stays behind.
    assert _this(years, "K06.P01").evidence.count() == 1
    assert result.files == 4


def test_a_changed_catalogue_carries_only_mapped_indicators(years):
    result = answers_carry_forward(assessment=years.this, actor=years.coordinator)
    skipped = dict(result.skipped)
    # K10.S02 became X10.S02 and nobody mapped it; K01.S03 is marked not carried.
    assert skipped["X10.S02"] == "tidak ada padanannya di katalog 2026"
    assert skipped["K01.S03"] == "administrator menandainya tidak dibawa"
    assert skipped["K01.S02"] == "jawaban 2026 kosong"
    for code in ("X10.S02", "K01.S03", "K01.S02"):
        answer = _this(years, code)
        assert (answer.raw_value, answer.carried_from_id) == ("", None)
        assert not answer.evidence.exists()


def test_carrying_again_or_into_typed_answers_changes_nothing(years):
    typed = _this(years, "K06.S01")
    Answer.objects.filter(pk=typed.pk).update(raw_value="ya", version=3)
    first = answers_carry_forward(assessment=years.this, actor=years.coordinator)
    assert "K06.S01" not in first.carried
    assert dict(first.skipped)["K06.S01"] == "sudah diisi tahun ini"
    assert _this(years, "K06.S01").raw_value == "ya"
    with pytest.raises(Refusal, match="Tidak ada jawaban tahun 2026 yang dapat"):
        answers_carry_forward(assessment=years.this, actor=years.coordinator)
    assert Evidence.objects.filter(answer__assessment=years.this).count() == 3


def test_an_operator_carries_only_the_indicators_of_their_opd(years):
    result = answers_carry_forward(assessment=years.this, actor=fresh(years.operator))
    assert sorted(result.carried) == ["K06.P01", "K06.S01"]
    assert _this(years, "K01.S01").carried_from_id is None


def test_kanwil_may_not_carry_and_nothing_is_written(years):
    with pytest.raises(Refusal, match="Tidak ada indikator yang ditugaskan"):
        answers_carry_forward(assessment=years.this, actor=years.verifier)
    assert not years.this.answers.exclude(carried_from=None).exists()


def test_same_as_last_year_is_one_click_and_marks_ready(years):
    answers_carry_forward(assessment=years.this, actor=years.coordinator)
    answer = answer_carry_keep(answer=_this(years, "K01.S01"), actor=years.coordinator)
    answer.refresh_from_db()
    assert answer.carry_decision == CarryDecision.KEPT
    assert answer.status == Answer.Status.READY
    with pytest.raises(Refusal, match="tidak menunggu keputusan"):
        answer_carry_change(answer=answer, actor=years.coordinator)


def test_change_is_one_click_and_opens_the_form(years, client_for):
    answers_carry_forward(assessment=years.this, actor=years.coordinator)
    answer = _this(years, "K06.P01")
    page = reverse("reporting:category", args=[years.this.pk, "K06"])
    client = client_for(fresh(years.operator))
    html = client.get(page).content.decode()
    card = html[html.index('id="indikator-K06.P01"') :]
    card = card[: card.index("</article>")]
    assert "dari 2026" in card and "Sama dengan tahun lalu" in card
    assert reverse("reporting:answer-save", args=[answer.pk]) not in card
    # Without JavaScript: a plain post, then the page with the card's form.
    response = client.post(reverse("reporting:answer-change", args=[answer.pk]))
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.carry_decision == CarryDecision.CHANGED
    assert answer.status == Answer.Status.DRAFT
    html = client.get(page).content.decode()
    assert reverse("reporting:answer-save", args=[answer.pk]) in html


def test_keep_with_htmx_answers_with_the_card(years, client_for):
    answers_carry_forward(assessment=years.this, actor=years.coordinator)
    answer = _this(years, "K06.S01")
    client = client_for(fresh(years.operator))
    response = client.post(
        reverse("reporting:answer-keep", args=[answer.pk]), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "K06.S01: sama dengan tahun lalu, ditandai siap dikirim." in html
    assert 'data-status="ready"' in html


def test_old_evidence_is_flagged_against_the_data_year(years, client_for):
    answers_carry_forward(assessment=years.this, actor=years.coordinator)
    client = client_for(fresh(years.coordinator))
    html = client.get(
        reverse("reporting:category", args=[years.this.pk, "K01"])
    ).content.decode()
    card = html[html.index('id="indikator-K01.S01"') :]
    card = card[: card.index("</article>")]
    assert "lebih lama dari tahun data 2026" in card
    assert OLD_DATE.year < years.catalogue.data_year
    html = client.get(
        reverse("reporting:category", args=[years.this.pk, "K06"])
    ).content.decode()
    card = html[html.index('id="indikator-K06.P01"') :]
    assert "lebih lama dari tahun data" not in card[: card.index("</article>")]


def test_the_carry_page_lists_what_is_not_carried_and_carries_on_post(
    years, client_for
):
    client = client_for(fresh(years.coordinator))
    url = reverse("reporting:carry-forward", args=[years.this.pk])
    detail = client.get(reverse("reporting:assessment-detail", args=[years.this.pk]))
    assert url in detail.content.decode()
    html = client.get(url).content.decode()
    assert "4 indikator akan dibawa." in html
    assert "X10.S02" in html and "K10.S01 → X10.S01" in html
    response = client.post(url, follow=True)
    assert "4 jawaban dibawa dari tahun 2026 sebagai draf" in response.content.decode()
    assert years.this.answers.exclude(carried_from=None).count() == 4


def test_kanwil_review_shows_unchanged_and_changed(years, client_for):
    from reporting.services.answers import answer_save

    answers_carry_forward(assessment=years.this, actor=years.coordinator)
    changed = _this(years, "K06.P01")
    answer_save(
        answer=changed,
        raw_value="90",
        note=changed.note,
        expected_version=changed.version,
        actor=years.coordinator,
    )
    changed.refresh_from_db()
    assert changed.carry_decision == CarryDecision.CHANGED
    client = client_for(fresh(years.verifier))
    html = client.get(
        reverse("admin:reporting_assessment_review", args=[years.this.pk])
    ).content.decode()
    assert 'data-count="unchanged"' in html
    row = html[html.index(f'id="jawaban-{changed.pk}"') :]
    assert 'data-carry="changed"' in row[: row.index("</tr>")]
    same = _this(years, "K01.S01")
    row = html[html.index(f'id="jawaban-{same.pk}"') :]
    assert 'data-carry="unchanged"' in row[: row.index("</tr>")]
    # The filter shows one side only; answers that were not carried are in neither.
    url = reverse("admin:reporting_assessment_review", args=[years.this.pk])
    changed_only = client.get(url, {"tahun_lalu": "berubah"}).content.decode()
    assert f'id="jawaban-{changed.pk}"' in changed_only
    assert f'id="jawaban-{same.pk}"' not in changed_only
    same_only = client.get(url, {"tahun_lalu": "sama"}).content.decode()
    assert f'id="jawaban-{same.pk}"' in same_only
    assert f'id="jawaban-{changed.pk}"' not in same_only
    blank = _this(years, "K01.S02")
    assert f'id="jawaban-{blank.pk}"' not in same_only + changed_only
    assert f'id="jawaban-{blank.pk}"' in html


def test_purging_a_carried_file_keeps_the_bytes_last_year_still_uses(
    years, settings, django_capture_on_commit_callbacks
):
    answers_carry_forward(assessment=years.this, actor=years.coordinator)
    carried = _this(years, "K01.S01").evidence.get()
    name = carried.file.name
    evidence_remove(evidence=carried, actor=years.coordinator, reason="salah")
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(
        days=settings.EVIDENCE_REMOVED_RETENTION_DAYS + 1
    )
    with django_capture_on_commit_callbacks(execute=True):
        purged = removed_files_purge(now=later)
    assert purged >= 1
    carried.refresh_from_db()
    assert carried.purged_at is not None
    assert default_storage.exists(name)  # 2026's row still needs it
    assert _last(years, "K01.S01").evidence.get().file.name == name


def test_the_last_row_purged_deletes_the_bytes(
    years, settings, django_capture_on_commit_callbacks
):
    answers_carry_forward(assessment=years.this, actor=years.coordinator)
    carried = _this(years, "X10.S01").evidence.get()
    name = carried.file.name
    moment = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    Evidence.all_objects.filter(file=name).update(
        removed_at=moment, removed_by=years.coordinator
    )
    with django_capture_on_commit_callbacks(execute=True):
        removed_files_purge(now=moment + datetime.timedelta(days=3650))
    assert Evidence.all_objects.filter(file=name, purged_at=None).count() == 0
    assert not default_storage.exists(name)
