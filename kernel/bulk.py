"""Rows for every pair of two id lists, inserted by the database in one statement.

Opening a national year makes one answer per kab/kota and indicator: 514 × 120 =
61,680 rows. Django's ``bulk_create`` prepares every field of every object in
Python, about ten seconds in the administrator's request; PostgreSQL makes the same
rows from the two lists of ids in a fraction of that. Every other field gets the
value a new instance has (its default, ``pre_save`` included), so the rows are the
ones ``bulk_create`` would have written, in the same order. Elsewhere (SQLite for
``make run``) it is ``bulk_create``.
"""

from __future__ import annotations

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
