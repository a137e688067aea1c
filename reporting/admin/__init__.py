"""KKPHAM in the staff console: assessments and their review page, evidence, the case
register and the year's settings."""

from reporting.admin import assessments, evidence, register  # noqa: F401  (registers the admins)
