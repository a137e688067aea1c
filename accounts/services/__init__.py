"""Writes to accounts: granting and revoking roles.

Invitations and the requests they become for existing accounts are in
``accounts.services.invitations``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import ROLE_SCOPE, Role, RoleAssignment, User
from regions.models import Agency, KanwilOffice, Regency


def role_scope_check(
    role: Role,
    office: KanwilOffice | None,
    regency: Regency | None,
    agency: Agency | None,
) -> None:
    given = {
        name
        for name, value in (
            ("office", office),
            ("regency", regency),
            ("agency", agency),
        )
        if value
    }
    if given != ROLE_SCOPE[role]:
        raise ValidationError(
            _("Peran %(role)s memerlukan cakupan: %(scope)s.")
            % {
                "role": role.label,
                "scope": ", ".join(
                    str(RoleAssignment._meta.get_field(name).verbose_name)
                    for name in sorted(ROLE_SCOPE[role])
                )
                or "-",
            }
        )
    if agency and agency.regency_id != regency.pk:  # type: ignore[union-attr]
        raise ValidationError(
            _("OPD tersebut bukan milik kabupaten/kota yang dipilih.")
        )


@transaction.atomic
def role_grant(
    *,
    user: User,
    role: Role,
    actor: User | None,
    reason: str = "",
    office: KanwilOffice | None = None,
    regency: Regency | None = None,
    agency: Agency | None = None,
) -> RoleAssignment:
    """Give ``user`` a role in a scope; granting the same role twice returns the first.

    ``actor`` None means a trusted command (loading demo data, bootstrap). A person
    who grants a role says why; who and why are kept on the assignment.
    """
    if actor is not None and not access.can_manage_roles(actor):
        raise PermissionDenied(_("Hanya administrator yang dapat memberikan peran."))
    return role_record(
        user=user,
        role=role,
        granted_by=actor,
        reason=reason,
        office=office,
        regency=regency,
        agency=agency,
    )


def role_record(
    *,
    user: User,
    role: Role,
    granted_by: User | None,
    reason: str,
    office: KanwilOffice | None = None,
    regency: Regency | None = None,
    agency: Agency | None = None,
) -> RoleAssignment:
    """The one writer of RoleAssignment; callers have checked who may grant."""
    reason = reason.strip()
    if granted_by is not None and not reason:
        raise ValidationError(_("Tuliskan alasan pemberian peran."))
    role = Role(role)
    if agency and regency is None:
        regency = agency.regency
    role_scope_check(role, office, regency, agency)
    assignment, _created = RoleAssignment.objects.get_or_create(
        user=user,
        role=role,
        office=office,
        regency=regency,
        agency=agency,
        defaults={
            "granted_by": granted_by,
            "reason": reason or _("Perintah sistem (data awal atau demo)."),
        },
    )
    access.forget_scope(user)
    return assignment


@transaction.atomic
def role_revoke(*, assignment: RoleAssignment, actor: User) -> None:
    """Remove one role assignment."""
    if not access.can_manage_roles(actor):
        raise PermissionDenied(_("Hanya administrator yang dapat mencabut peran."))
    assignment.delete()
    access.forget_scope(assignment.user)
