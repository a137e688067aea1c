from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView

from opendata.api import views

app_name = "api"

urlpatterns = [
    path("years/", views.YearList.as_view(), name="year-list"),
    path("years/<int:year>/", views.YearDetail.as_view(), name="year-detail"),
    path("years/<int:year>/results/", views.ResultList.as_view(), name="result-list"),
    path(
        "years/<int:year>/results/<str:code>/",
        views.ResultDetail.as_view(),
        name="result-detail",
    ),
    path("regions/", views.RegionList.as_view(), name="region-list"),
    path("regions/<str:code>/", views.RegionDetail.as_view(), name="region-detail"),
    path(
        "schema/",
        SpectacularJSONAPIView.as_view(
            authentication_classes=[], permission_classes=[]
        ),
        name="schema",
    ),
    re_path(r"^", views.NotFoundView.as_view(), name="not-found"),
]
