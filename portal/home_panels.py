"""What each role's home page shows; one small builder per role."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q

from accounts import access
from accounts.models import Role, RoleAssignment, User
from aksiham import selectors as aksiham_selectors
from indicators.models import Catalogue
from kernel import clock
from regions import selectors as region_selectors
from regions.models import Province, Regency
from reporting.models import Answer, Assessment
from reporting.selectors.progress import verification_progress


def _current_assessment(regency_code: str) -> Assessment | None:
    return (
        Assessment.objects.filter(regency_id=regency_code)
        .select_related("catalogue")
        .order_by("-catalogue__year")
        .first()
    )


def _days_left(assessment: Assessment | None, regency: Regency) -> int | None:
    """Days to the deadline by the region's own clock (its province's zone)."""
    if assessment is None:
        return None
    return clock.days_until(assessment.effective_deadline, zone=regency.province.zone)


@dataclass
class Panel:
    """One block of the home page for one role assignment."""

    role: str
    role_label: str
    title: str
    template: str
    context: dict[str, object] = field(default_factory=dict)


def _operator(assignment: RoleAssignment) -> Panel:
    assessment = _current_assessment(assignment.regency_id)
    counts = {}
    if assessment:
        counts = assessment.answers.filter(agency=assignment.agency).aggregate(
            total=Count("pk"),
            returned=Count("pk", filter=Q(status=Answer.Status.RETURNED)),
            ready=Count("pk", filter=Q(status=Answer.Status.READY)),
        )
    return Panel(
        Role.OPERATOR,
        Role.OPERATOR.label,
        str(assignment.agency),
        "portal/panels/operator.html",
        {
            "agency": assignment.agency,
            "regency": assignment.regency,
            "assessment": assessment,
            "days_left": _days_left(assessment, assignment.regency),
            **counts,
        },
    )


def _coordinator(assignment: RoleAssignment) -> Panel:
    regency = assignment.regency
    operators = RoleAssignment.objects.filter(role=Role.OPERATOR, regency=regency)
    assessment = _current_assessment(regency.code)
    return Panel(
        Role.COORDINATOR,
        Role.COORDINATOR.label,
        str(regency.name),
        "portal/panels/coordinator.html",
        {
            "regency": regency,
            "agency_count": regency.agencies.filter(is_active=True).count(),
            "operator_count": operators.values("user").distinct().count(),
            "assessment": assessment,
            "days_left": _days_left(assessment, regency),
            # Progress, not a working total, until verification is complete.
            "progress": verification_progress(assessment)
            if assessment and assessment.status != Assessment.Status.DRAFT
            else None,
            "aksiham": aksiham_selectors.regency_summary(regency, clock.now()),
        },
    )


def _verifier(assignment: RoleAssignment) -> Panel:
    """The verifier's office and the provinces it covers today, each with its
    kab/kota count (one query) and the Aksi HAM reports waiting in all of them."""
    office = assignment.office
    codes = region_selectors.provinces_covered([office.pk])
    provinces = list(
        Province.objects.filter(code__in=codes)
        .annotate(
            kabupaten=Count(
                "regencies", filter=Q(regencies__kind=Regency.Kind.KABUPATEN)
            ),
            kota=Count("regencies", filter=Q(regencies__kind=Regency.Kind.KOTA)),
        )
        .order_by("code")
    )
    return Panel(
        Role.VERIFIER,
        Role.VERIFIER.label,
        str(office),
        "portal/panels/verifier.html",
        {
            "office": office,
            "provinces": provinces,
            "kabupaten": sum(p.kabupaten for p in provinces),
            "kota": sum(p.kota for p in provinces),
            "aksiham_waiting": aksiham_selectors.waiting_count(frozenset(codes)),
        },
    )


def _national(role: Role) -> Panel:
    counts = Regency.objects.aggregate(
        total=Count("code"),
        kabupaten=Count("code", filter=Q(kind=Regency.Kind.KABUPATEN)),
        kota=Count("code", filter=Q(kind=Regency.Kind.KOTA)),
    )
    template = (
        "portal/panels/administrator.html"
        if role == Role.ADMINISTRATOR
        else "portal/panels/assessor.html"
    )
    context: dict[str, object] = {"provinces": Province.objects.count(), **counts}
    if role == Role.ADMINISTRATOR:
        context["users"] = User.objects.filter(is_active=True).count()
        context["open_catalogues"] = list(
            Catalogue.objects.filter(status=Catalogue.Status.OPEN)
            .annotate(assessment_count=Count("assessments"))
            .order_by("-year")
        )
    else:
        context["verified"] = Assessment.objects.filter(
            status=Assessment.Status.VERIFIED
        ).count()
    return Panel(role, role.label, "", template, context)


_BUILDERS = {
    Role.OPERATOR: _operator,
    Role.COORDINATOR: _coordinator,
    Role.VERIFIER: _verifier,
}


def panels_for(user: User) -> list[Panel]:
    """One panel per role assignment, national roles once each."""
    scope = access.scope_of(user)
    panels = [
        _BUILDERS[Role(a.role)](a) for a in scope.assignments if a.role in _BUILDERS
    ]
    panels += [
        _national(role)
        for role in (Role.ASSESSOR, Role.ADMINISTRATOR)
        if role in scope.roles
    ]
    return panels
