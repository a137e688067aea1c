"""Reminders with a clock set by the test: each event reaches each person once."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import mail

from aksiham.demo import report_fill
from aksiham.models import ActionReport
from aksiham.services.notices import reminders_send
from aksiham.services.plans import extension_grant
from aksiham.services.reports import report_evidence_attach, report_submit
from aksiham.tasks import send_reminders
from notices.models import Notification
from tests.aksiham.moments import AFTER_GRACE, B04_CLOSE, DAY, IN_B04
from tests.files import pdf_upload

pytestmark = pytest.mark.django_db


def _mine(user):
    return list(
        Notification.objects.filter(recipient=user).values_list("event_key", flat=True)
    )


def test_coordinators_hear_before_close_once_per_step(
    b04, regency_staff, other_regency_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send(now=B04_CLOSE - 8 * DAY)  # too early: nothing
        assert _mine(regency_staff) == []
        first = reminders_send(now=B04_CLOSE - 6 * DAY)
        again = reminders_send(now=B04_CLOSE - 6 * DAY + datetime.timedelta(hours=1))
    assert first.due == 2 and again.due == 0  # Salatiga and Banyumas, once each
    assert _mine(regency_staff) == [f"aksiham:{b04.pk}:33.73:due7"]
    assert len([m for m in mail.outbox if regency_staff.email in m.to]) == 1
    reminders_send(now=B04_CLOSE - 12 * datetime.timedelta(hours=1))
    assert sorted(_mine(regency_staff)) == [
        f"aksiham:{b04.pk}:33.73:due1",
        f"aksiham:{b04.pk}:33.73:due7",
    ]


def test_a_regency_that_sent_everything_hears_nothing(
    plan, b04, salatiga, regency_staff
):
    for action in plan.actions.all():
        report_fill(
            action=action,
            period=b04,
            regency=salatiga,
            actor=regency_staff,
            achievement="ok",
            uploads=[pdf_upload(f"a{action.number}.pdf", extra=bytes([action.number]))],
            now=IN_B04,
            send=True,
        )
    reminders_send(now=B04_CLOSE - DAY)
    assert not Notification.objects.filter(
        recipient=regency_staff, event_key__contains=":due"
    ).exists()


def test_overdue_once_and_not_for_an_extended_regency(
    b04, salatiga, regency_staff, other_regency_staff, administrator
):
    with time_machine.travel(AFTER_GRACE, tick=False):  # granted after grace
        extension_grant(
            period=b04,
            regency=salatiga,
            until=AFTER_GRACE + 3 * DAY,
            reason="Gempa",
            actor=administrator,
        )
    count = reminders_send(now=B04_CLOSE + DAY)
    assert count.overdue == 1  # Banyumas only: Salatiga's extension is running
    assert _mine(other_regency_staff) == [f"aksiham:{b04.pk}:33.02:overdue"]
    assert reminders_send(now=B04_CLOSE + 2 * DAY).overdue == 0


def test_verifiers_hear_of_waiting_reports_once_a_day(
    draft, regency_staff, verifier, foreign_verifier
):
    report_evidence_attach(
        report=draft, uploads=[pdf_upload()], actor=regency_staff, now=IN_B04
    )
    report_submit(
        report=ActionReport.objects.get(pk=draft.pk), actor=regency_staff, now=IN_B04
    )
    assert reminders_send(now=IN_B04).waiting == 1
    assert reminders_send(now=IN_B04 + datetime.timedelta(hours=2)).waiting == 0
    assert reminders_send(now=IN_B04 + DAY).waiting == 1
    assert _mine(foreign_verifier) == []
    assert len(_mine(verifier)) == 2


def test_the_beat_task_takes_the_clock_as_text(b04, regency_staff):
    result = send_reminders.apply(args=[(B04_CLOSE - 2 * DAY).isoformat()]).get()
    assert result["due"] == 1
    assert _mine(regency_staff) == [f"aksiham:{b04.pk}:33.73:due3"]
