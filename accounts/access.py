"""What may this user see and do? One module answers, for every caller.

Every rule is (role, scope, object state). A user's scope is the union of their role
assignments: national roles see everything; a Kanwil verifier sees the kab/kota of
the provinces their office (Kanwil) covers today; coordinators and OPD operators see
their own kab/kota. Objects out of
scope are answered with 404 by the callers, so that their names do not leak.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, RoleAssignment, User
from regions import selectors as offices
from regions.models import Agency, KanwilOffice, OfficeCoverage, Province, Regency

NATIONAL_ROLES = frozenset({Role.ASSESSOR, Role.ADMINISTRATOR})
STAFF_CONSOLE_ROLES = frozenset({Role.VERIFIER, Role.ASSESSOR, Role.ADMINISTRATOR})

AnyUser = User | AnonymousUser


@dataclass(frozen=True)
class Scope:
    """The union of a user's role assignments, computed once per request."""

    roles: frozenset[str] = frozenset()
    province_codes: frozenset[str] = frozenset()  # verifier: its offices' coverage
    office_ids: frozenset[int] = frozenset()  # verifier
    regency_codes: frozenset[str] = frozenset()  # coordinator
    agency_ids: frozenset[int] = frozenset()  # operator
    agency_regency_codes: frozenset[str] = frozenset()  # operator's kab/kota
    assignments: tuple[RoleAssignment, ...] = field(default=(), compare=False)

    @property
    def national(self) -> bool:
        return bool(self.roles & NATIONAL_ROLES)

    @property
    def own_regency_codes(self) -> frozenset[str]:
        """Kab/kota where the user works (coordinator or operator)."""
        return self.regency_codes | self.agency_regency_codes


EMPTY_SCOPE = Scope()


def scope_of(user: AnyUser) -> Scope:
    """The user's scope; cached on the user object for the rest of the request."""
    if not user.is_authenticated or not user.is_active:
        return EMPTY_SCOPE
    cached = getattr(user, "_portal_scope", None)
    if cached is not None:
        return cached
    assignments = tuple(
        RoleAssignment.objects.filter(user=user).select_related(
            "office", "regency__province", "agency"
        )
    )
    roles = {a.role for a in assignments}
    office_ids = frozenset(a.office_id for a in assignments if a.role == Role.VERIFIER)
    if user.is_superuser:
        roles.add(Role.ADMINISTRATOR)
    scope = Scope(
        roles=frozenset(roles),
        # A second query, only for verifiers: the coverage in force today.
        province_codes=offices.provinces_covered(office_ids),
        office_ids=office_ids,
        regency_codes=frozenset(
            a.regency_id for a in assignments if a.role == Role.COORDINATOR
        ),
        agency_ids=frozenset(
            a.agency_id for a in assignments if a.role == Role.OPERATOR
        ),
        agency_regency_codes=frozenset(
            a.regency_id for a in assignments if a.role == Role.OPERATOR
        ),
        assignments=assignments,
    )
    user._portal_scope = scope  # type: ignore[union-attr]
    return scope


def forget_scope(user: User) -> None:
    """Drop the cached scope (and independence answers) after roles change."""
    user.__dict__.pop("_portal_scope", None)
    user.__dict__.pop("_portal_held_roles", None)


def has_role(user: AnyUser, *roles: str) -> bool:
    return bool(scope_of(user).roles & set(roles))


def is_administrator(user: AnyUser) -> bool:
    return has_role(user, Role.ADMINISTRATOR)


def can_use_staff_console(user: AnyUser) -> bool:
    """Kanwil verifiers, ministry assessors and administrators work in the admin."""
    return bool(scope_of(user).roles & STAFF_CONSOLE_ROLES)


# ---------------------------------------------------------------- regions


def regency_filter(user: AnyUser, prefix: str = "") -> Q:
    """A Q that keeps rows whose kab/kota (reached through ``prefix``) is in scope.

    ``prefix`` is the lookup path from the filtered model to Regency, e.g.
    ``"regency__"`` for an Agency or an Assessment; empty for Regency itself.
    """
    scope = scope_of(user)
    if scope.national:
        return Q()
    if not scope.roles:
        return Q(pk__in=[])
    code = f"{prefix}code" if prefix else "code"
    province = f"{prefix}province_id" if prefix else "province_id"
    q = Q(**{f"{code}__in": scope.own_regency_codes})
    if scope.province_codes:
        q |= Q(**{f"{province}__in": scope.province_codes})
    return q


def regencies_for(user: AnyUser) -> QuerySet[Regency]:
    """Kab/kota the user may see."""
    if not scope_of(user).roles:
        return Regency.objects.none()
    return Regency.objects.filter(regency_filter(user))


def provinces_for(user: AnyUser) -> QuerySet[Province]:
    """Provinces the user may see: all, their Kanwil's, or the one of their kab/kota."""
    scope = scope_of(user)
    if scope.national:
        return Province.objects.all()
    if not scope.roles:
        return Province.objects.none()
    own = Regency.objects.filter(code__in=scope.own_regency_codes).values("province_id")
    return Province.objects.filter(Q(code__in=scope.province_codes) | Q(code__in=own))


def agencies_for(user: AnyUser) -> QuerySet[Agency]:
    """Agencies the user may see: an operator sees the agencies of their kab/kota."""
    if not scope_of(user).roles:
        return Agency.objects.none()
    return Agency.objects.filter(regency_filter(user, "regency__"))


def can_view_regency(user: AnyUser, regency: Regency) -> bool:
    scope = scope_of(user)
    return (
        scope.national
        or regency.code in scope.own_regency_codes
        or regency.province_id in scope.province_codes
    )


def offices_for(user: AnyUser) -> QuerySet[KanwilOffice]:
    """The Kanwil offices a verifier belongs to (all of them for national roles)."""
    scope = scope_of(user)
    if scope.national:
        return KanwilOffice.objects.all()
    return KanwilOffice.objects.filter(pk__in=scope.office_ids)


def verifiers_covering(
    province_code: str, moment: datetime.datetime | None = None
) -> QuerySet[User]:
    """Active verifiers of the office that covers the province at ``moment`` (now):
    who gets its queue's notices, reminders and digests."""
    covering = OfficeCoverage.objects.filter(
        offices.in_force(moment), province_id=province_code
    ).values("office_id")
    return User.objects.filter(
        is_active=True,
        pk__in=RoleAssignment.objects.filter(
            role=Role.VERIFIER, office_id__in=covering
        ).values("user_id"),
    )


def can_view_province(user: AnyUser, province: Province) -> bool:
    return provinces_for(user).filter(pk=province.pk).exists()


def can_manage_agencies(user: AnyUser, regency: Regency) -> bool:
    """The kab/kota's coordinator maintains its OPD list; administrators anywhere."""
    scope = scope_of(user)
    return is_administrator(user) or regency.code in scope.regency_codes


def can_manage_roles(user: AnyUser) -> bool:
    """Granting roles is an administrator's job."""
    return is_administrator(user)


def users_for(user: AnyUser) -> QuerySet[User]:
    """People the user may see: those holding a role inside the user's scope."""
    scope = scope_of(user)
    if scope.national:
        return User.objects.all()
    if not scope.roles:
        return User.objects.none()
    in_scope = RoleAssignment.objects.filter(
        regency_filter(user, "regency__") & Q(regency__isnull=False)
        | Q(office_id__in=scope.office_ids)
    )
    return User.objects.filter(
        Q(pk__in=in_scope.values("user_id")) | Q(pk=user.pk)
    ).distinct()


# ---------------------------------------------------------------- navigation


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str


def navigation_for(user: AnyUser) -> list[NavItem]:
    """Menu entries for the user's roles; the pages behind them check again."""
    if not user.is_authenticated:
        return []
    scope = scope_of(user)
    items = [NavItem(_("Beranda"), "portal:home")]
    items.append(NavItem(_("Katalog"), "indicators:catalogue-list"))
    if scope.roles:
        items.append(NavItem(_("Dasbor"), "portal:dashboard"))
        items.append(NavItem(_("Penilaian"), "reporting:assessment-list"))
        items.append(NavItem(_("Aksi HAM"), "aksiham:home"))
        items.append(NavItem(_("Wilayah"), "regions:regency-list"))
    if scope.national or scope.office_ids:
        items.append(NavItem(_("Peringkat"), "reporting:ranking-latest"))
    if scope.national or scope.office_ids or scope.regency_codes:
        items.append(NavItem(_("Ekspor"), "exports:list"))
    if can_use_staff_console(user):
        items.append(NavItem(_("Konsol"), "admin:index"))
    return items
