"""JSON already encoded, written to a ``JSONField`` as it is.

A national recompute stores 514 score breakdowns of about 16 KB each; most of their
text is indicator lines shared by many kab/kota, so it is cheaper to join lines
encoded once than to encode every document from dictionaries. A field that should
accept such text names ``PreEncodedJSON`` as its encoder.
"""

from __future__ import annotations

from typing import Any

from django.core.serializers.json import DjangoJSONEncoder


class JSONText(str):
    """A JSON document's text (never a JSON string value)."""


class PreEncodedJSON(DjangoJSONEncoder):
    """Writes ``JSONText`` unchanged and encodes anything else as Django does."""

    def encode(self, o: Any) -> str:
        if isinstance(o, JSONText):
            return str(o)
        return super().encode(o)
