from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from notices.models import Notification
from notices.services import notification_email_send
from notices.tasks import send_notification_email
from reporting.services.digest import verifier_digest_send
from reporting.services.workflow import assessment_submit
from tests.cast import approve

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted_notice(
    verifier, assessment, regency_staff, django_capture_on_commit_callbacks
):
    approve(assessment, regency_staff)
    with django_capture_on_commit_callbacks(execute=True):
        assessment_submit(assessment=assessment, actor=regency_staff)
    return Notification.objects.get(recipient=verifier)


def test_submit_emails_the_verifier_once_with_the_console_link(
    submitted_notice, assessment
):
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [submitted_notice.recipient.email]
    assert "Kota Salatiga" in message.subject
    assert f"/admin/reporting/assessment/{assessment.pk}/verifikasi/" in message.body
    assert submitted_notice.emailed_at is not None


def test_a_retried_or_repeated_task_does_not_send_twice(submitted_notice):
    assert send_notification_email.apply(args=[submitted_notice.pk]).get() is False
    assert notification_email_send(notification_id=submitted_notice.pk) is False
    assert len(mail.outbox) == 1


def test_a_failed_send_is_released_for_the_retry(
    submitted_notice, settings, monkeypatch
):
    Notification.objects.filter(pk=submitted_notice.pk).update(emailed_at=None)

    def broken(*args, **kwargs):
        raise OSError("SMTP tidak dapat dihubungi")

    monkeypatch.setattr("notices.services.send_mail", broken)
    with pytest.raises(OSError):
        notification_email_send(notification_id=submitted_notice.pk)
    submitted_notice.refresh_from_db()
    assert submitted_notice.emailed_at is None
    monkeypatch.undo()
    assert notification_email_send(notification_id=submitted_notice.pk) is True
    assert len(mail.outbox) == 2


def test_in_app_notices_show_and_get_marked_read(
    client_for, verifier, submitted_notice
):
    client = client_for(verifier)
    home = client.get("/").content.decode()
    assert 'id="unread-count">1<' in home
    page = client.get("/pemberitahuan/").content.decode()
    assert "Kota Salatiga mengirim penilaian" in page
    submitted_notice.refresh_from_db()
    assert submitted_notice.read_at is not None


@pytest.mark.clock
def test_daily_digest_once_per_verifier_per_day(
    submitted_notice, verifier, foreign_verifier
):
    mail.outbox.clear()
    today = timezone.localdate()
    assert verifier_digest_send(today=today) == 1
    assert verifier_digest_send(today=today) == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [verifier.email]
    assert "Kota Salatiga" in mail.outbox[0].body
    assert verifier_digest_send(today=today + datetime.timedelta(days=1)) == 1
