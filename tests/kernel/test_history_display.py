"""Console history values and yes/no icons in words people read."""

from __future__ import annotations

import datetime

from django.utils import formats, timezone
from django.utils.translation import override
from simple_history.models import DeletedObject

from accounts.models import User
from kernel.history import field_of, readable
from portal.admin_booleans import boolean_icon
from reporting.models import Answer


def test_a_status_reads_as_its_label():
    field = field_of(Answer, "status")
    assert readable(field, "submitted") == Answer.Status.SUBMITTED.label
    assert readable(field, "") == "—"
    assert readable(field, None) == "—"


def test_an_empty_link_reads_as_nothing_and_a_removed_one_says_so():
    assert readable(field_of(Answer, "updated_by"), DeletedObject(User, None)) == "—"
    removed = readable(field_of(Answer, "updated_by"), DeletedObject(User, 7))
    assert removed == "pengguna yang sudah dihapus (7)"


def test_a_moment_reads_in_the_portal_zone():
    moment = datetime.datetime(2026, 8, 17, 3, 0, tzinfo=datetime.UTC)
    shown = readable(field_of(Answer, "updated_at"), moment)
    assert shown == formats.localize(timezone.localtime(moment))
    assert timezone.localtime(moment).hour == 10
    assert "+00:00" not in shown


def test_yes_no_icons_speak_the_language():
    assert 'alt="Ya"' in boolean_icon(True)
    assert 'alt="Tidak"' in boolean_icon(False)
    assert 'alt="Tidak diketahui"' in boolean_icon(None)
    with override("en"):
        assert 'alt="True"' not in boolean_icon(True)
