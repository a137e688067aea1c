"""Field declarations that recur in the models of every app."""

from __future__ import annotations

from django.conf import settings
from django.db import models


def actor_field(
    verbose_name, *, on_delete=models.PROTECT, optional: bool = False, **options
) -> models.ForeignKey:
    """The person who did something to the row: recorded, uploaded, decided it.

    No reverse accessor on the user (``related_name="+"``). ``optional`` (``null``
    and ``blank``) where the step may not have happened yet or the system did it.
    """
    if optional:
        options |= {"null": True, "blank": True}
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=on_delete,
        related_name="+",
        verbose_name=verbose_name,
        **options,
    )
