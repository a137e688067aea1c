"""Stored uploads of both programmes: checks before storing (``checks``, ``names``,
``archives``), the stored-file fields and soft removal (``models``), private downloads
(``downloads``), first-page previews (``drawing``, ``services.previews``) and removal
and purge (``services.removal``)."""
