"""Two people save the same answer: the second is shown both and chooses, nothing wins silently.

Both the htmx autosave and the plain form POST (browsers without JavaScript) are
covered; the browser suite drives the same with two real browser contexts.
"""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from reporting.models import Answer
from reporting.services.answers import answer_save
from tests.cast import person

pytestmark = pytest.mark.django_db

# 03.15 UTC is 10.15 in Jakarta (WIB, UTC+7): the page shows the zone it uses.
MORNING = datetime.datetime(2026, 3, 2, 3, 15, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(MORNING, tick=False):
        yield


@pytest.fixture
def colleague(salatiga):
    """A second operator of the same Dinas Kesehatan."""
    agency = salatiga.agencies.get(agency_type__code="dinkes")
    user = person("opd_salatiga_2", Role.OPERATOR, regency=salatiga, agency=agency)
    user.first_name, user.last_name = "Sri", "Rahayu"
    user.save(update_fields=["first_name", "last_name"])
    return user


def _client(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _post(client, answer, *, raw, note, version, htmx=False, **extra):
    prefix = f"a{answer.pk}"
    data = {
        f"{prefix}-raw_value": raw,
        f"{prefix}-note": note,
        f"{prefix}-version": str(version),
    }
    data.update({f"{prefix}-{key}": str(value) for key, value in extra.items()})
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(
        reverse("reporting:answer-save", args=[answer.pk]), data, **headers
    )


def _saves(user, answer, *, raw, note, expected):
    """``user`` saves ``answer`` elsewhere (another browser or tab)."""
    return answer_save(
        answer=answer, raw_value=raw, note=note, expected_version=expected, actor=user
    ).answer


def _colleague_saves(answer, colleague, raw="60", note="Data Dinkes 2025"):
    return _saves(colleague, answer, raw=raw, note=note, expected=0)


def _stored(answer) -> tuple[str, str, int]:
    a = Answer.objects.get(pk=answer.pk)
    return a.raw_value, a.note, a.version


def _choices(body: str, answer) -> set[str]:
    return set(re.findall(rf'name="a{answer.pk}-resolution" value="(\w+)"', body))


def test_autosave_conflict_shows_both_sides_and_keeps_the_base_version(
    operator, colleague, dinkes_answer
):
    _colleague_saves(dinkes_answer, colleague)
    response = _post(
        _client(operator),
        dinkes_answer,
        raw="65",
        note="Catatan saya",
        version=0,
        htmx=True,
    )
    body = response.content.decode()
    assert response.status_code == 200  # htmx swaps 2xx only
    assert 'role="alert"' in body
    for text in ("60", "Data Dinkes 2025", "65", "Catatan saya", "Sri Rahayu"):
        assert text in body, text
    assert "10.15 WIB" in body  # who saved the other one and when, with the zone
    # The form's base version is not advanced: the next autosave is still stale.
    assert not re.search(rf'name="a{dinkes_answer.pk}-version"', body)
    assert f'name="a{dinkes_answer.pk}-seen_version" value="1"' in body
    assert _choices(body, dinkes_answer) == {"mine", "theirs", "edit"}
    assert _stored(dinkes_answer) == ("60", "Data Dinkes 2025", 1)


def test_a_changed_note_alone_is_a_conflict_showing_both_notes(
    operator, colleague, dinkes_answer
):
    _colleague_saves(dinkes_answer, colleague, raw="", note="Sumber: profil 2025")
    response = _post(
        _client(operator),
        dinkes_answer,
        raw="",
        note="Sumber: laporan puskesmas",
        version=0,
        htmx=True,
    )
    body = response.content.decode()
    assert "Sumber: profil 2025" in body and "Sumber: laporan puskesmas" in body
    assert _choices(body, dinkes_answer) == {"mine", "theirs", "edit"}
    assert _stored(dinkes_answer)[1] == "Sumber: profil 2025"


def test_plain_post_conflict_offers_the_choice_and_keep_mine_saves_once(
    operator, colleague, dinkes_answer
):
    _colleague_saves(dinkes_answer, colleague)
    client = _client(operator)
    response = _post(client, dinkes_answer, raw="65", note="Catatan saya", version=0)
    body = response.content.decode()
    assert response.status_code == 409
    assert _choices(body, dinkes_answer) == {"mine", "theirs", "edit"}
    assert 'value="65"' in body and "Catatan saya" in body  # typing kept in the form
    assert "Data Dinkes 2025" in body and "Sri Rahayu" in body and "WIB" in body
    # Pressing the plain Simpan again does not loop into a silent save either…
    again = _post(client, dinkes_answer, raw="65", note="Catatan saya", version=0)
    assert again.status_code == 409
    assert _choices(again.content.decode(), dinkes_answer)
    # …and "keep mine" saves over the version the person was shown.
    response = _post(
        client,
        dinkes_answer,
        raw="65",
        note="Catatan saya",
        version=0,
        seen_version=1,
        resolution="mine",
    )
    assert response.status_code == 302
    assert _stored(dinkes_answer) == ("65", "Catatan saya", 2)
    page = client.get(response["Location"]).content.decode()
    assert f'name="a{dinkes_answer.pk}-version" value="2"' in page
    assert not _choices(page, dinkes_answer)


def test_take_theirs_loads_the_stored_answer_and_still_shows_what_was_typed(
    operator, colleague, dinkes_answer
):
    _colleague_saves(dinkes_answer, colleague)
    client = _client(operator)
    response = _post(
        client,
        dinkes_answer,
        raw="65",
        note="Catatan saya",
        version=0,
        seen_version=1,
        resolution="theirs",
    )
    assert response.status_code == 302
    assert _stored(dinkes_answer) == ("60", "Data Dinkes 2025", 1)
    page = client.get(response["Location"]).content.decode()
    assert f'name="a{dinkes_answer.pk}-version" value="1"' in page
    assert f'name="a{dinkes_answer.pk}-raw_value" value="60"' in page
    assert "65" in page and "Catatan saya" in page  # shown, not thrown away


def test_edit_keeps_the_typing_against_the_seen_version_then_saves(
    operator, colleague, dinkes_answer
):
    _colleague_saves(dinkes_answer, colleague)
    client = _client(operator)
    response = _post(
        client,
        dinkes_answer,
        raw="65",
        note="Catatan saya",
        version=0,
        seen_version=1,
        resolution="edit",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert f'name="a{dinkes_answer.pk}-version" value="1"' in body
    assert f'name="a{dinkes_answer.pk}-raw_value" value="65"' in body
    assert "Data Dinkes 2025" in body  # theirs stays visible for the merge
    assert not _choices(body, dinkes_answer)
    assert _stored(dinkes_answer)[2] == 1
    merged = "Data Dinkes 2025; Catatan saya"
    response = _post(client, dinkes_answer, raw="62", note=merged, version=1)
    assert response.status_code == 302
    assert _stored(dinkes_answer) == ("62", merged, 2)


@pytest.mark.parametrize("resolution", ["mine", "edit"])
def test_a_third_save_meanwhile_is_a_new_conflict(
    operator, colleague, regency_staff, dinkes_answer, resolution
):
    _colleague_saves(dinkes_answer, colleague)
    _saves(
        regency_staff, dinkes_answer, raw="70", note="Koreksi koordinator", expected=1
    )
    response = _post(
        _client(operator),
        dinkes_answer,
        raw="65",
        note="",
        version=0,
        seen_version=1,
        resolution=resolution,
    )
    body = response.content.decode()
    assert response.status_code == 409
    assert "Koreksi koordinator" in body
    assert f'name="a{dinkes_answer.pk}-seen_version" value="2"' in body
    assert _stored(dinkes_answer) == ("70", "Koreksi koordinator", 2)


@pytest.mark.parametrize(
    "extra",
    [
        {"resolution": "semua", "seen_version": "1"},
        {"resolution": "mine", "seen_version": "²"},
        {"resolution": "mine"},
    ],
)
def test_a_malformed_choice_is_refused_with_a_message(
    operator, colleague, dinkes_answer, extra
):
    _colleague_saves(dinkes_answer, colleague)
    response = _post(
        _client(operator), dinkes_answer, raw="65", note="", version=0, **extra
    )
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert _stored(dinkes_answer) == ("60", "Data Dinkes 2025", 1)


def test_a_save_of_your_own_from_another_tab_is_named_as_yours_and_still_your_choice(
    operator, colleague, dinkes_answer
):
    """A page opened before the person's own save elsewhere (another tab, or a save
    that went with a page they reloaded) meets that save: the panel says it was
    theirs, not someone else's, and nothing is overwritten without their choice."""
    _saves(operator, dinkes_answer, raw="61", note="Dari tab lain", expected=0)
    response = _post(
        _client(operator),
        dinkes_answer,
        raw="62",
        note="Dari halaman lama",
        version=0,
        htmx=True,
    )
    body = response.content.decode()
    assert "Disimpan oleh Anda sendiri pada 2 Maret 2026, 10.15 WIB" in body
    assert "Isian ini Anda simpan dari tab atau halaman lain" in body
    assert "Orang lain menyimpan" not in body
    assert _choices(body, dinkes_answer) == {"mine", "theirs", "edit"}
    assert _stored(dinkes_answer) == ("61", "Dari tab lain", 1)

    # A colleague's save still reads as someone else's.
    _saves(colleague, dinkes_answer, raw="63", note="Sri", expected=1)
    body = _post(
        _client(operator), dinkes_answer, raw="62", note="x", version=1, htmx=True
    ).content.decode()
    assert "Orang lain menyimpan isian ini" in body
    assert "Disimpan oleh Sri Rahayu" in body
