"""Portal middleware: request size limit, language choice, time zone, database outages.

Language: Indonesian unless the person picked English with the switcher. Django's
LocaleMiddleware also follows the browser's Accept-Language header. Many government
computers run English-language browsers, so that would show English to people who
never asked for it; here only the explicit choice (cookie) counts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

from accounts.zones import zone_of
from kernel import zones

logger = logging.getLogger(__name__)


class RequestSizeLimitMiddleware:
    """Refuse an oversize request body from its Content-Length, before it is read.

    Django's DATA_UPLOAD_MAX_MEMORY_SIZE does not cover file uploads, which stream
    to a temporary file: without this a 2 GB body would be written to disk before
    any check ran. A body without a length (chunked) is refused too, because Django
    would read it as empty and the person would lose what they sent without a word.
    First in MIDDLEWARE, so that nothing has touched the body yet.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.REQUEST_MAX_BODY_MB * 1024 * 1024
        declared = request.META.get("CONTENT_LENGTH") or ""
        if not declared:
            if "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
                return _refused(request, 411, limit)
            return self.get_response(request)
        try:
            length = int(declared)
        except ValueError:
            return _refused(request, 400, limit)
        if length < 0:
            return _refused(request, 400, limit)
        if length > limit:
            logger.warning(
                "Request body of %d bytes refused for %s (limit %d)",
                length,
                request.path,
                limit,
            )
            return _refused(request, 413, limit)
        return self.get_response(request)


def _refused(request: HttpRequest, status: int, limit: int) -> HttpResponse:
    response = HttpResponse(
        render_to_string(
            "413.html",
            {
                "status": status,
                "limit_mb": limit // 1024 // 1024,
                "file_mb": settings.EVIDENCE_MAX_FILE_MB,
                "answer_mb": settings.EVIDENCE_MAX_ANSWER_MB,
                "LANGUAGE_CODE": translation.get_language(),
            },
        ),
        status=status,
    )
    response["Cache-Control"] = "no-store"
    response["Connection"] = "close"  # the unread body is not waited for
    return response


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class DatabaseUnavailableMiddleware:
    """A lost database connection answers 503 with a plain page, not a server error.

    The service that was running has rolled back (every writer is atomic), so the
    page can say truthfully that nothing was half-saved. The page needs no database.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if isinstance(exception, DATABASE_DOWN):
            return database_unavailable(request, exception)
        return None


DATABASE_DOWN = (OperationalError, InterfaceError)


def database_unavailable(
    request: HttpRequest, exception: BaseException
) -> HttpResponse:
    logger.warning("Database unavailable for %s: %s", request.path, exception)
    response = HttpResponse(
        render_to_string("503.html", {"LANGUAGE_CODE": translation.get_language()}),
        status=503,
    )
    response["Retry-After"] = "60"
    response["Cache-Control"] = "no-store"
    return response


class RefuseNulMiddleware:
    """A NUL character in the path, a query parameter or a form field: 400.

    No one types one; PostgreSQL cannot store or compare it, so any filter or save
    with it would fail as a server error. Runs in process_view, after CSRF, so it
    never reads a body that a view or a size limit has not yet seen.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, *args: object) -> None:
        if "\x00" in request.path_info:
            raise BadRequest("NUL character in the path")
        fields = [request.GET]
        if request.method == "POST":
            fields.append(request.POST)
        for data in fields:
            for key, values in data.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    raise BadRequest("NUL character in request data")


class PersonZoneMiddleware:
    """Shows times (and reads typed ones) in the person's zone: WIB, WITA or WIT.

    After authentication, so that the user's region is known.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        timezone.activate(zones.tz(zone_of(request.user)))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
