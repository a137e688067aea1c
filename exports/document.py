"""What a builder returns: the page header facts and the tables, for PDF and XLSX alike."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from indicators.models import SAMPLE_LABEL, Catalogue


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = "text"  # text | int | decimal
    places: int = 2  # decimals shown for "decimal"
    width: float = 0  # share of the page width in %; all set → fixed table layout

    @property
    def numeric(self) -> bool:
        return self.kind != "text"


def display(value: Any, column: Column) -> str:
    """A cell as printed: decimal comma and two decimals in Indonesian, "—" for none."""
    if value is None or value == "":
        return "—"
    if column.kind == "decimal":
        return formats.number_format(value, column.places, use_l10n=True)
    return str(value)


@dataclass
class Table:
    name: str  # sheet name in XLSX, caption in PDF
    columns: list[Column]
    rows: list[list[Any]]
    group_by: int | None = None  # PDF: a heading per value of this column

    @property
    def shown_columns(self) -> list[Column]:
        return [c for i, c in enumerate(self.columns) if i != self.group_by]

    @property
    def fixed(self) -> bool:
        """Fixed layout: WeasyPrint skips measuring every cell (much faster for long tables)."""
        return all(c.width for c in self.shown_columns)

    def groups(self) -> list[tuple[str, list[list[tuple[str, bool]]]]]:
        """(heading, rows of (text, numeric)) in order; one group when not grouped."""
        out: list[tuple[str, list[list[tuple[str, bool]]]]] = []
        for row in self.rows:
            heading = str(row[self.group_by]) if self.group_by is not None else ""
            cells = [
                (display(v, c), c.numeric)
                for i, (v, c) in enumerate(zip(row, self.columns, strict=True))
                if i != self.group_by
            ]
            if not out or out[-1][0] != heading:
                out.append((heading, []))
            out[-1][1].append(cells)
        return out


@dataclass(frozen=True)
class Signature:
    """Who signs, from the year's data; an unknown line stays empty, never invented."""

    place: str = ""
    date: datetime.date | None = None
    office: str = ""  # "a.n. Menteri …"
    position: str = ""
    name: str = ""

    @classmethod
    def of(cls, catalogue: Catalogue, date: datetime.date | None) -> Signature:
        return cls(
            place=catalogue.signatory_place,
            date=date,
            office=catalogue.signatory_office,
            position=catalogue.signatory_position,
            name=catalogue.signatory_name,
        )


@dataclass
class Header:
    """Printed on every page: which year, on what legal basis, how final."""

    title: str
    subtitle: str
    year: int
    data_year: int
    legal_basis: str
    is_final: bool
    decree_number: str
    decree_date: datetime.date | None
    is_sample: bool
    generated_at: datetime.datetime
    ministry: str = ""
    sample_text: str = ""  # the year's (or the plan's) CONTOH wording
    year_text: str = ""  # replaces "Tahun penilaian … (data tahun …)" (Aksi HAM)
    letterhead: list[str] = field(default_factory=list)  # first page, from data
    signature: Signature = field(default_factory=Signature)  # last page

    @property
    def status_label(self) -> str:
        return _("FINAL") if self.is_final else _("SEMENTARA")

    @property
    def sample_label(self) -> str:
        if not self.is_sample:
            return ""
        return self.sample_text or str(SAMPLE_LABEL)


@dataclass
class Document:
    header: Header
    tables: list[Table]
    context: dict[str, Any] = field(default_factory=dict)  # extra facts for templates
    # One part of a document rendered in parts (``split``): the first part carries the
    # letterhead and the introduction, the last one the other tables and the signature.
    part: int = 0
    parts: int = 1

    @property
    def first_part(self) -> bool:
        return self.part == 0

    @property
    def last_part(self) -> bool:
        return self.part == self.parts - 1

    def split(self, parts: int) -> list[Document]:
        """The document cut into ``parts`` documents along the rows of its first table,
        in order; every part has the same header, columns and table heading."""
        table = self.tables[0]
        parts = max(1, min(parts, len(table.rows)))
        size, extra = divmod(len(table.rows), parts)
        out, start = [], 0
        for index in range(parts):
            end = start + size + (1 if index < extra else 0)
            piece = Table(
                table.name, table.columns, table.rows[start:end], table.group_by
            )
            rest = self.tables[1:] if index == parts - 1 else []
            out.append(
                Document(self.header, [piece, *rest], self.context, index, parts)
            )
            start = end
        return out


def identity_of(catalogue: Catalogue) -> dict[str, Any]:
    """The year's names on a document: ministry, letterhead, signatory."""
    publication = getattr(catalogue, "publication", None)
    return {
        "ministry": catalogue.ministry_name,
        "letterhead": catalogue.letterhead_lines,
        "signature": Signature.of(
            catalogue, publication.decree_date if publication else None
        ),
    }


def header_for(catalogue: Catalogue, *, title: str, subtitle: str = "") -> Header:
    publication = getattr(catalogue, "publication", None)
    return Header(
        title=title,
        subtitle=subtitle,
        year=catalogue.year,
        data_year=catalogue.data_year,
        legal_basis=catalogue.legal_basis,
        is_final=publication is not None,
        decree_number=publication.decree_number if publication else "",
        decree_date=publication.decree_date if publication else None,
        is_sample=catalogue.is_sample,
        generated_at=timezone.localtime(),
        sample_text=catalogue.sample_label,
        **identity_of(catalogue),
    )
