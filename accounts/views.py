"""Sign-in, sign-out, password pages and "my account"."""

from __future__ import annotations

import axes.utils
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from accounts import access
from accounts.client_address import client_address
from accounts.forms import LoginForm, TimeZoneForm
from accounts.ratelimit import Rate, minutes, rate_hit
from accounts.services.preferences import time_zone_set
from accounts.zones import may_choose_zone, zone_of
from kernel.errors import Refusal, flash_refusal
from kernel.zones import label as zone_label


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """The signed-in user's roles and scopes, and the zone their pages show."""
    scope = access.scope_of(request.user)
    chooses = may_choose_zone(request.user)
    form = TimeZoneForm(
        request.POST if request.method == "POST" and chooses else None,
        initial={"time_zone": request.user.time_zone},
    )
    if form.is_bound and form.is_valid():
        try:
            time_zone_set(user=request.user, zone=form.cleaned_data["time_zone"])
        except Refusal as exc:
            flash_refusal(request, exc)
        else:
            messages.success(request, _("Zona waktu disimpan."))
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "assignments": scope.assignments,
            "zone_form": form if chooses else None,
            "zone_label": zone_label(zone_of(request.user)),
        },
    )


password_change = auth_views.PasswordChangeView.as_view(
    template_name="accounts/password_change.html",
    success_url=reverse_lazy("accounts:password-change-done"),
)
password_change_done = auth_views.PasswordChangeDoneView.as_view(
    template_name="accounts/password_change_done.html"
)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset view, with reset e-mails limited per address and per e-mail.

    The e-mail is counted whether or not an account has it, so the limit tells
    nobody which addresses are registered.
    """

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")

    def form_valid(self, form):
        wait = max(
            rate_hit(
                Rate.from_setting("PASSWORD_RESET_RATE_PER_ADDRESS"),
                client_address(self.request),
            ),
            rate_hit(
                Rate.from_setting("PASSWORD_RESET_RATE_PER_EMAIL"),
                form.cleaned_data["email"],
            ),
        )
        if wait:
            form.add_error(
                None,
                _(
                    "Terlalu banyak permintaan tautan atur ulang kata sandi. "
                    "Coba lagi dalam %(minutes)d menit."
                )
                % {"minutes": minutes(wait)},
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Setting a new password from the e-mailed link signs the owner in.

    It is also the owner's way past a login cool-off: the username's failed
    attempts are cleared, whoever made them.
    """

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"

    def form_valid(self, form):
        axes.utils.reset(username=form.user.get_username())
        return super().form_valid(form)


password_reset = PasswordResetView.as_view()
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm = PasswordResetConfirmView.as_view()
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
