"""Two people of one kab/kota edit the same Aksi HAM report: nobody overwrites silently.

The report form is a plain form POST (no JavaScript): the conflict shows both sides
and the three choices, and each choice ends the conflict instead of looping on it.
"""

from __future__ import annotations

import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from aksiham.models import ActionReport
from aksiham.services.reports import report_save
from tests.aksiham.moments import IN_B04, at
from tests.cast import person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(IN_B04, tick=False):
        yield


@pytest.fixture
def colleague(salatiga):
    """A second coordinator of Kota Salatiga."""
    user = person("koordinator_salatiga_2", Role.COORDINATOR, regency=salatiga)
    user.first_name, user.last_name = "Sri", "Rahayu"
    user.save(update_fields=["first_name", "last_name"])
    return user


@pytest.fixture
def opened(draft, colleague):
    """Both opened the report at the draft's version; the colleague saves at 10.15."""
    seen = draft.version
    with time_machine.travel(at(4, 28, 10, 15), tick=False):
        report_save(
            report=draft,
            actor=colleague,
            achievement="Perda disahkan",
            narrative="Rapat paripurna 27 April.",
            achievement_percent=None,
            version=seen,
        )
    return seen


def _client(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _url(draft) -> str:
    return reverse(
        "aksiham:report-save", args=["33.73", draft.period_id, draft.action_id]
    )


def _post(client, draft, version, **extra):
    data = {
        "achievement": "Ketikan saya",
        "achievement_percent": "",
        "narrative": "Uraian saya.",
        "version": str(version),
    }
    data.update({key: str(value) for key, value in extra.items()})
    return client.post(_url(draft), data)


def _stored(draft) -> tuple[str, str, int]:
    report = ActionReport.objects.get(pk=draft.pk)
    return report.achievement, report.narrative, report.version


def _choices(body: str) -> set[str]:
    return set(re.findall(r'name="resolution" value="(\w+)"', body))


def test_a_stale_save_shows_both_sides_who_and_when_and_the_choice(
    draft, opened, regency_staff
):
    response = _post(_client(regency_staff), draft, opened)
    body = response.content.decode()
    assert response.status_code == 409
    for text in ("Perda disahkan", "Rapat paripurna 27 April.", "Sri Rahayu"):
        assert text in body, text
    assert "Ketikan saya" in body and "Uraian saya." in body
    assert "10.15 WIB" in body
    assert _choices(body) == {"mine", "theirs", "edit"}
    assert f'name="seen_version" value="{opened + 1}"' in body
    # The form still holds the version it was opened at: Simpan again is no save.
    assert f'name="version" value="{opened}"' in body
    assert _stored(draft)[0] == "Perda disahkan"


def test_keep_mine_saves_over_the_version_shown(draft, opened, regency_staff):
    client = _client(regency_staff)
    response = _post(client, draft, opened, resolution="mine", seen_version=opened + 1)
    assert response.status_code == 302
    assert _stored(draft) == ("Ketikan saya", "Uraian saya.", opened + 2)


def test_take_theirs_keeps_the_stored_report_and_shows_the_typing(
    draft, opened, regency_staff
):
    client = _client(regency_staff)
    response = _post(
        client, draft, opened, resolution="theirs", seen_version=opened + 1
    )
    assert response.status_code == 302
    assert _stored(draft) == ("Perda disahkan", "Rapat paripurna 27 April.", opened + 1)
    page = client.get(response["Location"]).content.decode()
    assert f'name="version" value="{opened + 1}"' in page
    assert "Ketikan saya" in page  # in the notice, to copy from


def test_edit_then_save_merges_against_the_version_shown(draft, opened, regency_staff):
    client = _client(regency_staff)
    response = _post(client, draft, opened, resolution="edit", seen_version=opened + 1)
    body = response.content.decode()
    assert response.status_code == 200
    assert f'name="version" value="{opened + 1}"' in body
    assert "Ketikan saya" in body and "Perda disahkan" in body
    assert not _choices(body)
    response = client.post(
        _url(draft),
        {
            "achievement": "Perda disahkan; ketikan saya",
            "narrative": "Rapat paripurna 27 April. Uraian saya.",
            "achievement_percent": "",
            "version": str(opened + 1),
        },
    )
    assert response.status_code == 302
    assert _stored(draft)[0] == "Perda disahkan; ketikan saya"


def test_a_save_after_the_person_looked_is_a_new_conflict(
    draft, opened, regency_staff, colleague
):
    report_save(
        report=draft,
        actor=colleague,
        achievement="Ketiga",
        narrative="",
        achievement_percent=None,
        version=opened + 1,
    )
    response = _post(
        _client(regency_staff),
        draft,
        opened,
        resolution="mine",
        seen_version=opened + 1,
    )
    body = response.content.decode()
    assert response.status_code == 409
    assert f'name="seen_version" value="{opened + 2}"' in body
    assert _stored(draft)[0] == "Ketiga"


def test_a_changed_percentage_alone_is_compared(draft, regency_staff, colleague):
    seen = draft.version
    report_save(
        report=draft,
        actor=colleague,
        achievement=draft.achievement,
        narrative=draft.narrative,
        achievement_percent="40",
        version=seen,
    )
    response = _client(regency_staff).post(
        _url(draft),
        {
            "achievement": draft.achievement,
            "narrative": draft.narrative,
            "achievement_percent": "45",
            "version": str(seen),
        },
    )
    body = response.content.decode()
    assert response.status_code == 409
    assert "40" in body and "45" in body and _choices(body)
    assert str(ActionReport.objects.get(pk=draft.pk).achievement_percent) == "40.00"


def test_saving_what_is_already_stored_is_not_a_conflict(draft, opened, regency_staff):
    response = _client(regency_staff).post(
        _url(draft),
        {
            "achievement": "Perda disahkan",
            "narrative": "Rapat paripurna 27 April.",
            "achievement_percent": "",
            "version": str(opened),
        },
    )
    assert response.status_code == 302
    assert _stored(draft)[2] == opened + 1


@pytest.mark.parametrize(
    "extra",
    [{"resolution": "semua", "seen_version": "3"}, {"resolution": "mine"}],
)
def test_a_malformed_choice_is_refused_with_a_message(
    draft, opened, regency_staff, extra
):
    response = _post(_client(regency_staff), draft, opened, **extra)
    assert response.status_code == 400
    assert "Muat ulang halaman" in response.content.decode()
    assert _stored(draft)[0] == "Perda disahkan"
