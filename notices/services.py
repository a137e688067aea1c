"""Notices: one per person per event, e-mailed once after commit.

Programmes decide who hears about what (``reporting.services.notifications``,
``aksiham.services.notices``); this module only records and sends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Model
from django.utils import timezone

from accounts.models import User
from notices.models import Notification
from outbox.services import enqueue_after_commit


def notice_send(
    *,
    recipients: Iterable[User],
    event_key: str,
    subject: str,
    body: str,
    url: str | Callable[[User], str],
    about: Model | None = None,
) -> list[int]:
    """One in-app notice per person for one event, e-mailed after commit; never twice.

    The (recipient, event_key) pair is unique, so calling this again for the same
    event creates nothing new and sends nothing.
    """
    created = []
    for user in recipients:
        notice, new = Notification.objects.get_or_create(
            recipient=user,
            event_key=event_key,
            defaults={
                "about": about,
                "subject": subject,
                "body": body,
                "url": url(user) if callable(url) else url,
            },
        )
        if new:
            created.append(notice.pk)
    for pk in created:
        enqueue_after_commit("notices.tasks.send_notification_email", pk)
    return created


def mark_read(*, user: User, ids: Iterable[int]) -> int:
    return Notification.objects.filter(
        recipient=user, pk__in=list(ids), read_at=None
    ).update(read_at=timezone.now())


def notification_email_send(*, notification_id: int) -> bool:
    """Claim the notice, then send; if sending fails the claim is released for a retry."""
    claimed = Notification.objects.filter(pk=notification_id, emailed_at=None).update(
        emailed_at=timezone.now()
    )
    if not claimed:
        return False
    notice = Notification.objects.select_related("recipient").get(pk=notification_id)
    if not notice.recipient.email:
        return False
    try:
        send_mail(
            notice.subject,
            f"{notice.body}\n\n{notice.url}\n",
            settings.DEFAULT_FROM_EMAIL,
            [notice.recipient.email],
        )
    except Exception:
        Notification.objects.filter(pk=notification_id).update(emailed_at=None)
        raise
    return True
