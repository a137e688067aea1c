"""Coordinators invite OPD staff; an e-mail that already has an account becomes a request.

An invitation never hands an existing account (another region's operator, a Kanwil
verifier, a ministry assessor) a role on the coordinator's word alone, and never tells
the coordinator which account an e-mail belongs to or what it holds: the outcome is
returned to the caller for its records and tests, but the coordinator's screen says the
same words whatever it is. An administrator approves or refuses the request.
"""

from __future__ import annotations

import enum
import secrets

from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import Role, RoleAssignment, RoleRequest, User
from accounts.ratelimit import Rate, minutes, rate_hit
from accounts.services import role_record
from regions.models import Agency


class InviteOutcome(enum.StrEnum):
    CREATED = "created"  # a new account; its owner got a set-password link
    REQUESTED = "requested"  # an existing account; an administrator decides
    UNCHANGED = "unchanged"  # already works there, or a request already waits


def _check_rate(actor: User, email: str) -> None:
    wait = max(
        rate_hit(Rate.from_setting("INVITATION_RATE_PER_COORDINATOR"), str(actor.pk)),
        rate_hit(Rate.from_setting("INVITATION_RATE_PER_EMAIL"), email),
    )
    if wait:
        raise ValidationError(
            _("Terlalu banyak undangan dikirim. Coba lagi dalam %(minutes)d menit.")
            % {"minutes": minutes(wait)}
        )


def _new_account(email: str, full_name: str) -> User:
    base = slugify(email.split("@")[0]) or "opd"
    username, n = base, 1
    while User.objects.filter(username=username).exists():
        n += 1
        username = f"{base}{n}"
    first, _sep, last = full_name.strip().rpartition(" ")
    # A random password nobody knows: the e-mailed link sets the real one.
    return User.objects.create_user(
        username=username,
        email=email,
        password=secrets.token_urlsafe(32),
        first_name=first or last,
        last_name=last if first else "",
    )


def _send_set_password_link(
    email: str, agency: Agency, request, programme: str = ""
) -> None:
    form = PasswordResetForm({"email": email})
    if form.is_valid():
        transaction.on_commit(
            lambda: form.save(
                request=request,
                use_https=bool(request and request.is_secure()),
                email_template_name="reporting/email/invite.txt",
                subject_template_name="reporting/email/invite_subject.txt",
                extra_email_context={
                    "agency": agency,
                    "regency": agency.regency,
                    "programme": programme,
                },
            )
        )


@transaction.atomic
def operator_invite(
    *,
    agency: Agency,
    email: str,
    full_name: str,
    actor: User,
    request=None,
    programme: str = "",
) -> InviteOutcome:
    """Invite a member of an OPD's staff as its operator (``programme``: the name the
    e-mail gives the programme, from the year's data).

    A new e-mail gets a new account with the operator role (granted by the
    coordinator, who is recorded) and a set-password link. An e-mail that already
    has an account is left unchanged and becomes a ``RoleRequest``.
    """
    if agency.regency_id not in access.scope_of(actor).regency_codes:
        raise PermissionDenied(
            _("Hanya koordinator kabupaten/kota ini yang dapat mengundang.")
        )
    email = email.strip().lower()
    _check_rate(actor, email)
    full_name = full_name.strip()
    existing = User.objects.filter(email__iexact=email).order_by("pk").first()
    if existing is None:
        user = _new_account(email, full_name)
        role_record(
            user=user,
            role=Role.OPERATOR,
            granted_by=actor,
            reason=_("Undangan koordinator untuk akun baru %(email)s.")
            % {"email": email},
            agency=agency,
        )
        _send_set_password_link(email, agency, request, programme)
        return InviteOutcome.CREATED
    if RoleAssignment.objects.filter(
        user=existing, role=Role.OPERATOR, agency=agency
    ).exists():
        return InviteOutcome.UNCHANGED
    _request, created = RoleRequest.objects.get_or_create(
        user=existing,
        agency=agency,
        status=RoleRequest.Status.PENDING,
        defaults={
            "email": email,
            "full_name": full_name,
            "role": Role.OPERATOR,
            "regency": agency.regency,
            "requested_by": actor,
        },
    )
    return InviteOutcome.REQUESTED if created else InviteOutcome.UNCHANGED


def _decidable(role_request: RoleRequest, actor: User) -> RoleRequest:
    if not access.can_manage_roles(actor):
        raise PermissionDenied(
            _("Hanya administrator yang dapat memutuskan permintaan peran.")
        )
    locked = RoleRequest.objects.select_for_update().get(pk=role_request.pk)
    if locked.status != RoleRequest.Status.PENDING:
        raise ValidationError(
            _("Permintaan untuk %(email)s sudah diputuskan (%(status)s).")
            % {"email": locked.email, "status": locked.get_status_display()}
        )
    return locked


def _decide(role_request: RoleRequest, status: str, actor: User, note: str) -> None:
    role_request.status = status
    role_request.decided_by = actor
    role_request.decided_at = timezone.now()
    role_request.decision_note = note.strip()
    role_request.save(
        update_fields=["status", "decided_by", "decided_at", "decision_note"]
    )


@transaction.atomic
def role_request_approve(
    *, role_request: RoleRequest, actor: User, note: str = ""
) -> RoleAssignment:
    """Give the existing account the requested role; the grant names both people."""
    role_request = _decidable(role_request, actor)
    coordinator = role_request.requested_by
    reason = _("Permintaan koordinator %(who)s (%(email)s, %(agency)s) disetujui.") % {
        "who": coordinator.get_username() if coordinator else "-",
        "email": role_request.email,
        "agency": role_request.agency,
    }
    if note.strip():
        reason = f"{reason} {note.strip()}"
    assignment = role_record(
        user=role_request.user,
        role=Role(role_request.role),
        granted_by=actor,
        reason=reason,
        agency=role_request.agency,
    )
    _decide(role_request, RoleRequest.Status.APPROVED, actor, note)
    return assignment


@transaction.atomic
def role_request_refuse(
    *, role_request: RoleRequest, actor: User, note: str = ""
) -> RoleRequest:
    """Leave the account as it is and close the request."""
    role_request = _decidable(role_request, actor)
    _decide(role_request, RoleRequest.Status.REFUSED, actor, note)
    return role_request
