"""JSON already encoded, written to a ``JSONField`` as it is.

A national recompute stores 514 score breakdowns of about 9 KB each; most of their
text is indicator lines shared by many kab/kota, so it is cheaper to join lines
encoded once than to encode every document from dictionaries. A field that should
accept such text names ``PreEncodedJSON`` as its encoder.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper


class JSONText(str):
    """A JSON document's text (never a JSON string value)."""


class PreEncodedJSON(DjangoJSONEncoder):
    """Writes ``JSONText`` unchanged and encodes anything else as Django does."""

    def encode(self, o: Any) -> str:
        if isinstance(o, JSONText):
            return str(o)
        return super().encode(o)


class JSONDocumentField(models.JSONField):
    """A JSON document written whole and read whole, kept on PostgreSQL as its text
    (a ``text`` column): ``jsonb`` would parse it into a tree on every write, and a
    national recompute writes 514 score breakdowns (about 4 MB), where that parse
    cost more than the rest of the write. The database does not look inside it: a
    value it must filter or list by goes in a column of its own. The text is the
    encoder's (``PreEncodedJSON`` for text made ahead). Elsewhere it is Django's
    JSONField."""

    def db_type(self, connection: BaseDatabaseWrapper) -> str | None:
        if connection.vendor == "postgresql":
            return "text"
        return super().db_type(connection)

    def get_db_prep_value(
        self, value: Any, connection: BaseDatabaseWrapper, prepared: bool = False
    ) -> Any:
        if connection.vendor != "postgresql":
            return super().get_db_prep_value(value, connection, prepared)
        if not prepared:
            value = self.get_prep_value(value)
        # The text itself: Django's adapter would send it as ``::jsonb``.
        return json.dumps(value, cls=self.encoder)

    def get_placeholder(
        self, value: Any, compiler: Any, connection: BaseDatabaseWrapper
    ) -> str:
        # Having one keeps bulk_create from its UNNEST form on PostgreSQL, which
        # casts each column's values to an array of the internal type (jsonb[]).
        return "%s"

    def get_transform(self, name: str) -> Any:
        # No key lookups: the database holds text (see the class docstring).
        return models.Field.get_transform(self, name)
