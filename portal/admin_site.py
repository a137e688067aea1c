"""The staff console: Django's admin, opened by role instead of the is_staff flag."""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from accounts import access
from reporting import permissions
from reporting.selectors.verification import queue_start


def _header() -> str:
    return f"{settings.PORTAL_NAME} — {_('Konsol verifikasi')}"


class PortalAdminSite(AdminSite):
    site_header = lazy(_header, str)()
    site_title = _("Konsol verifikasi")
    index_title = _("Konsol verifikasi dan administrasi")

    def admin_view(self, view, cacheable: bool = False):
        """Signed-in people without a staff role get 403 at once, not a login loop."""
        inner = super().admin_view(view, cacheable)

        @wraps(view)
        def guarded(
            request: HttpRequest, *args: object, **kwargs: object
        ) -> HttpResponse:
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied(
                    _("Konsol ini hanya untuk Kanwil dan Kementerian.")
                )
            return inner(request, *args, **kwargs)

        return guarded

    def index(
        self, request: HttpRequest, extra_context: dict | None = None
    ) -> HttpResponse:
        """A verifier's first page says where to start: what waits longest."""
        context = dict(extra_context or {})
        if permissions.is_kanwil(request.user):
            context["start"] = queue_start(permissions.assessments_for(request.user))
        return super().index(request, extra_context=context)

    def has_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and access.can_use_staff_console(request.user)

    def login(self, request: HttpRequest, extra_context: object = None) -> HttpResponse:
        """One sign-in page for the whole portal; signed-in non-staff get 403."""
        if request.user.is_authenticated:
            raise PermissionDenied(_("Konsol ini hanya untuk Kanwil dan Kementerian."))
        next_url = request.GET.get("next") or reverse("admin:index")
        query = urlencode({"next": next_url})
        return HttpResponseRedirect(f"{reverse(settings.LOGIN_URL)}?{query}")
