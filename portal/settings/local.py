"""Zero-setup profile for `make run`: SQLite, filesystem broker, console e-mail."""

from __future__ import annotations

import os

os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault(
    "DJANGO_SECRET_KEY", "local-only-insecure-key-never-use-in-production"
)
os.environ.setdefault("DEMO_DATA_ALLOWED", "true")

from portal.settings.base import *  # noqa: F403
