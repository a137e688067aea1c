"""Aksi HAM in the staff console: plans, actions, periods, extensions, reports, scores."""

from aksiham.admin import console  # noqa: F401  (registers the admins)
