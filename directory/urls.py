from django.urls import path

from directory import views

app_name = "regions"

urlpatterns = [
    path("", views.regency_list, name="regency-list"),
    path("provinsi/<str:code>/", views.province_detail, name="province-detail"),
    path("<str:code>/", views.regency_detail, name="regency-detail"),
    path("<str:code>/opd/tambah/", views.agency_add, name="agency-add"),
    path("<str:code>/opd/daftar-baku/", views.agency_template, name="agency-template"),
]
