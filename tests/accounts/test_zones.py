"""Whose zone a page shows: the region's for regional users, the chosen one for
national staff and Kanwil (WIB until they choose)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.zones import may_choose_zone, zone_of
from kernel import zones

pytestmark = pytest.mark.django_db


def test_regional_users_follow_their_province_and_others_choose(
    papua_staff, regency_staff, verifier, ministry
):
    assert zone_of(papua_staff) == zones.Zone.WIT
    assert zone_of(regency_staff) == zones.Zone.WIB
    assert not may_choose_zone(papua_staff)
    assert zone_of(verifier) == zone_of(ministry) == zones.Zone.WIB
    assert may_choose_zone(verifier) and may_choose_zone(ministry)


def test_national_staff_choose_their_zone_on_their_account_page(ministry, client_for):
    client = client_for(ministry)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Zona waktu tampilan" in page
    response = client.post(reverse("accounts:profile"), {"time_zone": "Asia/Makassar"})
    assert response.status_code == 302
    ministry.refresh_from_db()
    assert ministry.time_zone == zones.Zone.WITA
    after = client.get(reverse("accounts:profile"))
    assert "Zona waktu disimpan." in after.content.decode()
    assert zones.current_key() == zones.Zone.WIB  # the request's zone ends with it


def test_a_regional_user_cannot_change_the_zone_and_is_told_why(
    papua_staff, client_for
):
    client = client_for(papua_staff)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "dalam WIT, zona waktu provinsi daerah Anda" in page
    assert 'name="time_zone"' not in page
    client.post(reverse("accounts:profile"), {"time_zone": "Asia/Jakarta"})
    papua_staff.refresh_from_db()
    assert papua_staff.time_zone == zones.Zone.WIB  # stored default, never used
    assert zone_of(papua_staff) == zones.Zone.WIT


def test_an_unknown_zone_is_refused_on_the_form(ministry, client_for):
    response = client_for(ministry).post(
        reverse("accounts:profile"), {"time_zone": "Europe/Paris"}
    )
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    ministry.refresh_from_db()
    assert ministry.time_zone == zones.Zone.WIB
