"""A stored field as people read it, for pages that list fields by name.

History pages name their columns by field name and show values as stored:
``field_heading`` gives the field's verbose name, ``field_shown`` the value as
``kernel.history.readable`` words it (a choice's label, "—" for nothing).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.core.exceptions import ObjectDoesNotExist
from django.utils.text import capfirst

from kernel.history import EMPTY, field_of, readable

register = template.Library()


@register.filter
def field_heading(obj: Any, name: str) -> str:
    """The verbose name of ``obj``'s field ``name`` (the name itself if none)."""
    return capfirst(getattr(field_of(obj, name), "verbose_name", name))


@register.simple_tag
def field_shown(obj: Any, name: str) -> Any:
    """``obj``'s field ``name`` as people read it."""
    try:
        value = getattr(obj, name, None)
    except ObjectDoesNotExist:
        return EMPTY
    return readable(field_of(obj, name), value)
