"""Two people saved the same versioned form: show both sides and let the person choose.

Versioned forms of either programme (KKPHAM answers, Aksi HAM reports) are saved with the version the form was opened
at. When someone else saved in the meantime, the service refuses with a conflict that
carries the stored content; the page then shows both sides, who saved the other one
and when (in the viewer's zone, with its name), and offers three explicit choices:

- ``mine``: save what the form holds over the version the person was shown;
- ``theirs``: load the stored content instead (the typing is shown once more);
- ``edit``: go on editing against the version shown, with the stored side beside it.

A conflict never advances the form's own version, so no later save, autosave
included, overwrites the other person's work without one of these choices; a save
landing after the person was shown the other side makes the choice a new conflict.
The choices are plain form posts, so they work the same without JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kernel.clock import when

MINE, THEIRS, EDIT = "mine", "theirs", "edit"
CONFLICT = "conflict"


@dataclass(frozen=True)
class Row:
    """One field of the form: what is stored and what the person typed."""

    label: str
    theirs: str
    mine: str

    @property
    def differs(self) -> bool:
        return self.theirs != self.mine


@dataclass(frozen=True)
class Conflict:
    prefix: str  # the form's field prefix with its dash ("a12-"), or ""
    seen_version: int  # the stored version the person is being shown
    who: str
    when: str
    rows: tuple[Row, ...]
    mode: str = CONFLICT  # EDIT: the stored side shown beside a merge in progress
    # The other side was saved by the viewer: another tab of theirs, or a save that
    # went with a page they reloaded. Still their choice; the panel says so.
    by_you: bool = False

    def typed(self) -> str:
        """What the person typed, in one line (kept on screen when it is not used)."""
        return "; ".join(f"{row.label}: “{row.mine or '—'}”" for row in self.rows)


def person(user) -> str:
    if user is None:
        return _("pengguna lain")
    return user.get_full_name() or user.username


def conflict_of(
    *,
    prefix: str,
    version: int,
    by,
    at,
    rows: list[Row],
    viewer=None,
    mode: str = CONFLICT,
) -> Conflict:
    return Conflict(
        prefix=prefix,
        seen_version=version,
        who=person(by),
        when=when(at) if at else "—",
        rows=tuple(rows),
        mode=mode,
        by_you=by is not None and viewer is not None and by.pk == viewer.pk,
    )


class ResolutionForm(forms.Form):
    """The choice posted from a conflict panel, with the version it was made at."""

    resolution = forms.ChoiceField(
        required=False,
        choices=[("", "—"), (MINE, MINE), (THEIRS, THEIRS), (EDIT, EDIT)],
        error_messages={
            "invalid_choice": gettext_lazy(
                "Pilihan penyelesaian tidak dikenal. Muat ulang halaman."
            )
        },
    )
    seen_version = forms.IntegerField(
        required=False,
        min_value=0,
        error_messages={
            "invalid": gettext_lazy(
                "Versi yang Anda lihat tidak terbaca. Muat ulang halaman."
            )
        },
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("resolution") in (MINE, EDIT)
            and data.get("seen_version") is None
            and "seen_version" not in self.errors
        ):
            self.add_error(
                "seen_version",
                _("Versi yang Anda lihat tidak terbaca. Muat ulang halaman."),
            )
        return data

    def problems(self) -> str:
        return " ".join(e for errors in self.errors.values() for e in errors)
