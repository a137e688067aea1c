from django.urls import path

from portal import dashboard_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("dasbor/", dashboard_views.dashboard, name="dashboard"),
    path("dasbor/nasional/", dashboard_views.national, name="dashboard-national"),
    path(
        "dasbor/provinsi/<str:code>/",
        dashboard_views.province,
        name="dashboard-province",
    ),
    path(
        "dasbor/wilayah/<str:code>/", dashboard_views.regency, name="dashboard-regency"
    ),
]
