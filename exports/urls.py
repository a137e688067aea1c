from django.urls import path

from exports import views

app_name = "exports"

urlpatterns = [
    path("", views.export_list, name="list"),
    path("baris/", views.export_rows, name="rows"),
    path("minta/", views.export_request_view, name="request"),
    path("<int:pk>/unduh/", views.export_download, name="download"),
    path("<int:pk>/ulang/", views.export_retry_view, name="retry"),
]
