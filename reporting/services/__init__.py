"""Writers of the reporting app; views, admin and tasks call these, nothing else writes."""


class WorkflowError(Exception):
    """A transition or edit that the rules refuse; the message is for the person."""
