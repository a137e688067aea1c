"""The verifiers' daily digest: one notice and e-mail per verifier per day."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import Role, User
from kernel import clock
from notices.models import Notification
from notices.services import notification_email_send
from reporting.models import Assessment

WAITING = (
    Assessment.Status.SUBMITTED,
    Assessment.Status.RESUBMITTED,
    Assessment.Status.IN_VERIFICATION,
)


def verifier_digest_send(*, today: datetime.date | None = None) -> int:
    """One digest per verifier per day (the verifier's day, in their own zone),
    listing waiting kab/kota with days waiting."""
    given = today
    sent = 0
    verifiers = (
        User.objects.filter(is_active=True, role_assignments__role=Role.VERIFIER)
        .exclude(email="")
        .distinct()
    )
    for verifier in verifiers:
        # The provinces the verifier's office covers today.
        provinces = access.scope_of(verifier).province_codes
        waiting = list(
            Assessment.objects.filter(
                status__in=WAITING, regency__province_id__in=provinces
            )
            .select_related("regency")
            .order_by("submitted_at")
        )
        if not waiting:
            continue
        today = given or clock.localdate(zone=verifier.time_zone)
        key = f"digest:{today.isoformat()}"
        with transaction.atomic():
            notice, new = Notification.objects.get_or_create(
                recipient=verifier,
                event_key=key,
                defaults={
                    "subject": _("%(n)d kabupaten/kota menunggu verifikasi")
                    % {"n": len(waiting)},
                    "body": _digest_body(waiting, today, verifier.time_zone),
                    "url": settings.PORTAL_BASE_URL
                    + reverse("admin:reporting_assessment_changelist"),
                },
            )
        if new and notification_email_send(notification_id=notice.pk):
            sent += 1
    return sent


def _digest_body(waiting: list[Assessment], today: datetime.date, zone: str) -> str:
    lines = [_("Menunggu verifikasi:")]
    for assessment in waiting:
        since = (
            clock.localdate(assessment.submitted_at, zone)
            if assessment.submitted_at
            else today
        )
        lines.append(
            _("- %(regency)s: %(status)s, %(days)d hari")
            % {
                "regency": assessment.regency.name,
                "status": assessment.get_status_display(),
                "days": (today - since).days,
            }
        )
    return "\n".join(lines)
