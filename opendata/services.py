"""Writers of the open-data app: partner tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import User
from kernel import clock
from kernel.errors import Refusal
from opendata.models import PartnerToken


def token_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _check_administrator(actor: User) -> None:
    if not access.is_administrator(actor):
        raise Refusal(_("Hanya administrator yang mengelola token sistem mitra."))


@transaction.atomic
def token_issue(*, name: str, actor: User) -> tuple[PartnerToken, str]:
    """A new token for a partner system; the key is returned once and never stored."""
    _check_administrator(actor)
    name = name.strip()
    if not name:
        raise Refusal(_("Isi nama sistem mitra."))
    key = secrets.token_urlsafe(32)
    token = PartnerToken.objects.create(
        name=name, prefix=key[:8], digest=token_digest(key), created_by=actor
    )
    return token, key


@transaction.atomic
def token_revoke(*, token: PartnerToken, actor: User) -> PartnerToken:
    """Refuse the token from now on; revoking twice keeps the first moment."""
    _check_administrator(actor)
    token = PartnerToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token.revoked_by = actor
        token.save(update_fields=["revoked_at", "revoked_by"])
    return token
