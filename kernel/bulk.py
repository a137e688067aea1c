"""Bulk writes that PostgreSQL does in one statement, cheaper than ``bulk_create``.

``create_pairs``: rows for every pair of two id lists, inserted by the database in
one statement.

Opening a national year makes one answer per kab/kota and indicator: 514 × 120 =
61,680 rows. Django's ``bulk_create`` prepares every field of every object in
Python, about ten seconds in the administrator's request; PostgreSQL makes the same
rows from the two lists of ids in a fraction of that. Every other field gets the
value a new instance has (its default, ``pre_save`` included), so the rows are the
ones ``bulk_create`` would have written, in the same order. Elsewhere (SQLite for
``make run``) it is ``bulk_create``.

``upsert_rows``: rows given as values, inserted or, where their unique key is taken,
updated. A national recompute writes 514 scores with their breakdowns (4.5 MB of
text); ``bulk_create(update_conflicts=True)`` first makes a model instance of each
and prepares each value through its field, a third of the write's time, and a
statement of literal values costs the driver its quoting and PostgreSQL its parsing
of every byte, which ``COPY`` skips.
"""

from __future__ import annotations

import datetime
import io
import uuid
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import connection, models, transaction


def create_pairs(
    model: type[models.Model],
    first: str,
    first_ids: list[int],
    second: str,
    second_ids: list[int],
) -> int:
    """One ``model`` row per (first id, second id), in that order; returns the count.

    ``first`` and ``second`` are foreign-key attribute names (``"assessment_id"``).
    """
    if not first_ids or not second_ids:
        return 0
    if connection.vendor != "postgresql":
        model._base_manager.bulk_create(
            (model(**{first: a, second: b}) for a in first_ids for b in second_ids),
            batch_size=5000,
        )
        return len(first_ids) * len(second_ids)
    meta = model._meta
    pair = [
        meta.get_field(first.removesuffix("_id")),
        meta.get_field(second.removesuffix("_id")),
    ]
    template = model(**{first: first_ids[0], second: second_ids[0]})
    fields = [
        f
        for f in meta.concrete_fields
        if not isinstance(f, models.AutoField) and f not in pair
    ]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in [*pair, *fields])
    values = ", ".join(f"CAST(%s AS {f.db_type(connection)})" for f in fields)
    params = [
        f.get_db_prep_save(f.pre_save(template, add=True), connection) for f in fields
    ]
    # Only the model's own table, columns and types are written into the statement
    # (names quoted by the connection); every value is a parameter.
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(meta.db_table)} ({columns}) "  # noqa: S608
            f"SELECT a.id, b.id, {values} "
            "FROM unnest(%s::bigint[]) WITH ORDINALITY AS a(id, n) "
            "CROSS JOIN unnest(%s::bigint[]) WITH ORDINALITY AS b(id, m) "
            "ORDER BY a.n, b.m",
            [*params, list(first_ids), list(second_ids)],
        )
        return cursor.rowcount


def upsert_rows(
    model: type[models.Model],
    rows: Sequence[Mapping[str, Any]],
    *,
    unique: str,
    kept_when_equal: Sequence[str] = (),
) -> int:
    """Insert ``rows`` (attribute name → value, the same names in every row), or
    update the row whose ``unique`` attribute has the same value; returns the count.

    On PostgreSQL the rows go by ``COPY`` into a temporary table whose text columns
    are stored uncompressed, and one ``INSERT … SELECT … ON CONFLICT`` moves them
    into the model's table. A statement of 514 literal rows made PostgreSQL parse
    5 MB of quoted text and psycopg2 quote it first; ``COPY`` reads the values as
    they are written, and only the rows that changed are compressed, once, in the
    model's table. A column named in ``kept_when_equal`` keeps its stored value
    when the new one is equal to it, so PostgreSQL does not compress and store a
    large unchanged value again. Elsewhere ``bulk_create``.
    """
    if not rows:
        return 0
    names = list(rows[0])
    if connection.vendor != "postgresql":
        model._base_manager.bulk_create(
            [model(**row) for row in rows],
            batch_size=500,
            update_conflicts=True,
            unique_fields=[unique],
            update_fields=[n for n in names if n != unique],
        )
        return len(rows)
    meta = model._meta
    by_attname = {f.attname: f for f in meta.concrete_fields}
    fields = [by_attname[name] for name in names]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    table = quote(meta.db_table)
    staging = quote(f"staging_{meta.db_table}")
    kept = {quote(by_attname[name].column) for name in kept_when_equal}

    def update(column: str) -> str:
        new = f"EXCLUDED.{column}"
        if column not in kept:
            return f"{column} = {new}"
        old = f"{table}.{column}"
        return f"{column} = CASE WHEN {old} = {new} THEN {old} ELSE {new} END"

    updates = ", ".join(update(quote(f.column)) for f in fields if f.attname != unique)
    uncompressed = "".join(
        f"; ALTER TABLE {staging} ALTER COLUMN {quote(f.column)} SET STORAGE EXTERNAL"
        for f in fields
        if isinstance(f, models.JSONField | models.TextField | models.CharField)
    )
    data = io.BytesIO(
        "".join(
            _copy_line(fields, [row[name] for name in names]) for row in rows
        ).encode()
    )
    # Only the model's table and column names are written into the statements
    # (quoted by the connection); every value travels in the COPY data. Three round
    # trips: the staging table, the data, the upsert (no savepoint of its own).
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {staging} ON COMMIT DROP AS "  # noqa: S608
            f"SELECT {columns} FROM {table} WITH NO DATA{uncompressed}"
        )
        cursor.cursor.copy_expert(f"COPY {staging} ({columns}) FROM STDIN", data)
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {staging} "  # noqa: S608
            f"ON CONFLICT ({quote(by_attname[unique].column)}) DO UPDATE SET {updates}; "
            f"DROP TABLE {staging}"
        )
    return len(rows)


def _copy_line(fields: list[models.Field], values: list[Any]) -> str:
    """One row in ``COPY``'s text format: tab-separated, ``\\N`` for NULL."""
    return (
        "\t".join(_copy_text(f, v) for f, v in zip(fields, values, strict=True)) + "\n"
    )


def _copy_text(field: models.Field, value: Any) -> str:
    if isinstance(field, models.JSONField):
        # Through the field: its encoder, or the text a JSONDocumentField sends.
        value = field.get_db_prep_save(value, connection)
        if not isinstance(value, str):
            value = value.dumps(value.adapted)  # psycopg2's Json adapter
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, str):
        if "\\" in value:
            value = value.replace("\\", "\\\\")
        if "\n" in value or "\r" in value or "\t" in value:
            value = value.translate(_COPY_ESCAPES)
        return value
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, int | Decimal | float | uuid.UUID):
        return str(value)
    raise TypeError(f"{field.name}: no COPY text for {type(value).__name__}")


_COPY_ESCAPES = str.maketrans({"\n": "\\n", "\r": "\\r", "\t": "\\t"})
