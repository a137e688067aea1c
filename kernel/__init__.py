"""The bottom layer: helpers every app may use and that import no app of the project.

``clock`` (the one reading of "now"), ``params`` (query strings that never answer
500), ``admin_input`` (console input checks), ``charts`` (server-drawn SVG),
``conflicts`` (the two-sided panel of a versioned form), ``heartbeat`` (a worker's
"still on it"), ``events`` and ``review`` (abstract history fields and return reasons
shared by both programmes). No concrete models."""
