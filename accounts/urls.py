from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.profile, name="profile"),
    path("kata-sandi/", views.password_change, name="password-change"),
    path(
        "kata-sandi/selesai/", views.password_change_done, name="password-change-done"
    ),
    path("lupa-sandi/", views.password_reset, name="password-reset"),
    path("lupa-sandi/terkirim/", views.password_reset_done, name="password-reset-done"),
    path(
        "atur-sandi/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password-reset-confirm",
    ),
    path(
        "atur-sandi/selesai/",
        views.password_reset_complete,
        name="password-reset-complete",
    ),
]
