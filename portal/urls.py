from django.contrib import admin
from django.urls import include, path

from portal import views

urlpatterns = [
    path("", include(("portal.site_urls", "portal"))),
    path("akun/", include("accounts.urls")),
    path("wilayah/", include("directory.urls")),
    path("katalog/", include("indicators.urls")),
    # Before reporting: the export pages keep their addresses under penilaian/.
    path("penilaian/ekspor/", include("exports.urls")),
    path("penilaian/", include("reporting.urls")),
    path("aksi-ham/", include("aksiham.urls")),
    path("hasil/", include("public.urls")),
    path("pemberitahuan/", include("notices.urls")),
    path("data/", include("opendata.urls")),
    path("api/v1/", include("opendata.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
]

handler400 = "portal.views.bad_request"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
