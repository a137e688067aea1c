"""Production profile: secrets and hosts must come from the environment."""

from __future__ import annotations

from portal.settings.base import *  # noqa: F403
from portal.settings.base import env, flag, read

DEBUG = False
DEMO_DATA_ALLOWED = False

SECURE_SSL_REDIRECT = flag("DJANGO_SECURE_SSL_REDIRECT", True)
# TLS ends at the proxy in front of gunicorn; the proxy says so in this header (it
# must overwrite any value the client sent). Empty when gunicorn terminates TLS.
_PROXY_HEADER = read("DJANGO_SECURE_PROXY_SSL_HEADER", env.str, "X-Forwarded-Proto")
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_" + _PROXY_HEADER.strip().upper().replace("-", "_"), "https")
    if _PROXY_HEADER.strip()
    else None
)
# One proxy in front of gunicorn, as documented; set 0 if gunicorn faces clients.
TRUSTED_PROXY_COUNT = read("TRUSTED_PROXY_COUNT", env.int, 1)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = read("DJANGO_SECURE_HSTS_SECONDS", env.int, 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

# WhiteNoise serves collected static files right after the security middleware.
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
