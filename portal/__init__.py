"""The project package: settings, URLs, the Celery app and the site shell."""

from portal.celery import app as celery_app

__all__ = ("celery_app",)
