"""Independence: nobody decides on a kab/kota's work they took part in.

One rule for KKPHAM and Aksi HAM, for the Kanwil's decisions and the ministry's:

- whoever entered, changed or evidenced the item at any moment of its history (the
  callers collect those people from the item's history rows and evidence rows) may
  not decide on it;
- whoever holds, or held at any moment since the start of the year, a regional role
  (coordinator or OPD operator) in the kab/kota may not decide on any of its work.
  Roles are kept in ``RoleAssignment.history``, so a role revoked in March still
  counts in November.

``independence_refusal`` gives the reason in Indonesian, or None; services raise it,
the console shows it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import RoleAssignment, User
from regions.models import Regency


def year_start(year: int) -> datetime.datetime:
    """1 January 00:00 of ``year`` in the portal's time zone."""
    return datetime.datetime(year, 1, 1, tzinfo=timezone.get_default_timezone())


def held_regional_role(
    user: User, regency_code: str, *, since: datetime.datetime
) -> bool:
    """Does ``user`` hold, or did they hold at any moment since ``since``, a role in
    the kab/kota (coordinator or operator of one of its OPD)?

    Remembered on the user object for the request (like ``access.scope_of``; role
    services forget it), so a bulk decision asks once.
    """
    remembered = user.__dict__.setdefault("_portal_held_roles", {})
    key = (regency_code, since)
    if key not in remembered:
        remembered[key] = _held(user, regency_code, since)
    return remembered[key]


def _held(user: User, regency_code: str, since: datetime.datetime) -> bool:
    if RoleAssignment.objects.filter(user=user, regency_id=regency_code).exists():
        return True
    ids = (
        RoleAssignment.history.filter(user_id=user.pk, regency_id=regency_code)
        .values_list("id", flat=True)
        .distinct()
    )
    rows = RoleAssignment.history.filter(id__in=list(ids)).order_by(
        "id", "history_date", "history_id"
    )
    rows = list(
        rows.values("id", "user_id", "regency_id", "history_type", "history_date")
    )
    for index, row in enumerate(rows):
        following = rows[index + 1] if index + 1 < len(rows) else None
        if row["user_id"] != user.pk or row["regency_id"] != regency_code:
            continue
        if row["history_type"] == "-":
            ended = row["history_date"]  # held until it was revoked
        elif following is not None and following["id"] == row["id"]:
            ended = following["history_date"]  # held until it was changed
        else:
            return True  # the last state of a live assignment
        if ended >= since:
            return True
    return False


def independence_refusal(
    *,
    actor: User,
    regency: Regency,
    since: datetime.datetime,
    contributor_ids: Iterable[int | None] = (),
    item: str = "",
) -> str | None:
    """Why ``actor`` may not decide on this work of ``regency``, or None.

    ``contributor_ids``: everyone who ever entered, changed or evidenced the item;
    ``item``: how the item is named in the message (an indicator code, "laporan ini").
    """
    if actor.pk in set(contributor_ids):
        return _(
            "Anda pernah mengisi, mengubah, atau mengunggah data dukung %(item)s; "
            "keputusan harus diambil orang lain."
        ) % {"item": item}
    if held_regional_role(actor, regency.code, since=since):
        return _(
            "Anda memegang, atau pada tahun %(year)s pernah memegang, peran di "
            "%(regency)s; keputusan atas kabupaten/kota ini harus diambil orang lain."
        ) % {"year": timezone.localtime(since).year, "regency": regency.name}
    return None
