"""Reading settings from the environment, failing loudly with the setting's name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import environ
from django.core.exceptions import ImproperlyConfigured

env = environ.Env()

_NOT_SET = object()


def read(name: str, reader: Callable[..., Any], default: Any = _NOT_SET) -> Any:
    """Return ``reader(name)``; any missing or malformed value names the variable."""
    try:
        if default is _NOT_SET:
            return reader(name)
        return reader(name, default=default)
    except ImproperlyConfigured as exc:
        raise ImproperlyConfigured(
            f"Setting {name} is missing or invalid: {exc}"
        ) from exc
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise ImproperlyConfigured(
            f"Setting {name} has an invalid value ({exc})."
        ) from exc


def positive_int(name: str, default: int) -> int:
    """An integer environment variable that must be at least 1."""
    value = read(name, env.int, default)
    if value < 1:
        raise ImproperlyConfigured(f"Setting {name} must be a positive integer.")
    return value


def database(name: str, default: str) -> dict[str, Any]:
    """A DATABASE_URL for SQLite or PostgreSQL; anything else is refused."""
    config = read(name, env.db_url, default)
    engine = config.get("ENGINE", "")
    if engine not in (
        "django.db.backends.sqlite3",
        "django.db.backends.postgresql",
    ):
        raise ImproperlyConfigured(
            f"Setting {name} must be a sqlite:// or postgres:// URL, got engine "
            f"{engine or 'none'}."
        )
    if engine.endswith("sqlite3") and not config.get("NAME"):
        raise ImproperlyConfigured(f"Setting {name} has no SQLite file name.")
    return config


def directory(name: str, default: Path) -> Path:
    """A path environment variable; created later by whoever writes there."""
    return Path(read(name, env.str, str(default))).expanduser().resolve()


_TRUE = {"1", "true", "yes", "on", "ya"}
_FALSE = {"0", "false", "no", "off", "tidak", ""}


def flag(name: str, default: bool) -> bool:
    """A boolean environment variable; anything but a clear yes/no is refused."""
    raw = env.str(name, default=str(default)).strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ImproperlyConfigured(f"Setting {name} must be true or false, got {raw!r}.")
