"""Handing a departed operator's work to a successor in one step, and the
successor's onboarding page."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import reverse

from accounts.models import Handover, Role, RoleAssignment, User
from aksiham.demo import sample_plan_open
from aksiham.models import ActionAssignment
from kernel.errors import Refusal
from kernel.review import ReturnReason
from notices.models import Notification
from portal.handover.services import operator_handover
from reporting.models import Answer, ReviewEvent
from tests.cast import person
from tests.yeartwo.conftest import Years, fresh

pytestmark = pytest.mark.django_db


@dataclass
class Team:
    years: Years
    leaving: User
    colleague: User  # same OPD (Dinas Kesehatan)
    elsewhere: User  # Bappeda
    banyumas: User  # an operator of another kab/kota
    banyumas_coordinator: User


@pytest.fixture(scope="module")
def team(years, django_db_blocker) -> Team:
    """Added to the module's world (rolled back with it)."""
    with django_db_blocker.unblock():
        from regions.models import Regency
        from regions.services import agencies_create_from_template

        salatiga = years.salatiga
        dinkes = salatiga.agencies.get(agency_type__code="dinkes")
        bappeda = salatiga.agencies.get(agency_type__code="bappeda")
        banyumas = Regency.objects.get(code="33.02")
        agencies_create_from_template(regency=banyumas)
        plan = sample_plan_open(2027)
        for action in plan.actions.all()[:2]:
            ActionAssignment.objects.create(
                action=action, regency=salatiga, agency=dinkes
            )
        return Team(
            years=years,
            leaving=years.operator,
            colleague=person(
                "opd_dinkes_baru", Role.OPERATOR, regency=salatiga, agency=dinkes
            ),
            elsewhere=person(
                "opd_bappeda", Role.OPERATOR, regency=salatiga, agency=bappeda
            ),
            banyumas=person(
                "opd_banyumas",
                Role.OPERATOR,
                regency=banyumas,
                agency=banyumas.agencies.get(agency_type__code="dinkes"),
            ),
            banyumas_coordinator=person(
                "koordinator_banyumas", Role.COORDINATOR, regency=banyumas
            ),
        )


def _dinkes_answers(team: Team):
    return team.years.this.answers.filter(agency__agency_type__code="dinkes")


def test_handover_to_another_opd_moves_open_work_and_keeps_every_trace(team):
    years = team.years
    mine = list(_dinkes_answers(team).values_list("pk", flat=True))
    assert mine
    edited = Answer.objects.filter(assessment=years.last, updated_by=team.leaving)
    record = operator_handover(
        coordinator=years.coordinator,
        regency=years.salatiga,
        leaving=team.leaving,
        successor=team.elsewhere,
    )
    bappeda = team.elsewhere.role_assignments.get().agency
    # Open indicators and open Aksi HAM actions now belong to the successor's OPD.
    assert set(
        Answer.objects.filter(pk__in=mine).values_list("agency_id", flat=True)
    ) == {bappeda.pk}
    assert record.answers_moved == len(mine)
    assert record.actions_moved == 2
    assert set(
        ActionAssignment.objects.filter(regency=years.salatiga).values_list(
            "agency_id", flat=True
        )
    ) == {bappeda.pk}
    # Last year's (published) answers stay with their OPD.
    assert (
        not years.last.answers.filter(agency=bappeda)
        .exclude(indicator__responsible_agency_type=bappeda.agency_type)
        .exists()
    )
    # The leaving operator: role ended (on record, by whom), account kept but off.
    leaving = fresh(team.leaving)
    assert not leaving.is_active and record.account_deactivated
    assert not RoleAssignment.objects.filter(user=leaving).exists()
    ended = RoleAssignment.history.filter(user_id=leaving.pk, history_type="-").get()
    assert ended.history_user_id == years.coordinator.pk
    assert edited.count() == Answer.objects.filter(updated_by=leaving).count()
    # The moves are in the answers' history and the assessment's.
    moved = Answer.objects.get(pk=mine[0])
    assert moved.history.latest("history_date").history_user_id == (
        years.coordinator.pk
    )
    assert ReviewEvent.objects.filter(
        assessment=years.this, note__startswith="Serah terima"
    ).exists()
    # The successor is told, with the onboarding page.
    notice = Notification.objects.get(recipient=team.elsewhere)
    assert notice.url == reverse("portal:onboarding")


def test_handover_within_the_same_opd_moves_nothing(team):
    before = dict(_dinkes_answers(team).values_list("pk", "agency_id"))
    record = operator_handover(
        coordinator=team.years.coordinator,
        regency=team.years.salatiga,
        leaving=team.leaving,
        successor=team.colleague,
    )
    assert (record.answers_moved, record.actions_moved) == (0, 0)
    assert dict(_dinkes_answers(team).values_list("pk", "agency_id")) == before
    assert Notification.objects.filter(recipient=team.colleague).count() == 1


@pytest.mark.parametrize(
    "who, successor, message",
    [
        ("banyumas_coordinator", "colleague", "Hanya koordinator"),
        ("coordinator", "banyumas", "Penerus harus operator OPD aktif"),
        ("coordinator", "leaving", "Penerus harus orang lain"),
        ("coordinator", "inactive", "Penerus harus operator OPD aktif"),
    ],
)
def test_refused_handovers_change_nothing(team, who, successor, message):
    years = team.years
    if successor == "inactive":
        User.objects.filter(pk=team.colleague.pk).update(is_active=False)
        successor = "colleague"
    actor = years.coordinator if who == "coordinator" else getattr(team, who)
    before = dict(_dinkes_answers(team).values_list("pk", "agency_id"))
    with pytest.raises(Refusal, match=message):
        operator_handover(
            coordinator=actor,
            regency=years.salatiga,
            leaving=team.leaving,
            successor=fresh(getattr(team, successor)),
        )
    assert fresh(team.leaving).is_active
    assert RoleAssignment.objects.filter(user=team.leaving).exists()
    assert dict(_dinkes_answers(team).values_list("pk", "agency_id")) == before
    assert not Handover.objects.exists()


def test_the_handover_page_hands_over_and_lists_it(team, client_for):
    client = client_for(fresh(team.years.coordinator))
    url = reverse("portal:handover", args=[team.years.salatiga.code])
    page = client.get(url).content.decode()
    assert str(team.elsewhere) in page and str(team.banyumas) not in page
    response = client.post(
        url,
        {"leaving": team.leaving.pk, "successor": team.elsewhere.pk},
        follow=True,
    )
    html = response.content.decode()
    assert "diserahkan kepada" in html and "2 Aksi HAM dipindahkan" in html
    assert "dinonaktifkan" in html
    # A bad choice explains itself and changes nothing.
    response = client.post(url, {"leaving": "x", "successor": ""}, follow=True)
    assert "Pilih operator yang keluar dan penerusnya." in response.content.decode()


def test_the_handover_page_is_for_the_kab_kota_coordinator_only(team, client_for):
    url = reverse("portal:handover", args=[team.years.salatiga.code])
    for user in (team.years.operator, team.years.verifier):
        assert client_for(fresh(user)).get(url).status_code == 403
    # Another kab/kota's coordinator does not even see Salatiga's page.
    assert client_for(fresh(team.banyumas_coordinator)).get(url).status_code == 404


def test_onboarding_shows_types_return_reasons_and_the_deadline_in_the_zone(
    team, client_for
):
    html = (
        client_for(fresh(team.colleague))
        .get(reverse("portal:onboarding"))
        .content.decode()
    )
    for label in (str(label) for _code, label in ReturnReason.choices):
        assert label in html
    assert "Struktur" in html and "Proses" in html and "Hasil" in html
    assert team.years.this.deadline_text("Asia/Jakarta") in html
    assert "WIB" in html
