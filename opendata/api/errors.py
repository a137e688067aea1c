"""Every API error is JSON with a ``detail`` in the reader's language (Indonesian
unless English was chosen), never an HTML page."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler


def exception_handler(exc: Exception, context: dict) -> Response | None:
    response = drf_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.Throttled):
        wait = int(exc.wait or 1)
        response.data = {
            "detail": _("Terlalu banyak permintaan. Coba lagi dalam %(seconds)d detik.")
            % {"seconds": wait},
            "retry_after": wait,
        }
    elif isinstance(exc, exceptions.NotFound) and not isinstance(
        response.data.get("detail"), str
    ):
        response.data = {"detail": _("Data tidak ditemukan.")}
    return response
