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
and prepares each value through its field, a third of the write's time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import connection, models


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

    On PostgreSQL the values go as psycopg2 adapts them, each cast to its column's
    type; a JSONField's value is prepared by its field. A column named in
    ``kept_when_equal`` keeps its stored value when the new one is equal to it, so
    PostgreSQL does not compress and store a large unchanged value again. Elsewhere
    ``bulk_create``.
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
    # JSON goes through its field (the adapter or text it sends); PostgreSQL takes
    # every other value as psycopg2 adapts it.
    prepared = [i for i, f in enumerate(fields) if isinstance(f, models.JSONField)]
    quote = connection.ops.quote_name
    template = "(" + ", ".join(f"%s::{f.db_type(connection)}" for f in fields) + ")"

    def params(row: Mapping[str, Any]) -> list[Any]:
        values = [row[name] for name in names]
        for i in prepared:
            values[i] = fields[i].get_db_prep_save(values[i], connection)
        return values

    columns = ", ".join(quote(f.column) for f in fields)
    table = quote(meta.db_table)
    kept = {quote(by_attname[name].column) for name in kept_when_equal}

    def update(column: str) -> str:
        new = f"EXCLUDED.{column}"
        if column not in kept:
            return f"{column} = {new}"
        old = f"{table}.{column}"
        return f"{column} = CASE WHEN {old} = {new} THEN {old} ELSE {new} END"

    updates = ", ".join(update(quote(f.column)) for f in fields if f.attname != unique)
    with connection.cursor() as cursor:
        quoted = cursor.cursor.mogrify  # psycopg2's own quoting, once per row
        values = b",".join(quoted(template, params(row)) for row in rows)
        # Only the model's table and column names are written into the statement
        # (quoted by the connection); every value was quoted by psycopg2 above. The
        # statement goes as the bytes psycopg2 made (a recompute's is about 5 MB),
        # not decoded to text for the driver to encode again.
        insert = f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608
        conflict = (
            f" ON CONFLICT ({quote(by_attname[unique].column)}) DO UPDATE SET {updates}"
        )
        cursor.execute(insert.encode() + values + conflict.encode())
    return len(rows)
