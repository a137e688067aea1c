"""Kanwil offices: one office covers several provinces, and the coverage changes by date.

The world: the sample year opened for one kab/kota in each province of Kanwil
Sulawesi Tengah (Sulawesi Utara, Sulawesi Tengah, Gorontalo) and one outside it
(Makassar, Sulawesi Selatan), every answer sent and waiting for the Kanwil.
"""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from accounts import access
from accounts.models import Role
from accounts.services.offices import office_coverage_change
from kernel.errors import Refusal
from regions import selectors
from regions.models import KanwilOffice, OfficeCoverage, Province
from regions.services import offices_load
from reporting import permissions
from reporting.models import Answer, Assessment
from reporting.services.digest import verifier_digest_send
from reporting.services.verification import answer_accept
from tests.cast import person

pytestmark = pytest.mark.django_db

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
WITA = zoneinfo.ZoneInfo("Asia/Makassar")
# Manado (Sulawesi Utara), Palu (Sulawesi Tengah), Kota Gorontalo; Makassar outside.
OFFICE_REGENCIES = {"71": "71.71", "72": "72.71", "75": "75.71"}
OUTSIDE = "73.71"
BEFORE = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=WIB)


@pytest.fixture
def waiting_year(open_catalogue):
    """Four kab/kota opened and sent: every answer waits for its Kanwil."""
    from reporting.services.assessments import assessments_open

    with time_machine.travel(BEFORE, tick=False):
        assessments_open(
            catalogue=open_catalogue,
            deadline=BEFORE + datetime.timedelta(days=30),
            actor=None,
            regency_codes=[*OFFICE_REGENCIES.values(), OUTSIDE],
        )
    Assessment.objects.filter(catalogue=open_catalogue).update(
        status=Assessment.Status.SUBMITTED, submitted_at=BEFORE
    )
    Answer.objects.filter(assessment__catalogue=open_catalogue).update(
        status=Answer.Status.SUBMITTED
    )
    return open_catalogue


def _answer(catalogue, regency_code: str) -> Answer:
    return (
        Answer.objects.filter(
            assessment__catalogue=catalogue,
            assessment__regency_id=regency_code,
            status=Answer.Status.SUBMITTED,
        )
        .select_related("assessment__regency", "indicator")
        .order_by("pk")
        .first()
    )


def _fresh(user):
    """The user as a new request sees them (the scope is computed per request)."""
    access.forget_scope(user)
    return user


def test_the_shipped_offices_cover_33_provinces_and_name_the_5_unknown(regions):
    assert KanwilOffice.objects.count() == 20
    table = selectors.coverage_table(BEFORE)
    assert len(table) == 38
    assert {row.province.code for row in table if row.office is None} == {
        "14",
        "51",
        "52",
        "61",
        "65",
    }
    papua = KanwilOffice.objects.get(code="papuabarat")
    assert selectors.provinces_covered([papua.pk], BEFORE) == {
        "81",
        "82",
        "91",
        "92",
        "93",
        "94",
        "95",
        "96",
    }
    bengkulu = OfficeCoverage.objects.get(province_id="17")
    assert bengkulu.certainty == OfficeCoverage.Certainty.INFERRED
    assert all(row.source for row in OfficeCoverage.objects.all())


def test_reloading_the_data_keeps_what_the_administrator_changed(regions):
    administrator = person("admin_pusat", Role.ADMINISTRATOR)
    bali = Province.objects.get(code="51")
    ntt = KanwilOffice.objects.get(code="ntt")
    with time_machine.travel(BEFORE, tick=False):
        office_coverage_change(
            actor=administrator,
            province=bali,
            office=ntt,
            valid_from=datetime.date(2026, 3, 2),
            source="Surat Sekjen KemenHAM (contoh uji)",
        )
        ntt.name = "Kanwil KemenHAM NTT"
        ntt.save()
        offices_load()
        assert KanwilOffice.objects.count() == 20
        assert KanwilOffice.objects.get(code="ntt").name == "Kanwil KemenHAM NTT"
        assert selectors.office_of("51") == ntt
        assert OfficeCoverage.objects.filter(province=bali).count() == 1


def test_a_verifier_of_a_three_province_office_decides_on_all_three_and_nothing_else(
    waiting_year, client_for
):
    verifier = person(
        "kanwil_sulteng", Role.VERIFIER, office=KanwilOffice.objects.get(code="sulteng")
    )
    with time_machine.travel(BEFORE, tick=False):
        seen = set(access.regencies_for(verifier).values_list("province_id", flat=True))
        assert seen == {"71", "72", "75"}
        assessments = set(
            permissions.assessments_for(verifier).values_list("regency_id", flat=True)
        )
        assert assessments == set(OFFICE_REGENCIES.values())
        for code in OFFICE_REGENCIES.values():
            answer = _answer(waiting_year, code)
            assert permissions.can_decide(verifier, answer)
            assert answer_accept(answer=answer, actor=verifier).status == (
                Answer.Status.ACCEPTED
            )
        outside = _answer(waiting_year, OUTSIDE)
        assert not permissions.can_decide(verifier, outside)
        with pytest.raises(Refusal, match="Kanwil"):
            answer_accept(answer=outside, actor=verifier)
        assert Answer.objects.get(pk=outside.pk).status == Answer.Status.SUBMITTED

        client = client_for(verifier)
        review = "admin:reporting_assessment_review"
        gorontalo = Assessment.objects.get(regency_id="75.71")
        makassar = Assessment.objects.get(regency_id=OUTSIDE)
        assert client.get(reverse(review, args=[gorontalo.pk])).status_code == 200
        assert client.get(reverse(review, args=[makassar.pk])).status_code == 404


def test_a_dated_coverage_change_moves_future_work_and_keeps_history(
    waiting_year, client_for
):
    sulteng = KanwilOffice.objects.get(code="sulteng")
    gorontalo_office = KanwilOffice.objects.create(
        code="gorontalo",
        name="Kanwil Kementerian HAM Gorontalo",
        seat_id="75",
        unit_name="Bidang Pelayanan dan Kepatuhan HAM",
    )
    administrator = person("admin_pusat", Role.ADMINISTRATOR)
    old = person("kanwil_sulteng", Role.VERIFIER, office=sulteng)
    new = person("kanwil_gorontalo", Role.VERIFIER, office=gorontalo_office)
    gorontalo = Province.objects.get(code="75")
    first, second = (
        Answer.objects.filter(
            assessment__regency_id="75.71", status=Answer.Status.SUBMITTED
        )
        .select_related("assessment__regency", "indicator")
        .order_by("pk")[:2]
    )

    with time_machine.travel(BEFORE, tick=False):
        answer_accept(answer=first, actor=old)
        # No backdating: yesterday is history.
        with pytest.raises(Refusal, match="surut"):
            office_coverage_change(
                actor=administrator,
                province=gorontalo,
                office=gorontalo_office,
                valid_from=datetime.date(2026, 3, 1),
                source="SK pembentukan",
            )
        with pytest.raises(Refusal, match="dasar"):
            office_coverage_change(
                actor=administrator,
                province=gorontalo,
                office=gorontalo_office,
                valid_from=datetime.date(2026, 4, 1),
                source="  ",
            )
        office_coverage_change(
            actor=administrator,
            province=gorontalo,
            office=gorontalo_office,
            valid_from=datetime.date(2026, 4, 1),
            source="SK pembentukan Kanwil Gorontalo (contoh uji)",
        )
        # Planned, not yet in force: the old office still decides.
        assert "75" in access.scope_of(_fresh(old)).province_codes
        assert "75" not in access.scope_of(_fresh(new)).province_codes
        assert set(access.verifiers_covering("75")) == {old}

    # 31 March 23.30 WIB is already 1 April 00.30 in Gorontalo (WITA): the change
    # starts at Gorontalo's own midnight.
    with time_machine.travel(
        datetime.datetime(2026, 3, 31, 23, 30, tzinfo=WIB), tick=False
    ):
        assert access.scope_of(_fresh(old)).province_codes == {"71", "72"}
        assert access.scope_of(_fresh(new)).province_codes == {"75"}
        assert set(access.verifiers_covering("75")) == {new}
        assert not permissions.can_decide(_fresh(old), second)
        with pytest.raises(Refusal):
            answer_accept(answer=second, actor=_fresh(old))
        assert permissions.can_decide(_fresh(new), second)
        answer_accept(answer=second, actor=_fresh(new))
        review = reverse(
            "admin:reporting_assessment_review", args=[second.assessment_id]
        )
        assert client_for(_fresh(old)).get(review).status_code == 404

    # History is not rewritten: the earlier decision keeps its verifier, and the old
    # coverage row ends the day before the new one starts.
    assert Answer.objects.get(pk=first.pk).reviewed_by == old
    assert Answer.objects.get(pk=second.pk).reviewed_by == new
    rows = list(
        OfficeCoverage.objects.filter(province=gorontalo).order_by("valid_from")
    )
    assert [(r.office, r.valid_from, r.valid_until) for r in rows] == [
        (sulteng, datetime.date(2025, 2, 17), datetime.date(2026, 3, 31)),
        (gorontalo_office, datetime.date(2026, 4, 1), None),
    ]
    assert rows[1].recorded_by == administrator


def test_the_digest_lists_the_waiting_work_of_every_province_of_the_office(
    waiting_year,
):
    from notices.models import Notification

    verifier = person(
        "kanwil_sulteng", Role.VERIFIER, office=KanwilOffice.objects.get(code="sulteng")
    )
    with time_machine.travel(BEFORE, tick=False):
        verifier_digest_send()
    notice = Notification.objects.get(recipient=verifier)
    for code in ("71.71", "72.71", "75.71"):
        name = str(Assessment.objects.get(regency_id=code).regency.name)
        assert name in notice.body
    assert "Makassar" not in notice.body
    assert notice.subject.startswith("3 ")


def test_the_console_lists_coverage_and_changes_it_day_first(regions, client_for):
    administrator = person("admin_pusat", Role.ADMINISTRATOR)
    verifier = person(
        "kanwil_jateng", Role.VERIFIER, office=KanwilOffice.objects.get(code="jateng")
    )
    changelist = reverse("admin:regions_officecoverage_changelist")
    change = reverse("admin:regions_officecoverage_change_coverage")
    with time_machine.travel(BEFORE, tick=False):
        body = client_for(verifier).get(changelist).content.decode()
        assert body.count("Belum diketahui") == 5
        assert "Ubah cakupan" not in body
        assert client_for(verifier).get(change).status_code == 403

        admin = client_for(administrator)
        assert "Ubah cakupan" in admin.get(changelist).content.decode()
        form = {
            "province": "52",
            "office": KanwilOffice.objects.get(code="ntt").pk,
            "certainty": "confirmed",
            "source": "Surat penetapan wilayah kerja (contoh uji)",
        }
        # 02/03/2026 is 2 March, not 3 February (which would be in the past).
        response = admin.post(change, {**form, "valid_from": "02/03/2026"})
        assert response.status_code == 302
        assert selectors.office_of("52").code == "ntt"
        # A date in the past is refused with the reason, and nothing changes.
        response = admin.post(
            change, {**form, "province": "61", "valid_from": "01/03/2026"}
        )
        assert response.status_code == 200
        assert "tidak berlaku surut" in response.content.decode()
        assert selectors.office_of("61") is None
        response = admin.post(
            change, {**form, "province": "61", "valid_from": "2026-13-45"}
        )
        assert "hari lebih dulu" in response.content.decode()
        assert selectors.office_of("61") is None


def test_a_verifier_grant_names_an_office_not_a_province(regions):
    from django.core.exceptions import ValidationError

    from accounts.services import role_grant
    from tests.factories import UserFactory

    user = UserFactory()
    with pytest.raises(ValidationError, match="kantor wilayah"):
        role_grant(user=user, role=Role.VERIFIER, actor=None)
    with time_machine.travel(datetime.datetime(2026, 3, 2, 8, 0, tzinfo=WITA)):
        role_grant(
            user=user,
            role=Role.VERIFIER,
            actor=None,
            office=KanwilOffice.objects.get(code="jateng"),
        )
        assert access.scope_of(_fresh(user)).province_codes == {"33", "34"}


def test_the_office_dashboard_and_home_panel_list_the_provinces_covered_today(
    open_catalogue, client_for
):
    verifier = person(
        "kanwil_papuabarat",
        Role.VERIFIER,
        office=KanwilOffice.objects.get(code="papuabarat"),
    )
    client = client_for(verifier)
    with time_machine.travel(BEFORE, tick=False):
        response = client.get(reverse("portal:dashboard"))
        assert response.status_code == 302
        assert response.url == reverse("portal:dashboard-office", args=["papuabarat"])
        body = client.get(response.url).content.decode()
        for name in ("Papua Pegunungan", "Maluku Utara", "Papua Barat Daya"):
            assert name in body
        assert "Sulawesi Tengah" not in body
        other = reverse("portal:dashboard-office", args=["sulteng"])
        assert client.get(other).status_code == 404
        home = client.get(reverse("portal:home")).content.decode()
        assert "Kanwil Kementerian HAM Papua Barat" in home
        # 8 provinces: the six Papua provinces, Maluku and Maluku Utara.
        assert home.count('href="/dasbor/provinsi/') == 8
