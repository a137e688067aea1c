"""The coordinator assigns many indicators to one OPD in one step."""

from __future__ import annotations

import pytest
from django.urls import reverse

from regions.models import Agency
from reporting.models import Answer
from tests.cast import approve

pytestmark = pytest.mark.django_db


def _post(client, assessment, **data):
    """The bulk bar's fields (its form is prefixed ``bulk-``)."""
    url = reverse("reporting:assignment", args=[assessment.pk])
    fields = {f"bulk-{name}": value for name, value in data.items()}
    return client.post(url, {"bulk": "1", **fields}, follow=True).content.decode()


def test_ticked_indicators_go_to_one_opd_at_once(assessment, regency_staff, client_for):
    target = assessment.regency.agencies.get(agency_type__code="bappeda")
    chosen = list(assessment.answers.exclude(agency=target)[:3])
    html = _post(
        client_for(regency_staff),
        assessment,
        agency=target.pk,
        answers=[a.pk for a in chosen],
    )
    assert f"3 indikator ditugaskan kepada {target.name}." in html
    assert set(
        Answer.objects.filter(pk__in=[a.pk for a in chosen]).values_list(
            "agency_id", flat=True
        )
    ) == {target.pk}
    # One history row per answer, by the coordinator, as single assignments write.
    for answer in chosen:
        last = answer.history.latest("history_date")
        assert (last.agency_id, last.history_user_id) == (target.pk, regency_staff.pk)


def test_every_indicator_of_one_responsible_type_in_one_step(
    assessment, regency_staff, client_for
):
    dinkes = assessment.regency.agencies.get(agency_type__code="dinkes")
    target = assessment.regency.agencies.get(agency_type__code="bappeda")
    of_type = assessment.answers.filter(
        indicator__responsible_agency_type=dinkes.agency_type
    )
    count = of_type.count()
    assert count > 1
    others = assessment.answers.exclude(
        indicator__responsible_agency_type=dinkes.agency_type
    )
    before = dict(others.values_list("pk", "agency_id"))
    html = _post(
        client_for(regency_staff),
        assessment,
        agency=target.pk,
        agency_type=dinkes.agency_type_id,
    )
    assert f"{count} indikator ditugaskan kepada {target.name}." in html
    assert set(of_type.values_list("agency_id", flat=True)) == {target.pk}
    assert dict(others.values_list("pk", "agency_id")) == before


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "Centang indikator atau pilih penanggung jawab katalognya."),
        ({"answers": ["999999"]}, "tidak ada di penilaian ini"),
        ({"answers": ["satu"]}, "tidak ada di penilaian ini"),
    ],
)
def test_bad_bulk_input_explains_and_changes_nothing(
    assessment, regency_staff, client_for, data, message
):
    before = dict(assessment.answers.values_list("pk", "agency_id"))
    target = assessment.regency.agencies.first()
    html = _post(client_for(regency_staff), assessment, agency=target.pk, **data)
    assert message in html
    assert dict(assessment.answers.values_list("pk", "agency_id")) == before


def test_another_regencys_opd_is_refused(
    assessment, banyumas, regency_staff, client_for
):
    foreign = Agency.objects.filter(regency=banyumas).first()
    answer = assessment.answers.first()
    before = answer.agency_id
    html = _post(
        client_for(regency_staff), assessment, agency=foreign.pk, answers=[answer.pk]
    )
    assert "bukan OPD aktif kabupaten/kota ini" in html
    answer.refresh_from_db()
    assert answer.agency_id == before


def test_no_bulk_assignment_once_sent(assessment, regency_staff, client_for):
    approve(assessment, regency_staff)
    from reporting.services.workflow import assessment_submit

    assessment_submit(assessment=assessment, actor=regency_staff)
    answer = assessment.answers.first()
    before = answer.agency_id
    target = assessment.regency.agencies.exclude(pk=before).first()
    html = _post(
        client_for(regency_staff), assessment, agency=target.pk, answers=[answer.pk]
    )
    assert "penugasan tidak dapat diubah" in html
    answer.refresh_from_db()
    assert answer.agency_id == before


def test_the_page_offers_the_bulk_bar_full_names_and_the_invitation(
    assessment, regency_staff, client_for
):
    html = (
        client_for(regency_staff)
        .get(reverse("reporting:assignment", args=[assessment.pk]))
        .content.decode()
    )
    assert 'form="bulk-assign"' in html and 'data-check-all="bulk-answers"' in html
    # One id per control: the invitation form's OPD keeps its own label.
    assert html.count('id="id_agency"') == 1 and 'id="id_bulk-agency"' in html
    assert 'href="#undang"' in html and 'id="undang"' in html
    for agency in assessment.regency.agencies.filter(is_active=True):
        assert f">{agency.name}</option>" in html


def test_the_page_reads_the_opds_once_whatever_the_number_of_indicators(
    assessment, regency_staff, client_for, django_assert_max_num_queries
):
    """120 rows each offer the kab/kota's OPDs, selected where assigned: the OPDs are
    read once (they were read again for every row: 131 queries, 250-370 ms)."""
    client = client_for(regency_staff)
    url = reverse("reporting:assignment", args=[assessment.pk])
    client.get(url)  # the session and the language settle
    with django_assert_max_num_queries(15):
        html = client.get(url).content.decode()
    agencies = assessment.regency.agencies.filter(is_active=True).count()
    rows = assessment.answers.count()
    assert rows == 120
    assert html.count('name="agency" id="agency-') == rows
    # Each row's select: the empty choice and every active OPD.
    assert html.count("<option") >= rows * (agencies + 1)
    assigned = assessment.answers.exclude(agency=None).first()
    assert (
        f'id="agency-{assigned.pk}"' in html
        and f'<option value="{assigned.agency_id}" selected>' in html
    )
