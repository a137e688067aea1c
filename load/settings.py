"""The production profile as the load run serves it: plain HTTP on loopback.

Loopback has no TLS, so the secure-cookie and HTTPS-redirect settings are off (an HTTP
client would never send a secure cookie back). Static files use the plain storage
because the run does not collect them; the load clients fetch pages, not assets.
Everything else (DEBUG off, WhiteNoise, persistent database connections, a real
broker, no eager tasks) is production's.
"""

from __future__ import annotations

from portal.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
STATIC_ROOT = VAR_DIR / "static"  # noqa: F405 (empty: keeps WhiteNoise from warning)
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
