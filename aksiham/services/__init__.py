"""Writers of the Aksi HAM app; views, admin and tasks call these, nothing else writes."""

from reporting.services import WorkflowError

__all__ = ["WorkflowError"]
