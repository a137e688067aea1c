"""The one refusal type of the portal, and how views show it.

Three kinds of "no", each with its own exception:

- ``Refusal``: a rule or state refuses what the person asked (the report is locked,
  the window is closed, only the coordinator may submit, the year is published...).
  Every service of both programmes raises it; its messages are Indonesian sentences
  for the person, and views, the console and commands show them as they are.
- ``django.core.exceptions.ValidationError``: only for form-field validation of
  input values (a number out of range, a file too large, a missing reason field
  of a form), raised by forms, models' ``clean`` and the file checks.
- ``PermissionDenied`` / ``Http404``: only for "this person may not even see or ask
  this" (outside their region, no role at all); they carry no message to show.

Views catch ``Refusal`` (and ``ValidationError`` of their forms) and hand it to
``flash_refusal`` or ``refusal_messages``; nothing else reads ``.messages``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib import messages as django_messages
from django.http import HttpRequest


class Refusal(Exception):
    """A rule or state refuses the request; ``messages`` say why, for the person.

    ``Refusal("...")`` or ``Refusal("...", "...")`` or ``Refusal(["...", "..."])``;
    ``str()`` joins the messages with a space.
    """

    def __init__(self, *messages: str | Iterable[str]) -> None:
        flat: list[str] = []
        for message in messages:
            if isinstance(message, str) or not isinstance(message, Iterable):
                flat.append(str(message))
            else:
                flat.extend(str(m) for m in message)
        self.messages: list[str] = flat
        super().__init__(*flat)

    def __str__(self) -> str:
        return " ".join(self.messages)


def refusal_messages(exc: BaseException) -> list[str]:
    """The sentences to show for a refusal (or a ``ValidationError``), never empty."""
    found = [str(m) for m in getattr(exc, "messages", None) or [] if str(m)]
    return found or [str(exc)]


def flash_refusal(request: HttpRequest, exc: BaseException) -> None:
    """Each message of the refusal as an error message of the next page."""
    for message in refusal_messages(exc):
        django_messages.error(request, message)
