"""Catalogue lifecycle: draft → open (frozen) → closed; next year is a copy."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import User
from indicators.models import (
    CATALOGUE_IDENTITY,
    CATALOGUE_SETTINGS,
    DEFAULT_BANDS,
    Catalogue,
    Category,
    Indicator,
    IndicatorMapping,
    PredicateBand,
)


class CatalogueFrozen(ValidationError):
    """Raised for any change to a catalogue that is no longer a draft."""


def ensure_editable(catalogue: Catalogue) -> None:
    """Refuse changes to an open or closed catalogue (answers point to it)."""
    if not catalogue.is_editable:
        raise CatalogueFrozen(
            _(
                "Katalog %(year)s berstatus %(status)s dan tidak dapat diubah. "
                "Salin ke tahun baru untuk membuat perubahan."
            )
            % {"year": catalogue.year, "status": catalogue.get_status_display()}
        )


def _require_admin(actor: User | None) -> None:
    if actor is not None and not access.is_administrator(actor):
        raise PermissionDenied(_("Hanya administrator yang dapat mengelola katalog."))


@transaction.atomic
def catalogue_create(
    *,
    actor: User | None,
    year: int,
    title: str,
    legal_basis: str,
    data_year: int | None = None,
    is_sample: bool = False,
    **settings: object,
) -> Catalogue:
    """A new draft catalogue with the default predicate bands.

    Identity texts not given (programme and ministry names, letterhead, signatory)
    are the newest catalogue's: a new year keeps last year's names until changed.
    """
    _require_admin(actor)
    if Catalogue.objects.filter(year=year).exists():
        raise ValidationError(
            {"year": _("Katalog tahun %(year)s sudah ada.") % {"year": year}}
        )
    newest = Catalogue.objects.order_by("-year").first()
    if newest is not None:
        for name in CATALOGUE_IDENTITY:
            settings.setdefault(name, getattr(newest, name))
    catalogue = Catalogue(
        year=year,
        data_year=data_year if data_year is not None else year - 1,
        title=title,
        legal_basis=legal_basis,
        is_sample=is_sample,
        **settings,
    )
    catalogue.full_clean()
    catalogue.save()
    PredicateBand.objects.bulk_create(
        PredicateBand(catalogue=catalogue, min_score=m, label=label, earns_award=award)
        for m, label, award in DEFAULT_BANDS
    )
    return catalogue


def catalogue_problems(catalogue: Catalogue) -> list[str]:
    """What stops a draft from opening; empty when it is complete."""
    problems = []
    categories = list(catalogue.categories.all())
    if not categories:
        problems.append(_("Katalog belum memiliki kategori."))
    for category in categories:
        if not category.indicators.exists():
            problems.append(
                _("Kategori %(code)s belum memiliki indikator.")
                % {"code": category.code}
            )
    bands = list(catalogue.bands.all())
    if not any(b.min_score == 0 for b in bands):
        problems.append(_("Pita predikat harus dimulai dari nilai 0."))
    if not any(b.earns_award for b in bands):
        problems.append(_("Belum ada pita predikat yang mendapat penghargaan."))
    if sum(catalogue.type_weights().values()) != 100:
        problems.append(_("Bobot struktur + proses + hasil harus berjumlah 100."))
    for indicator in catalogue.indicators.select_related("category"):
        try:
            # Fields and the model's own rules. What the database enforces on the
            # stored rows (references, unique and check constraints) is not asked
            # again, one query per indicator.
            indicator.full_clean(
                exclude=[
                    f.name for f in Indicator._meta.concrete_fields if f.is_relation
                ],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as exc:
            problems.append(f"{indicator.code}: {'; '.join(exc.messages)}")
    return problems


@transaction.atomic
def catalogue_open(*, catalogue: Catalogue, actor: User | None) -> Catalogue:
    """Freeze a complete draft so that assessments can answer it."""
    _require_admin(actor)
    catalogue = Catalogue.objects.select_for_update(of=("self",)).get(pk=catalogue.pk)
    ensure_editable(catalogue)
    problems = catalogue_problems(catalogue)
    if problems:
        raise ValidationError(problems)
    catalogue.status = Catalogue.Status.OPEN
    catalogue.opened_at = timezone.now()
    catalogue.save(update_fields=["status", "opened_at", "updated_at"])
    return catalogue


@transaction.atomic
def catalogue_close(*, catalogue: Catalogue, actor: User | None) -> Catalogue:
    """End the year: the catalogue stays readable, frozen, forever."""
    _require_admin(actor)
    catalogue = Catalogue.objects.select_for_update(of=("self",)).get(pk=catalogue.pk)
    if catalogue.status != Catalogue.Status.OPEN:
        raise ValidationError(_("Hanya katalog yang dibuka yang dapat ditutup."))
    catalogue.status = Catalogue.Status.CLOSED
    catalogue.closed_at = timezone.now()
    catalogue.save(update_fields=["status", "closed_at", "updated_at"])
    return catalogue


@transaction.atomic
def catalogue_identity_update(
    *, catalogue: Catalogue, values: dict[str, str], actor: User | None
) -> Catalogue:
    """Change the year's names, letterhead or signatory, in any status.

    They name and sign the year's documents and never enter a score, so an open or
    closed year may still get its signatory (known only at the decree) or a new name.
    """
    _require_admin(actor)
    catalogue = Catalogue.objects.select_for_update().get(pk=catalogue.pk)
    for name in CATALOGUE_IDENTITY:
        if name in values:
            setattr(catalogue, name, values[name])
    catalogue.full_clean()
    catalogue.save(update_fields=[*CATALOGUE_IDENTITY, "updated_at"])
    return catalogue


@transaction.atomic
def catalogue_copy_to_year(
    *, catalogue: Catalogue, year: int, actor: User | None
) -> Catalogue:
    """A new draft with the same settings, bands, categories and indicators.

    The source is not touched: its indicators keep their ids, so answers and
    scores of past years stay attached to exactly what was asked then.
    """
    _require_admin(actor)
    copy = catalogue_create(
        actor=actor,
        year=year,
        title=catalogue.title.replace(str(catalogue.year), str(year)),
        legal_basis=catalogue.legal_basis,
        is_sample=catalogue.is_sample,
        **{name: getattr(catalogue, name) for name in CATALOGUE_SETTINGS},
        **{name: getattr(catalogue, name) for name in CATALOGUE_IDENTITY},
    )
    copy.copied_from = catalogue
    copy.save(update_fields=["copied_from"])
    copy.bands.all().delete()
    PredicateBand.objects.bulk_create(
        PredicateBand(
            catalogue=copy,
            min_score=b.min_score,
            label=b.label,
            earns_award=b.earns_award,
        )
        for b in catalogue.bands.all()
    )
    category_map = {}
    for category in catalogue.categories.all():
        category_map[category.pk] = Category.objects.create(
            catalogue=copy,
            code=category.code,
            name=category.name,
            group=category.group,
            order=category.order,
            description=category.description,
            weight=category.weight,
        )
    Indicator.objects.bulk_create(
        Indicator(
            catalogue=copy,
            category=category_map[i.category_id],
            code=i.code,
            order=i.order,
            type=i.type,
            text=i.text,
            unit=i.unit,
            answer_kind=i.answer_kind,
            weight=i.weight,
            options=i.options,
            target=i.target,
            bands=i.bands,
            evidence_required=i.evidence_required,
            evidence_description=i.evidence_description,
            responsible_agency_type_id=i.responsible_agency_type_id,
            help_text=i.help_text,
        )
        for i in catalogue.indicators.all()
    )
    return copy


def previous_catalogue(catalogue: Catalogue) -> Catalogue | None:
    """The newest catalogue of an earlier year (where last year's answers are)."""
    return (
        Catalogue.objects.filter(year__lt=catalogue.year)
        .exclude(status=Catalogue.Status.DRAFT)
        .order_by("-year")
        .first()
    )


def mapping_problem(*, target: Indicator, source: Indicator | None) -> str | None:
    """Why ``source`` cannot give its answer to ``target``, or None."""
    previous = previous_catalogue(target.catalogue)
    if source is None or (previous is not None and source.catalogue_id == previous.pk):
        return None
    return _(
        "Indikator tahun lalu harus dari katalog %(year)s, katalog sebelum katalog "
        "%(target)s."
    ) % {"year": previous.year if previous else "—", "target": target.catalogue.year}


@transaction.atomic
def indicator_mapping_set(
    *, target: Indicator, source: Indicator | None, actor: User | None
) -> IndicatorMapping:
    """Say where ``target`` takes last year's answer from (``None``: not carried).

    The source must be an indicator of the previous catalogue; one mapping per
    target, set again to change it.
    """
    _require_admin(actor)
    problem = mapping_problem(target=target, source=source)
    if problem:
        raise ValidationError(problem)
    mapping, _created = IndicatorMapping.objects.update_or_create(
        target=target, defaults={"source": source, "created_by": actor}
    )
    return mapping


@transaction.atomic
def indicator_mapping_remove(*, mapping: IndicatorMapping, actor: User | None) -> None:
    """Back to the rule without a mapping: the same code carries."""
    _require_admin(actor)
    mapping.delete()
