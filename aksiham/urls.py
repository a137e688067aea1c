from django.urls import include, path

from aksiham import views

app_name = "aksiham"

# One kab/kota's report of one action in one period.
report_patterns = [
    path("", views.report_page, name="report"),
    path("simpan/", views.report_save_view, name="report-save"),
    path("bukti/", views.evidence_upload, name="evidence-upload"),
    path("kirim/", views.report_submit_view, name="report-submit"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("<int:year>/rekap/", views.rates_page, name="rates"),
    path("<int:year>/<str:regency>/", views.grid, name="grid"),
    path(
        "<str:regency>/periode/<int:period>/aksi/<int:action>/",
        include(report_patterns),
    ),
    path("bukti/<int:pk>/unduh/", views.evidence_download, name="evidence-download"),
    path("bukti/<int:pk>/hapus/", views.evidence_delete, name="evidence-delete"),
]
