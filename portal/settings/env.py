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


STORAGE_BACKENDS = ("filesystem", "s3")


def file_storage(max_memory_size: int) -> dict[str, Any]:
    """Where uploads, previews and exports live: the local folder under MEDIA_ROOT
    (the default), or an S3-compatible bucket that every web node and worker share.

    The bucket is private: objects are written with the ``private`` ACL, no public
    URL is ever built (every URL is signed and short-lived) and no custom domain is
    used. Keys may be left empty to use the machine's own credentials (an instance
    role); the endpoint is empty for AWS itself.
    """
    backend = read("STORAGE_BACKEND", env.str, "filesystem").strip().lower()
    if backend not in STORAGE_BACKENDS:
        raise ImproperlyConfigured(
            f"Setting STORAGE_BACKEND must be one of {', '.join(STORAGE_BACKENDS)}, "
            f"got {backend!r}."
        )
    if backend == "filesystem":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    bucket = read("S3_BUCKET", env.str, "").strip()
    if not bucket:
        raise ImproperlyConfigured(
            "Setting S3_BUCKET is required with STORAGE_BACKEND=s3."
        )
    from botocore.config import Config  # only with the S3 backend

    style = read("S3_ADDRESSING_STYLE", env.str, "path").strip().lower()
    if style not in ("path", "virtual"):
        raise ImproperlyConfigured(
            f"Setting S3_ADDRESSING_STYLE must be path or virtual, got {style!r}."
        )
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": read("S3_ENDPOINT_URL", env.str, "").strip() or None,
            "access_key": read("S3_ACCESS_KEY_ID", env.str, "") or None,
            "secret_key": read("S3_SECRET_ACCESS_KEY", env.str, "") or None,
            "region_name": read("S3_REGION", env.str, "us-east-1").strip() or None,
            "addressing_style": style,
            "signature_version": "s3v4",
            "location": read("S3_PREFIX", env.str, "").strip("/"),
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 60,
            "custom_domain": None,
            # Names are random; a clash is never overwritten, as on the filesystem.
            "file_overwrite": False,
            # Reading an object spools it to a temporary file above this size.
            "max_memory_size": max_memory_size,
            # An object store that does not answer is known in seconds (botocore
            # waits 60 s per try by default), in /healthz as in a request.
            "client_config": Config(
                connect_timeout=read("S3_CONNECT_TIMEOUT", env.int, 5),
                retries={"max_attempts": 2, "mode": "standard"},
                signature_version="s3v4",
                s3={"addressing_style": style},
            ),
        },
    }
