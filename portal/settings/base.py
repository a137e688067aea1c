"""Settings shared by every profile; per-machine values come from the environment."""

from __future__ import annotations

from pathlib import Path

from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from portal.settings.env import (
    database,
    directory,
    env,
    file_storage,
    flag,
    positive_int,
    read,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent

if flag("DJANGO_READ_DOT_ENV_FILE", False):
    env.read_env(str(BASE_DIR / ".env"))

DEBUG = flag("DJANGO_DEBUG", False)
SECRET_KEY = read("DJANGO_SECRET_KEY", env.str)
ALLOWED_HOSTS = read("DJANGO_ALLOWED_HOSTS", env.list, ["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = read("DJANGO_CSRF_TRUSTED_ORIGINS", env.list, [])

VAR_DIR = directory("PORTAL_VAR_DIR", BASE_DIR / "var")

# ---------------------------------------------------------------- applications
INSTALLED_APPS = [
    "portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "csp",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    "kernel",
    "files",
    "notices",
    "exports",
    "outbox",
    "regions",
    "directory",
    "accounts",
    "indicators",
    "reporting",
    "aksiham",
    "opendata",
    "public",
    "portal",
]

MIDDLEWARE = [
    # First: refuses an oversize body before anything reads it.
    "portal.middleware.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "portal.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.middleware.PersonZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.RefuseNulMiddleware",
    # Axes must come last so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    },
]

# ---------------------------------------------------------------- database
DATABASES = {
    "default": database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The web process and the Celery worker share one file: wait for locks and take
    # the write lock at BEGIN so that concurrent writers queue instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = read("DATABASE_CONN_MAX_AGE", env.int, 60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---------------------------------------------------------------- accounts
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# The client's address (login throttling, rate limits) comes from the trusted proxy:
# with N proxies in front of gunicorn, the N-th entry from the right of this header.
# 0 (no proxy) ignores the header. See accounts/client_address.py, docs/operations.md.
TRUSTED_PROXY_COUNT = read("TRUSTED_PROXY_COUNT", env.int, 0)
TRUSTED_PROXY_HEADER = read("TRUSTED_PROXY_HEADER", env.str, "X-Forwarded-For")
TRUSTED_PROXY_HEADER_META = "HTTP_" + TRUSTED_PROXY_HEADER.strip().upper().replace(
    "-", "_"
)

# Failed-login throttling (django-axes, accounts/lockout.py). A username cools off
# after AXES_FAILURE_LIMIT failures from any address, and its owner gets past the
# cool-off with a password-reset link; an address is refused after
# AXES_ADDRESS_FAILURE_LIMIT failures over any usernames (password spraying).
# A successful login resets the username's failures, never the address's.
AXES_FAILURE_LIMIT = positive_int("AXES_FAILURE_LIMIT", 5)
AXES_ADDRESS_FAILURE_LIMIT = positive_int("AXES_ADDRESS_FAILURE_LIMIT", 30)
AXES_COOLOFF_TIME = read("AXES_COOLOFF_MINUTES", env.int, 15) / 60
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
# Tries during a cool-off do not prolong it (an attacker cannot extend it at will).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_HANDLER = "accounts.lockout.PortalAxesHandler"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "accounts.client_address.client_address"
AXES_VERBOSE = False
# axes.W006 asks for "ip_address" among the lockout parameters; the address limit is
# PortalAxesHandler's own (a higher limit than a username's, and never reset by a
# successful login), so axes' single-limit version of it is left out on purpose.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# Rate limits on e-mails sent at a visitor's request: (count, seconds), counted in
# the cache (accounts/ratelimit.py).
PASSWORD_RESET_RATE_PER_EMAIL = (3, 60 * 60)
PASSWORD_RESET_RATE_PER_ADDRESS = (10, 60 * 60)
INVITATION_RATE_PER_COORDINATOR = (30, 60 * 60)
INVITATION_RATE_PER_EMAIL = (3, 24 * 60 * 60)

# ---------------------------------------------------------------- i18n
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"  # WIB: tasks, and national staff who chose nothing
# Day-first input in every form and console widget, times "23.59" (portal/formats).
FORMAT_MODULE_PATH = ["portal.formats"]
USE_I18N = True
USE_TZ = True

# ---------------------------------------------------------------- files
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# Evidence is private: MEDIA_ROOT is never routed; files go out through
# permission-checked views only.
MEDIA_ROOT = directory("MEDIA_ROOT", VAR_DIR / "media")
MEDIA_URL = "/media-not-served/"
# Uploads, previews and exports: MEDIA_ROOT (default), or an S3-compatible bucket
# shared by every web node and worker (STORAGE_BACKEND=s3, S3_*; README).
STORAGES = {
    "default": file_storage(max_memory_size=262_144),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# 0: downloads stream through the portal after its permission check. On the S3
# backend, N > 0 answers instead with a redirect to a presigned URL valid N seconds
# whose response forces the attachment, its safe name and the checked type.
DOWNLOAD_REDIRECT_SECONDS = read("DOWNLOAD_REDIRECT_SECONDS", env.int, 0)
if not 0 <= DOWNLOAD_REDIRECT_SECONDS <= 600:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "Setting DOWNLOAD_REDIRECT_SECONDS must be between 0 and 600."
    )
EVIDENCE_MAX_FILE_MB = positive_int("EVIDENCE_MAX_FILE_MB", 20)
EVIDENCE_MAX_ANSWER_MB = positive_int("EVIDENCE_MAX_ANSWER_MB", 100)
if EVIDENCE_MAX_ANSWER_MB < EVIDENCE_MAX_FILE_MB:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "Setting EVIDENCE_MAX_ANSWER_MB must not be smaller than EVIDENCE_MAX_FILE_MB."
    )
# Removed evidence keeps its row and history; its bytes stay this many days (an
# administrator can restore it meanwhile), then the nightly purge deletes them.
EVIDENCE_REMOVED_RETENTION_DAYS = positive_int("EVIDENCE_REMOVED_RETENTION_DAYS", 90)
# An office document is a ZIP: what all its parts may unpack to, and how far one
# part (above 1 MB) may inflate, so that a small "ZIP bomb" is refused.
EVIDENCE_MAX_UNPACKED_MB = positive_int("EVIDENCE_MAX_UNPACKED_MB", 400)
EVIDENCE_MAX_ZIP_RATIO = positive_int("EVIDENCE_MAX_ZIP_RATIO", 100)
# Uploads above 2.5 MB stream to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# A whole request body: refused (413) from its Content-Length before it is read,
# so an oversize upload never streams to disk. One upload carries at most one
# answer's total of evidence, plus room for the form around it. The reverse
# proxy's limit (client_max_body_size) must be at least this (docs/operations.md).
REQUEST_MAX_BODY_MB = positive_int("REQUEST_MAX_BODY_MB", EVIDENCE_MAX_ANSWER_MB + 5)
if REQUEST_MAX_BODY_MB <= EVIDENCE_MAX_FILE_MB:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "Setting REQUEST_MAX_BODY_MB must be larger than EVIDENCE_MAX_FILE_MB."
    )
IMPORT_MAX_FILE_MB = positive_int("IMPORT_MAX_FILE_MB", 5)
# Resumable (tus) uploads: one PATCH carries at most this much; an upload left
# alone this long expires and the sweep removes its chunks.
UPLOAD_CHUNK_MAX_MB = positive_int("UPLOAD_CHUNK_MAX_MB", 8)
UPLOAD_PARTIAL_HOURS = positive_int("UPLOAD_PARTIAL_HOURS", 24)
# Exports (PDF, XLSX, evidence ZIP) live under MEDIA_ROOT/exports/ for this many days.
EXPORT_RETENTION_DAYS = positive_int("EXPORT_RETENTION_DAYS", 7)
# A job "running" longer than this was left by a killed worker (above the task limit).
# Workers beat every EXPORT_HEARTBEAT_SECONDS while rendering; a running job silent
# for EXPORT_STALE_SECONDS has lost its worker and is failed (or taken over).
EXPORT_HEARTBEAT_SECONDS = positive_int("EXPORT_HEARTBEAT_SECONDS", 10)
EXPORT_STALE_SECONDS = positive_int("EXPORT_STALE_SECONDS", 45)
EXPORT_PENDING_REQUEUE_SECONDS = positive_int("EXPORT_PENDING_REQUEUE_SECONDS", 120)
# A ranking PDF of at least EXPORT_PDF_SPLIT_ROWS rows is rendered in EXPORT_PDF_PARTS
# parts by as many worker processes at once (Redis only; 1 renders it in one process).
EXPORT_PDF_PARTS = positive_int("EXPORT_PDF_PARTS", 2)
EXPORT_PDF_SPLIT_ROWS = positive_int("EXPORT_PDF_SPLIT_ROWS", 120)
# A part may start this often (its worker died, or it failed and was retried); the
# next delivery fails the job instead.
EXPORT_PART_MAX_STARTS = positive_int("EXPORT_PART_MAX_STARTS", 3)
# Year recomputes beat at every chunk and from a thread; the same rule applies.
SCORE_RUN_HEARTBEAT_SECONDS = positive_int("SCORE_RUN_HEARTBEAT_SECONDS", 10)
SCORE_RUN_STALE_SECONDS = positive_int("SCORE_RUN_STALE_SECONDS", 45)
# A rescore still not done this long after its request is queued again by the sweep.
SCORE_STALE_REQUEUE_SECONDS = positive_int("SCORE_STALE_REQUEUE_SECONDS", 60)
# How often beat runs the sweeps that take over work left by dead workers.
SWEEP_SECONDS = positive_int("SWEEP_SECONDS", 15)
# PDF previews (first page as a PNG) are drawn by the worker, once per file content,
# under these hard limits; a failure is kept and never retried automatically.
PREVIEW_CPU_SECONDS = positive_int("PREVIEW_CPU_SECONDS", 5)
PREVIEW_WALL_SECONDS = positive_int("PREVIEW_WALL_SECONDS", 15)
PREVIEW_MEMORY_MB = positive_int("PREVIEW_MEMORY_MB", 512)
# How many missing previews one view of the review page queues (the rest on request).
PREVIEW_PER_PAGE = positive_int("PREVIEW_PER_PAGE", 10)
# An XLSX is a ZIP: what it may unpack to, so that a small "ZIP bomb" is refused.
IMPORT_MAX_UNPACKED_MB = positive_int("IMPORT_MAX_UNPACKED_MB", 50)

# ---------------------------------------------------------------- e-mail
_email = read("EMAIL_URL", env.email_url, "consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
for _key in (
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
    "EMAIL_FILE_PATH",
):
    if _key in _email:
        globals()[_key] = _email[_key]
DEFAULT_FROM_EMAIL = read(
    "DEFAULT_FROM_EMAIL", env.str, "Portal Peduli HAM <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# ---------------------------------------------------------------- Celery
# With REDIS_URL the worker uses Redis; without it, a real worker still runs on
# kombu's filesystem transport under var/celery, so `make run` needs no server.
REDIS_URL = read("REDIS_URL", env.str, "")
CELERY_DIR = VAR_DIR / "celery"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {"visibility_timeout": 3600}
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_RESULT_BACKEND = f"file://{CELERY_DIR / 'results'}"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_DIR / "queue"),
        "data_folder_out": str(CELERY_DIR / "queue"),
        "processed_folder": str(CELERY_DIR / "processed"),
        "control_folder": str(CELERY_DIR / "control"),
        "store_processed": False,
    }
# The cache is shared by web and worker processes (heartbeat, locks).
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }
# /healthz: a worker is healthy if beat's heartbeat (every minute) ran this recently.
HEALTH_WORKER_MAX_AGE = positive_int("HEALTH_WORKER_MAX_AGE", 300)
HEALTH_TIMEOUT = 3
# A task recorded in the outbox is re-sent by beat once it is this old (younger
# ones are still being sent by the request that committed them).
OUTBOX_RETRY_AFTER_SECONDS = read("OUTBOX_RETRY_AFTER_SECONDS", env.int, 30)
# A request probes the broker this long before publishing; a broker found down is
# left alone by that process for OUTBOX_BROKER_DOWN_SECONDS (beat sends the rows).
OUTBOX_CONNECT_TIMEOUT_SECONDS = read("OUTBOX_CONNECT_TIMEOUT_SECONDS", env.float, 0.3)
OUTBOX_BROKER_DOWN_SECONDS = read("OUTBOX_BROKER_DOWN_SECONDS", env.float, 10.0)
# Two deployments may share one Redis by giving each its own queue name.
CELERY_TASK_DEFAULT_QUEUE = read("CELERY_TASK_DEFAULT_QUEUE", env.str, "celery")
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = 60 * 60 * 24
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE_FILENAME = str(CELERY_DIR / "beat-schedule")
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    # Proves that beat schedules and a worker runs: /healthz reads its timestamp.
    "heartbeat": {
        "task": "portal.tasks.heartbeat",
        "schedule": float(positive_int("PORTAL_HEARTBEAT_SECONDS", 60)),
    },
    # Tasks whose transaction committed while the broker was down.
    "outbox-dispatch": {"task": "outbox.tasks.dispatch_pending", "schedule": 60.0},
    # Year recomputes whose worker died: marked failed and queued again.
    "sweep-score-runs": {
        "task": "reporting.tasks.sweep_score_runs",
        "schedule": float(SWEEP_SECONDS),
    },
    # Nightly at 01:30: recompute the scores and ranks of every unpublished year.
    "recompute-open-years": {
        "task": "reporting.tasks.recompute_open_years",
        "schedule": crontab(hour=1, minute=30),
    },
    # Exports: delete expired files nightly; fail jobs a killed worker left running.
    "expire-exports": {
        "task": "exports.tasks.expire_exports",
        "schedule": crontab(hour=2, minute=15),
    },
    # Nightly at 02:45: delete the bytes of evidence removed longer than
    # EVIDENCE_REMOVED_RETENTION_DAYS ago (rows and history stay).
    "purge-removed-evidence": {
        "task": "files.tasks.purge_removed_evidence",
        "schedule": crontab(hour=2, minute=45),
    },
    # Resumable uploads left alone past UPLOAD_PARTIAL_HOURS: rows and chunks go.
    "sweep-partial-uploads": {
        "task": "files.tasks.sweep_partial_uploads",
        "schedule": crontab(minute=20),
    },
    "sweep-stale-exports": {
        "task": "exports.tasks.sweep_stale_exports",
        "schedule": float(SWEEP_SECONDS),
    },
    # Daily at 07:00 Jakarta time: one e-mail per verifier listing waiting work.
    "verifier-digest": {
        "task": "reporting.tasks.send_verifier_digest",
        "schedule": crontab(hour=7, minute=0),
    },
    # Hourly: Aksi HAM reminders (before close, overdue, reports waiting).
    "aksiham-reminders": {
        "task": "aksiham.tasks.send_reminders",
        "schedule": crontab(minute=5),
    },
}

# ---------------------------------------------------------------- forms & UI
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Institution and programme names change (Kemenkumham → Kementerian HAM in 2024-25;
# a 2025 regulation renames the programme): each year's catalogue holds its names.
# These are the product's own names and the fallback when no year exists yet.
PORTAL_NAME = read("PORTAL_NAME", env.str, "Portal Kabupaten/Kota Peduli HAM")
PORTAL_SHORT_NAME = read("PORTAL_SHORT_NAME", env.str, "Peduli HAM")
PORTAL_MINISTRY_NAME = read(
    "PORTAL_MINISTRY_NAME", env.str, "Kementerian Hak Asasi Manusia"
)
PORTAL_KANWIL_LABEL = read(
    "PORTAL_KANWIL_LABEL", env.str, "Kantor Wilayah Kementerian Hak Asasi Manusia"
)
# Absolute address of the portal, for links in e-mails sent by workers.
# Aksi HAM reminders: days before a period closes (the nearest applies), and how
# long after a period ends coordinators still hear that they are overdue.
AKSIHAM_REMIND_DAYS = read(
    "AKSIHAM_REMIND_DAYS",
    lambda n, default: env.list(n, cast=int, default=default),
    [7, 3, 1],
)
AKSIHAM_OVERDUE_DAYS = positive_int("AKSIHAM_OVERDUE_DAYS", 14)

PORTAL_BASE_URL = read("PORTAL_BASE_URL", env.str, "http://127.0.0.1:8000").rstrip("/")
# Demo accounts may be created only where this is true (never in production).
DEMO_DATA_ALLOWED = flag("DEMO_DATA_ALLOWED", False)

# ---------------------------------------------------------------- open data and API
# The read API (/api/v1/) and the files under /data/: published years only. JSON in
# and out, no browsable pages (their inline scripts break the CSP) and no sessions:
# partner systems send a token (opendata.PartnerToken), which raises their rate.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
    "EXCEPTION_HANDLER": "opendata.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": f"{PORTAL_NAME}: API data terbuka",
    "DESCRIPTION": (
        "Read-only results of published years and the kab/kota list. "
        "Anonymous or with `Authorization: Bearer <token>` (partner systems)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
}
# Requests per address (anonymous) or per token (partner systems), in the cache.
OPEN_DATA_RATES = {
    "anonymous": read("OPEN_DATA_RATE_ANONYMOUS", env.str, "60/min"),
    "partner": read("OPEN_DATA_RATE_PARTNER", env.str, "600/min"),
}
# A published year's rows stay cached this long at most (a publish or rescore
# changes the key at once; see opendata.selectors).
OPEN_DATA_CACHE_SECONDS = positive_int("OPEN_DATA_CACHE_SECONDS", 600)
# The licence of a year whose data settings name none (shown with its name).
OPEN_DATA_LICENCE_NAME = read(
    "OPEN_DATA_LICENCE_NAME", env.str, "Creative Commons Attribution 4.0 (CC BY 4.0)"
)
OPEN_DATA_LICENCE_URL = read(
    "OPEN_DATA_LICENCE_URL", env.str, "https://creativecommons.org/licenses/by/4.0/"
)

# ---------------------------------------------------------------- security
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 10
# Forms carry the token in a hidden field (htmx posts the form's own fields), so no
# script ever needs to read the cookie.
CSRF_COOKIE_HTTPONLY = True
# No inline script or style anywhere: everything comes from /static/. Bootstrap's
# CSS draws a few icons from data: URLs. Nothing may frame the portal.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": read("LOG_LEVEL", env.str, "INFO")},
    # WeasyPrint reports every rendering step at INFO; only its warnings matter.
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
