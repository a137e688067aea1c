"""KKPHAM deadlines in three zones: one national instant, or 23.59 by every region's
own clock; each kab/kota is closed at its own instant and reads it with its label."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from kernel import zones
from reporting import permissions
from reporting.models import Assessment
from reporting.services.assessments import assessments_open
from tests.cast import person

# Clock-marked one by one: the two console tests below open the year for all 514
# kab/kota (about 12 s each) and set the clock themselves for every step, so moving
# the clock around them (the sweep) would test nothing more.
pytestmark = pytest.mark.django_db

UTC = datetime.UTC
WIB, WIT = zones.tz(zones.Zone.WIB), zones.tz(zones.Zone.WIT)
TYPED = datetime.datetime(2027, 3, 31, 23, 59, tzinfo=WIB)  # "31/03/2027 23.59"
BEFORE = datetime.datetime(2027, 3, 1, 9, 0, tzinfo=WIB)
CODES = ["11.71", "91.71"]  # Kota Banda Aceh (WIB), Kota Jayapura (WIT)


def _open(catalogue, timing):
    with time_machine.travel(BEFORE, tick=False):
        assessments_open(
            catalogue=catalogue,
            deadline=TYPED,
            actor=None,
            regency_codes=CODES,
            timing=timing,
        )
    return {a.regency_id: a for a in Assessment.objects.filter(catalogue=catalogue)}


@pytest.mark.clock
def test_a_local_2359_deadline_closes_aceh_and_papua_at_their_own_midnight(
    open_catalogue, jayapura
):
    opened = _open(open_catalogue, zones.Timing.LOCAL)
    aceh, papua = opened["11.71"], opened["91.71"]
    assert aceh.deadline == TYPED
    assert papua.deadline == datetime.datetime(2027, 3, 31, 23, 59, tzinfo=WIT)
    assert aceh.deadline - papua.deadline == datetime.timedelta(hours=2)
    # 22.30 WIB = 00.30 WIT on 1 April: Papua is closed, Aceh is not yet.
    late_evening = datetime.datetime(2027, 3, 31, 22, 30, tzinfo=WIB)
    assert permissions.deadline_refusal(papua, now=late_evening)
    assert permissions.deadline_refusal(aceh, now=late_evening) is None
    assert permissions.deadline_refusal(papua, now=papua.deadline) is None
    assert permissions.deadline_refusal(aceh, now=TYPED + datetime.timedelta(minutes=1))


@pytest.mark.clock
def test_a_papua_coordinator_reads_the_local_deadline_in_wit(
    open_catalogue, papua_staff, client_for
):
    opened = _open(open_catalogue, zones.Timing.LOCAL)
    with time_machine.travel(BEFORE, tick=False):
        home = client_for(papua_staff).get("/").content.decode()
        page = client_for(papua_staff).get(
            reverse("reporting:assessment-detail", args=[opened["91.71"].pk])
        )
    assert "31 Maret 2027, 23.59 WIT (waktu setempat)" in home
    assert 'data-days-left="30"' in home
    assert "31 Maret 2027, 23.59 WIT" in page.content.decode()
    assert " WIB" not in home.split("Batas pengiriman", 1)[1][:200]


@pytest.mark.clock
def test_a_national_instant_shows_wib_and_the_viewers_zone(
    open_catalogue, papua_staff, regions, client_for
):
    opened = _open(open_catalogue, zones.Timing.NATIONAL)
    assert opened["91.71"].deadline == opened["11.71"].deadline == TYPED
    with time_machine.travel(BEFORE, tick=False):
        home = client_for(papua_staff).get("/").content.decode()
    assert "31 Maret 2027, 23.59 WIB (1 April 2027, 01.59 WIT)" in home
    aceh_staff = person(
        "koordinator_aceh", "coordinator", regency=opened["11.71"].regency
    )
    with time_machine.travel(BEFORE, tick=False):
        aceh_home = client_for(aceh_staff).get("/").content.decode()
    assert "31 Maret 2027, 23.59 WIB" in aceh_home and "WIT" not in aceh_home
    # After the instant both are closed, whatever their clocks say.
    after = TYPED + datetime.timedelta(minutes=1)
    assert all(permissions.deadline_refusal(a, now=after) for a in opened.values())


@pytest.mark.clock
def test_the_refusal_names_the_deadline_in_the_readers_zone(open_catalogue, jayapura):
    papua = _open(open_catalogue, zones.Timing.LOCAL)["91.71"]
    from django.utils import timezone

    with timezone.override(WIT):
        refusal = permissions.deadline_refusal(
            papua, now=papua.deadline + datetime.timedelta(hours=1)
        )
    assert "31 Maret 2027, 23.59 WIT" in refusal


def test_the_administrator_chooses_local_time_in_the_console(
    client_for, administrator, open_catalogue
):
    url = reverse("admin:reporting_assessment_open")
    with time_machine.travel(BEFORE, tick=False):
        form = client_for(administrator).get(url).content.decode()
        response = client_for(administrator).post(
            url,
            {
                "catalogue": open_catalogue.pk,
                "deadline": "31/03/2027 23.59",
                "timing": "local",
                "zone": "Asia/Makassar",
            },
        )
    assert "Jam setempat di setiap daerah" in form and "Zona waktu isian" in form
    assert response.status_code == 302
    papua = Assessment.objects.get(regency_id="91.71")
    bali = Assessment.objects.get(regency_id="51.71")
    aceh = Assessment.objects.get(regency_id="11.71")
    assert papua.deadline == datetime.datetime(2027, 3, 31, 23, 59, tzinfo=WIT)
    assert bali.deadline == datetime.datetime(
        2027, 3, 31, 23, 59, tzinfo=zones.tz(zones.Zone.WITA)
    )
    assert aceh.deadline == TYPED
    assert {papua.deadline_timing, aceh.deadline_timing} == {"local"}


def test_a_national_instant_typed_in_wita_is_that_instant_everywhere(
    client_for, administrator, open_catalogue
):
    with time_machine.travel(BEFORE, tick=False):
        client_for(administrator).post(
            reverse("admin:reporting_assessment_open"),
            {
                "catalogue": open_catalogue.pk,
                "deadline": "31/03/2027 23:59",
                "timing": "national",
                "zone": "Asia/Makassar",
            },
        )
    deadlines = set(Assessment.objects.values_list("deadline", flat=True))
    assert deadlines == {TYPED - datetime.timedelta(hours=1)}  # 23.59 WITA
    aceh = Assessment.objects.get(regency_id="11.71")
    assert aceh.deadline_text(zones.Zone.WIB) == (
        "31 Maret 2027, 23.59 WITA (31 Maret 2027, 22.59 WIB)"
    )
