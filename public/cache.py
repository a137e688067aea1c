"""Per-year caching of the public pages' figures and maps.

Keys carry the year's publication version (``selectors.published_year``): a new
publication or any rescore of the year changes it, so stale entries are never read
and simply expire; a withdrawn publication makes the year answer 404 before any
cache is consulted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.utils import translation

T = TypeVar("T")
TIMEOUT = 24 * 3600


def cached(version: str, *parts: object, build: Callable[[], T]) -> T:
    """``build()`` once per year version, page and language (labels and numbers follow
    the language)."""
    key = ":".join(
        ["public", version, translation.get_language() or "", *map(str, parts)]
    )
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, TIMEOUT)
    return found
