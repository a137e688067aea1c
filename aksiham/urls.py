from django.urls import path

from aksiham import views

app_name = "aksiham"

urlpatterns = [
    path("", views.home, name="home"),
    path("<int:year>/rekap/", views.rates_page, name="rates"),
    path("<int:year>/<str:regency>/", views.grid, name="grid"),
    path(
        "<str:regency>/periode/<int:period>/aksi/<int:action>/",
        views.report_page,
        name="report",
    ),
    path(
        "<str:regency>/periode/<int:period>/aksi/<int:action>/simpan/",
        views.report_save_view,
        name="report-save",
    ),
    path(
        "<str:regency>/periode/<int:period>/aksi/<int:action>/bukti/",
        views.evidence_upload,
        name="evidence-upload",
    ),
    path(
        "<str:regency>/periode/<int:period>/aksi/<int:action>/kirim/",
        views.report_submit_view,
        name="report-submit",
    ),
    path("bukti/<int:pk>/unduh/", views.evidence_download, name="evidence-download"),
    path("bukti/<int:pk>/hapus/", views.evidence_delete, name="evidence-delete"),
]
