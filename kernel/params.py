"""Numbers typed into URLs and forms, read the same way everywhere.

Only ASCII digits count: ``"²".isdigit()`` is true yet ``int("²")`` raises, and
``int("٣")`` is 3, so neither ``isdigit`` nor ``int`` alone decides. A value that is
not a number is ``None`` (the caller ignores it or says so); a number outside the
bounds is clamped, so no huge value reaches ``int()``, ``timedelta`` or the database.
"""

from __future__ import annotations

from django.http import HttpRequest

# More digits than any bound here needs; int() refuses more than 4,300 anyway.
MAX_DIGITS = 18


def parse_int(
    raw: object, *, minimum: int | None = None, maximum: int | None = None
) -> int | None:
    """The whole number in ``raw`` (ASCII digits, optional surrounding spaces), clamped
    to ``[minimum, maximum]``; None if it is not one (or, with no maximum, too long
    to be meant)."""
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    if not text or not (text.isascii() and text.isdigit()):
        return None
    digits = text.lstrip("0") or "0"
    if len(digits) > MAX_DIGITS:
        return maximum
    value = int(digits)
    if minimum is not None and value < minimum:
        return minimum
    if maximum is not None and value > maximum:
        return maximum
    return value


def int_param(
    request: HttpRequest,
    name: str,
    default: int | None = None,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
) -> int | None:
    """``?name=`` as a whole number within the bounds, else ``default``."""
    value = parse_int(request.GET.get(name, ""), minimum=minimum, maximum=maximum)
    return default if value is None else value


def pk_or_none(raw: object) -> int | None:
    """An object id from a form field: a positive whole number that fits a BIGINT,
    else None (which matches no object)."""
    value = parse_int(raw)
    if value is None or not 0 < value < 2**63:
        return None
    return value
