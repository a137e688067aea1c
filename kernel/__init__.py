"""The bottom layer: helpers every app may use and that import no app of the project.

``clock`` (the one reading of "now"), ``params`` (query-string parsing that never
answers 500), ``admin_input`` (console input checks), ``charts`` (server-drawn SVG),
``errors`` (the one refusal type)."""
