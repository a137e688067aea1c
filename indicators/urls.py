from django.urls import path

from indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.catalogue_list, name="catalogue-list"),
    path("<int:year>/", views.catalogue_detail, name="catalogue-detail"),
    path("<int:year>/<str:code>/", views.indicator_detail, name="indicator-detail"),
]
