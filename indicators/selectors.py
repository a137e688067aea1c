"""Reads of catalogues: drafts are visible to administrators only."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from accounts import access
from accounts.models import User
from indicators.models import Catalogue, Indicator


def catalogue_list_for_user(*, user: User) -> QuerySet[Catalogue]:
    qs = Catalogue.objects.annotate(indicator_total=Count("indicators"))
    if access.is_administrator(user):
        return qs
    return qs.exclude(status=Catalogue.Status.DRAFT)


def indicator_search(
    *, catalogue: Catalogue, query: str = "", category: str = "", type_: str = ""
) -> QuerySet[Indicator]:
    """Indicators of one catalogue, filtered by text, category code and type."""
    qs = catalogue.indicators.select_related("category", "responsible_agency_type")
    if query:
        qs = qs.filter(
            Q(text__icontains=query)
            | Q(code__icontains=query)
            | Q(evidence_description__icontains=query)
        )
    if category:
        qs = qs.filter(category__code=category)
    if type_:
        qs = qs.filter(type=type_)
    return qs.order_by("category__order", "order")


def current_identity() -> dict[str, str]:
    """The programme's names where no year is in context (site title, login page):
    the newest open catalogue's, else the newest closed one's; empty when there is none,
    so the caller falls back to the deployment's settings."""
    catalogue = (
        Catalogue.objects.exclude(status=Catalogue.Status.DRAFT)
        .order_by("-status", "-year")  # "open" sorts after "closed": open first
        .values(
            "programme_name",
            "programme_short_name",
            "ministry_name",
            "regional_office_name",
        )
        .first()
    )
    return catalogue or {}
