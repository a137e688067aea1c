"""History pages of the console in words people read.

django-simple-history lists what changed between two versions with each value as
Python writes it: stored choice codes, ``None``, datetimes in UTC with
microseconds, and "Deleted … (pk=None)" for an empty link. ``ReadableChanges``
gives the same list with a choice's label, "—" for nothing and a moment in the
portal's zone, formatted as everywhere else on the page.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.utils import formats, timezone
from django.utils.translation import gettext
from simple_history.models import DeletedObject, ModelChange
from simple_history.template_utils import HistoricalRecordContextHelper

EMPTY = "—"


def readable(field: Any, value: Any) -> Any:
    """One stored value of ``field`` as people read it."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, DeletedObject):
        if value.pk is None:
            return EMPTY
        return gettext("%(type)s yang sudah dihapus (%(pk)s)") % {
            "type": value.model._meta.verbose_name,
            "pk": value.pk,
        }
    if getattr(field, "flatchoices", None):
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return gettext("Ya") if value else gettext("Tidak")
    if isinstance(value, datetime.datetime):
        moment = timezone.localtime(value) if timezone.is_aware(value) else value
        return formats.localize(moment)
    if isinstance(value, (datetime.date, int, float)) or hasattr(value, "quantize"):
        return formats.localize(value)
    return value


class ReadableChanges(HistoricalRecordContextHelper):
    def prepare_delta_change_value(self, change: ModelChange, value: Any) -> Any:
        prepared = super().prepare_delta_change_value(change, value)
        field = self.model._meta.get_field(change.field)
        return readable(field, prepared)


def field_of(model: type[Model], name: str) -> Any:
    """``model``'s field ``name``, or None for a column that is not a field."""
    try:
        return model._meta.get_field(name)
    except (AttributeError, FieldDoesNotExist):
        return None
