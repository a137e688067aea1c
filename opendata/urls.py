from django.urls import path

from opendata import views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/hasil.csv", views.results_csv, name="results-csv"),
    path("<int:year>/hasil.json", views.results_json, name="results-json"),
    path("<int:year>/metadata.json", views.metadata_json, name="metadata"),
]
