"""Partner systems identify themselves with ``Authorization: Bearer <key>``.

A token changes only the rate limit: it reads the same published data as everyone.
No session authentication: a signed-in person's cookie gives the API nothing more,
so the API needs no CSRF handling and cannot be used to read anything a page hides.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from kernel import clock
from opendata.models import PartnerToken
from opendata.services import token_digest

# last_used_at is written at most this often per token, not on every request.
USE_RECORDED_EVERY = datetime.timedelta(hours=1)


class PartnerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[None, PartnerToken] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Tajuk Authorization harus berbentuk »Bearer <token>«.")
            )
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError:
            key = ""
        token = PartnerToken.objects.filter(
            digest=token_digest(key), revoked_at=None
        ).first()
        if token is None:
            raise exceptions.AuthenticationFailed(
                _("Token tidak dikenal atau sudah dicabut.")
            )
        now = clock.now()
        if token.last_used_at is None or now - token.last_used_at > USE_RECORDED_EVERY:
            PartnerToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return None, token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


class PartnerTokenScheme(OpenApiAuthenticationExtension):
    target_class = PartnerTokenAuthentication
    name = "partnerToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer"}
