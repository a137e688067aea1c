"""The export pages: my jobs with htmx polling, retry, and the buttons on score pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.access import navigation_for
from exports.models import ExportJob
from exports.services import export_request
from reporting.models import Assessment

pytestmark = pytest.mark.django_db
LIST = reverse("exports:list")
ROWS = reverse("exports:rows")


def test_my_jobs_only_and_polling_while_one_is_active(
    client_for, scored_year, ministry, administrator
):
    mine = export_request(
        kind="ranking_national", fmt="pdf", actor=ministry, catalogue=scored_year
    )
    export_request(
        kind="pembina_list", fmt="xlsx", actor=administrator, catalogue=scored_year
    )
    page = client_for(ministry).get(LIST).content.decode()
    page = page[page.index('<tbody id="export-rows"') : page.index("</tbody>")]
    assert f'data-job="{mine.pk}"' in page
    assert "Peringkat nasional" in page and "Daftar provinsi pembina" not in page
    assert 'hx-trigger="every 2s"' in page and f'hx-get="{ROWS}"' in page
    ExportJob.objects.filter(pk=mine.pk).update(status="done", file="exports/x.pdf")
    rows = client_for(ministry).get(ROWS).content.decode()
    assert rows.startswith('<tbody id="export-rows">')  # polling stops when all settle
    assert reverse("exports:download", args=[mine.pk]) in rows


def test_a_failed_job_shows_its_reason_and_a_retry_button(
    client_for, scored_year, ministry, django_capture_on_commit_callbacks
):
    job = export_request(
        kind="ranking_national", fmt="pdf", actor=ministry, catalogue=scored_year
    )
    ExportJob.objects.filter(pk=job.pk).update(status="failed", error="Waktu habis.")
    client = client_for(ministry)
    page = client.get(LIST).content.decode()
    assert "Waktu habis." in page
    retry = reverse("exports:retry", args=[job.pk])
    assert retry in page
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(retry).status_code == 302
    assert ExportJob.objects.get(pk=job.pk).status == "done"


def test_someone_elses_job_cannot_be_retried(
    client_for, scored_year, ministry, administrator
):
    job = export_request(
        kind="ranking_national", fmt="pdf", actor=ministry, catalogue=scored_year
    )
    ExportJob.objects.filter(pk=job.pk).update(status="failed")
    url = reverse("exports:retry", args=[job.pk])
    assert client_for(administrator).post(url).status_code == 404


def test_incomplete_requests_say_why(client_for, scored_year, verifier):
    response = client_for(verifier).post(
        reverse("exports:request"),
        {"kind": "ranking_province", "format": "pdf", "year": 2026},
        follow=True,
    )
    assert "Pilih provinsi." in response.content.decode()
    assert not ExportJob.objects.exists()


def test_operators_have_no_export_page_and_no_menu_entry(
    client_for, scored_year, operator, regency_staff, verifier, ministry
):
    assert client_for(operator).get(LIST).status_code == 403
    assert "Ekspor" not in [str(i.label) for i in navigation_for(operator)]
    for user in (regency_staff, verifier, ministry):
        assert "Ekspor" in [str(i.label) for i in navigation_for(user)]
        assert client_for(user).get(LIST).status_code == 200


def test_ranking_page_offers_the_exports_of_the_users_scope(
    client_for, scored_year, ministry, verifier
):
    url = reverse("reporting:ranking", args=[2026])
    page = client_for(ministry).get(url).content.decode()
    for kind in ("ranking_national", "award_list", "pembina_list"):
        assert f'value="{kind}"' in page
    page = client_for(verifier).get(url).content.decode()
    assert 'value="ranking_province"' in page and 'value="award_list"' in page
    assert 'value="ranking_national"' not in page
    # One button per province of Kanwil Jawa Tengah (Jawa Tengah and DIY), named.
    assert 'name="province" value="33"' in page
    assert 'name="province" value="34"' in page
    assert "Daerah Istimewa Yogyakarta" in page


def test_score_page_offers_the_scorecard_and_the_evidence_zip(
    client_for, scored_year, regency_staff
):
    assessment = Assessment.objects.get(regency_id="33.73", catalogue=scored_year)
    page = (
        client_for(regency_staff)
        .get(reverse("reporting:score-explain", args=[assessment.pk]))
        .content.decode()
    )
    assert 'value="scorecard"' in page and 'value="evidence_zip"' in page
    assert 'name="regency" value="33.73"' in page
