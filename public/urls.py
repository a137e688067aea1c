from django.urls import path

from public import views

app_name = "public"

urlpatterns = [
    path("", views.years, name="years"),
    path("<int:year>/", views.year, name="year"),
    path("<int:year>/provinsi/<str:code>/", views.province, name="province"),
    path("<int:year>/kabkota/<str:code>/", views.regency, name="regency"),
    path(
        "<int:year>/provinsi/<str:code>/piagam.pdf",
        views.province_certificate,
        name="province-certificate",
    ),
    path(
        "<int:year>/kabkota/<str:code>/piagam.pdf",
        views.regency_certificate,
        name="regency-certificate",
    ),
]
