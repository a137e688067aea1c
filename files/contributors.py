"""Who ever worked on an item that carries stored files (a KKPHAM answer, an Aksi HAM
report): the independence rule keeps these people from deciding on it."""

from __future__ import annotations

from django.db.models import QuerySet

from files.models import RemovableFileFields


def contributor_ids(
    items: QuerySet, *, files: type[RemovableFileFields], owner: str
) -> set[int]:
    """Everyone who ever wrote these items or changed their files.

    Read from the whole history, not only the last editor: every historical row of
    the items (its ``updated_by``), every file row, removed ones included, and every
    historical file row where ``files`` keeps a history (uploader and the person who
    made the change). ``owner`` is the foreign key from ``files`` to the items.
    """
    ids = items.values("pk")
    people: set[int | None] = set(items.values_list("updated_by_id", flat=True))
    people |= set(
        items.model.history.filter(id__in=ids).values_list("updated_by_id", flat=True)
    )
    of_items = {f"{owner}_id__in": ids}
    people |= set(
        files.all_objects.filter(**of_items).values_list("uploaded_by_id", flat=True)
    )
    history = getattr(files, "history", None)
    if history is not None:
        for uploader, changer in history.filter(**of_items).values_list(
            "uploaded_by_id", "history_user_id"
        ):
            people |= {uploader, changer}
    people.discard(None)
    return people  # type: ignore[return-value]
