"""Who sees which Aksi HAM report and file: an OPD operator only the actions assigned
to their OPD (as in KKPHAM); the Kanwil and the ministry only the files of reports
that were sent (as in the console)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from aksiham.models import ActionAssignment, ActionReport
from aksiham.services.reports import report_evidence_attach, report_submit
from tests.aksiham.moments import IN_B04, YEAR
from tests.files import pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_file(draft, regency_staff):
    return report_evidence_attach(
        report=draft, uploads=[pdf_upload("rapat.pdf")], actor=regency_staff, now=IN_B04
    )[0]


@pytest.fixture
def assigned_to_operator(action2, salatiga, operator):
    ActionAssignment.objects.create(
        action=action2, regency=salatiga, agency=operator.role_assignments.get().agency
    )
    return action2


def test_an_operator_sees_only_the_actions_assigned_to_their_opd(
    client_for, draft_file, action1, assigned_to_operator, b04, operator
):
    client = client_for(operator)
    grid = client.get(reverse("aksiham:grid", args=[YEAR, "33.73"])).content.decode()
    assert 'data-action="2"' in grid
    assert 'data-action="1"' not in grid
    mine = reverse("aksiham:report", args=["33.73", b04.pk, assigned_to_operator.pk])
    theirs = reverse("aksiham:report", args=["33.73", b04.pk, action1.pk])
    assert client.get(mine).status_code == 200
    assert client.get(theirs).status_code == 404
    download = reverse("aksiham:evidence-download", args=[draft_file.pk])
    assert client.get(download).status_code == 404
    delete = reverse("aksiham:evidence-delete", args=[draft_file.pk])
    assert client.post(delete).status_code == 404
    assert draft_file.report.evidence.count() == 1


def test_the_coordinator_still_sees_every_action(
    client_for, draft_file, assigned_to_operator, regency_staff
):
    client = client_for(regency_staff)
    grid = client.get(reverse("aksiham:grid", args=[YEAR, "33.73"])).content.decode()
    assert 'data-action="1"' in grid and 'data-action="2"' in grid
    download = reverse("aksiham:evidence-download", args=[draft_file.pk])
    assert client.get(download).status_code == 200


def test_the_kanwil_opens_a_reports_files_only_once_it_was_sent(
    client_for, draft_file, b04, action1, regency_staff, verifier, ministry
):
    download = reverse("aksiham:evidence-download", args=[draft_file.pk])
    page = reverse("aksiham:report", args=["33.73", b04.pk, action1.pk])
    for person in (verifier, ministry):
        client = client_for(person)
        assert client.get(download).status_code == 404, person
        assert "rapat.pdf" not in client.get(page).content.decode(), person
    report_submit(
        report=ActionReport.objects.get(pk=draft_file.report_id),
        actor=regency_staff,
        now=IN_B04,
    )
    for person in (verifier, ministry):
        client = client_for(person)
        assert client.get(download).status_code == 200, person
        assert "rapat.pdf" in client.get(page).content.decode(), person
