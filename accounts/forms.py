"""Login form with Indonesian labels, the zone choice; the rest are Django's own auth forms."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from kernel.zones import Zone


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil."
        ),
        "inactive": _("Akun ini dinonaktifkan. Hubungi administrator."),
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].label = _("Nama pengguna")
        self.fields["password"].label = _("Kata sandi")


class TimeZoneForm(forms.Form):
    time_zone = forms.ChoiceField(
        label=_("Zona waktu tampilan"),
        choices=Zone.choices,
        help_text=_("Semua jam di portal ditampilkan dan dibaca dalam zona ini."),
    )
