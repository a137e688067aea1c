"""Changing which Kanwil office covers a province: the administrator's decision."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import User
from regions.models import KanwilOffice, OfficeCoverage, Province
from regions.services import coverage_record


@transaction.atomic
def office_coverage_change(
    *,
    actor: User,
    province: Province,
    office: KanwilOffice | None,
    valid_from: datetime.date,
    source: str,
    certainty: str = OfficeCoverage.Certainty.CONFIRMED,
) -> OfficeCoverage | None:
    """From ``valid_from``, the province's work goes to ``office`` (None: to no office).

    Work already decided keeps its verifier; queues, reminders and exports follow the
    office in force on each day.
    """
    if not access.is_administrator(actor):
        raise PermissionDenied(
            _("Hanya administrator yang dapat mengubah cakupan kantor wilayah.")
        )
    return coverage_record(
        province=province,
        office=office,
        valid_from=valid_from,
        recorded_by=actor,
        source=source,
        certainty=certainty,
    )
