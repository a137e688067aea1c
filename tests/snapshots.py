"""Worlds built once per session and inserted again, row for row, in each test.

Importing the sample catalogue through django-import-export costs about a second;
hundreds of tests start from it. ``capture`` runs the real build once, on the test
database, inside a transaction that is rolled back at once; it keeps the rows the
build created (every table, compared before and after, so nothing it writes is
missed) and refuses a build that changed rows which existed before it. A test that
asks for the world gets ``Snapshot.replay``: one ``bulk_create`` per table with the
captured primary keys, in the test's own transaction (rolled back, or flushed for
transactional tests, like any other row). Tests that do not ask see nothing.

Why it stays faithful:

- rows are inserted with ``bulk_create``, which stamps ``auto_now``/``auto_now_add``
  at the test's own "now" (time_machine included), as the real build would;
  fields whose default is ``timezone.now`` are stamped the same way;
- a foreign key to a row the build did not create (an agency type from
  ``regions_load``, say) is kept by that row's natural key (its first unique field,
  else its ``unique_together``: a content type's app label and model)
  and looked up again in the test's database, so the ids of such rows may differ
  from one test to the next;
- the captured primary keys never meet ids handed out later: on PostgreSQL the
  sequences keep the values the build drew (sequences do not roll back); on SQLite
  ``sqlite_sequence`` does roll back, so ``capture`` moves it past the captured
  ids and commits that. Nothing resets the sequences afterwards (Django's flush of
  transactional tests keeps them), so a replay never collides with new rows.

The snapshot is only ever made by the real build; tests/indicators checks that a real
import of the sample and its replay give the same rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import connection, models, transaction
from django.utils import timezone


def _tables() -> list[type[models.Model]]:
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy and not m._meta.swapped
    ]


def _contents(model: type[models.Model]) -> dict[Any, tuple]:
    names = [f.attname for f in model._meta.concrete_fields]
    return {
        row[0]: row for row in model._base_manager.order_by().values_list("pk", *names)
    }


def _natural_key(model: type[models.Model]) -> tuple[str, ...] | None:
    """The first unique non-pk field, else the first ``unique_together`` (a content
    type's app label and model); None when the pk is the natural key."""
    if not isinstance(model._meta.pk, models.AutoField):
        return None
    for f in model._meta.concrete_fields:
        if f.unique and not f.primary_key:
            return (f.attname,)
    for names in model._meta.unique_together:
        return tuple(model._meta.get_field(n).attname for n in names)
    raise LookupError(f"{model._meta.label} has no natural key to find it again by")


@dataclass
class _Reference:
    """Foreign keys of captured rows that point at rows the build did not create."""

    model: type[models.Model]
    key: tuple[str, ...] | None  # natural key fields; None: the primary key itself
    by_pk: dict[Any, Any] = field(default_factory=dict)  # captured pk -> natural key


@dataclass
class Snapshot:
    name: str
    rows: list[tuple[type[models.Model], list[dict[str, Any]]]]
    references: dict[type[models.Model], _Reference]
    # (model, attname) of foreign keys that go through ``references``
    outward: dict[type[models.Model], list[tuple[str, type[models.Model]]]]

    def count(self, model: type[models.Model]) -> int:
        return sum(len(r) for m, r in self.rows if m is model)

    def _remap(self) -> dict[type[models.Model], dict[Any, Any]]:
        """Captured pk -> this database's pk, per referenced model."""
        out: dict[type[models.Model], dict[Any, Any]] = {}
        for model, ref in self.references.items():
            if ref.key is None:
                out[model] = {pk: pk for pk in ref.by_pk}
                continue
            wanted = set(ref.by_pk.values())
            first = {key[0] for key in wanted}
            found = {
                tuple(row[:-1]): row[-1]
                for row in model._base_manager.filter(
                    **{f"{ref.key[0]}__in": first}
                ).values_list(*ref.key, "pk")
            }
            missing = wanted - found.keys()
            if missing:
                raise LookupError(
                    f"snapshot {self.name!r} needs {model._meta.label} rows "
                    f"{sorted(missing)!r}, which this test has not created"
                )
            out[model] = {pk: found[key] for pk, key in ref.by_pk.items()}
        return out

    def replay(self) -> None:
        """Insert the captured rows again (the caller's transaction holds them)."""
        remap = self._remap()
        now = timezone.now()
        with transaction.atomic():
            for model, rows in self.rows:
                outward = self.outward.get(model, ())
                stamped = [
                    f.attname
                    for f in model._meta.concrete_fields
                    if f.default is timezone.now
                ]
                objs = []
                for values in rows:
                    values = dict(values)
                    for attname, target in outward:
                        if values[attname] is not None:
                            values[attname] = remap[target][values[attname]]
                    for attname in stamped:
                        values[attname] = now
                    objs.append(model(**values))
                model._base_manager.bulk_create(objs)


def capture(name: str, build: Callable[[], Any], *, before: Callable[[], Any]) -> Any:
    """Run ``before`` then ``build`` in a rolled-back transaction; keep what ``build`` made.

    Returns ``(snapshot, result)`` where ``result`` is ``build``'s return value with
    its primary key only meaningful for ``Snapshot.replay`` (callers fetch it again).
    """
    tables = _tables()
    with transaction.atomic():
        before()
        was = {m: _contents(m) for m in tables}
        result = build()
        now = {m: _contents(m) for m in tables}
        transaction.set_rollback(True)

    made: dict[type[models.Model], list[Any]] = {}
    for model in tables:
        old, new = was[model], now[model]
        changed = [pk for pk, row in old.items() if new.get(pk) != row]
        if changed:
            raise AssertionError(
                f"snapshot {name!r}: the build changed or removed existing "
                f"{model._meta.label} rows {changed[:5]!r}; it cannot be replayed"
            )
        pks = [pk for pk in new if pk not in old]
        if pks:
            made[model] = pks

    rows: list[tuple[type[models.Model], list[dict[str, Any]]]] = []
    references: dict[type[models.Model], _Reference] = {}
    outward: dict[type[models.Model], list[tuple[str, type[models.Model]]]] = {}
    for model, pks in made.items():
        names = [f.attname for f in model._meta.concrete_fields]
        values = [dict(zip(names, now[model][pk][1:], strict=True)) for pk in pks]
        rows.append((model, values))
        for f in model._meta.concrete_fields:
            if not f.is_relation:
                continue
            target = f.related_model._meta.concrete_model
            ids = {v[f.attname] for v in values} - {None}
            inside = set(made.get(target, ()))
            if ids <= inside:
                continue
            if ids & inside:
                raise AssertionError(
                    f"snapshot {name!r}: {model._meta.label}.{f.name} points both "
                    "inside and outside the build"
                )
            if f.target_field is not target._meta.pk:
                raise AssertionError(
                    f"snapshot {name!r}: {model._meta.label}.{f.name} does not "
                    "point at a primary key"
                )
            ref = references.setdefault(
                target, _Reference(target, _natural_key(target))
            )
            names = [x.attname for x in target._meta.concrete_fields]
            key_indexes = [names.index(k) for k in ref.key or ()]
            for pk in ids:
                ref.by_pk[pk] = (
                    pk
                    if ref.key is None
                    else tuple(was[target][pk][1 + i] for i in key_indexes)
                )
            outward.setdefault(model, []).append((f.attname, target))

    snapshot = Snapshot(name, rows, references, outward)
    _advance_sequences(snapshot)
    return snapshot, result


def _advance_sequences(snapshot: Snapshot) -> None:
    """Make later ids start above the captured ones (see the module docstring)."""
    if connection.vendor != "sqlite":
        return  # PostgreSQL sequences are not rolled back with the build
    with transaction.atomic(), connection.cursor() as cursor:
        for model, rows in snapshot.rows:
            if not isinstance(model._meta.pk, models.AutoField):
                continue
            table = model._meta.db_table
            top = max(r[model._meta.pk.attname] for r in rows)
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            found = cursor.fetchone()
            if found is None:
                cursor.execute(
                    "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)",
                    [table, top],
                )
            elif found[0] < top:
                cursor.execute(
                    "UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [top, table]
                )
