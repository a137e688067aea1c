from django.urls import path

from portal import views
from portal.awards import views as awards
from portal.dashboards import views as dashboards

urlpatterns = [
    path("", views.home, name="home"),
    path("dasbor/", dashboards.dashboard, name="dashboard"),
    path("dasbor/nasional/", dashboards.national, name="dashboard-national"),
    path("dasbor/kanwil/<slug:code>/", dashboards.office, name="dashboard-office"),
    path(
        "dasbor/provinsi/<str:code>/",
        dashboards.province,
        name="dashboard-province",
    ),
    path("dasbor/wilayah/<str:code>/", dashboards.regency, name="dashboard-regency"),
    path(
        "penghargaan/<int:year>/daerah-terbaik/",
        awards.best_regions_page,
        name="best-regions",
    ),
    path(
        "penghargaan/<int:year>/daerah-terbaik.xlsx",
        awards.best_regions_xlsx,
        name="best-regions-xlsx",
    ),
]
