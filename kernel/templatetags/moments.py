"""``{{ moment|when }}`` → "31 Mar 2026, 23.59 WIT"; ``{{ moment|time_of_day }}``; ``{% zone_label %}``.

The one way templates, PDFs and e-mails show a moment: in the active zone (or the one
given, ``{{ moment|when:"Asia/Jayapura" }}``), always with its label.
"""

from __future__ import annotations

import datetime

from django import template

from kernel import clock, zones

register = template.Library()


@register.filter(name="when")
def when_filter(moment: datetime.datetime | None, zone: str = "") -> str:
    return clock.when(moment, zone or None) if moment else ""


@register.filter(name="time_of_day")
def time_of_day_filter(moment: datetime.datetime | None, zone: str = "") -> str:
    return clock.time_of_day(moment, zone or None) if moment else ""


@register.simple_tag
def zone_label(zone: str = "") -> str:
    """The label of ``zone`` or of the active zone: WIB, WITA or WIT."""
    return zones.label(zone or None)
