"""KKPHAM in the staff console: assessments and their review page, evidence."""

from reporting.admin import assessments, evidence  # noqa: F401  (registers the admins)
