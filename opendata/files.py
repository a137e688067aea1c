"""The open data files of a published year: hasil.csv, hasil.json, metadata.json.

Column names are Indonesian, as in every spreadsheet people download from the
portal; numbers are written with a decimal point and two decimals (machine-readable,
whatever the page language), an empty cell where there is no value.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from indicators.models import Catalogue
from kernel import clock
from opendata.models import DataSettings
from opendata.selectors import Result, categories_of

FIXED_BEFORE = ["kode", "nama", "jenis", "kode_provinsi", "provinsi"]
FIXED_AFTER = [
    "nilai_akhir",
    "predikat",
    "berpredikat_penghargaan",
    "peringkat_nasional",
    "peringkat_provinsi",
    "nilai_aksi_ham",
]


def _number(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def columns(categories: list[tuple[str, str]]) -> list[str]:
    return [*FIXED_BEFORE, *(code for code, _name in categories), *FIXED_AFTER]


def row(result: Result) -> dict[str, str]:
    values = {
        "kode": result.code,
        "nama": result.name,
        "jenis": result.kind,
        "kode_provinsi": result.province_code,
        "provinsi": result.province_name,
    }
    values |= {c.code: _number(c.score) for c in result.categories}
    values |= {
        "nilai_akhir": _number(result.total),
        "predikat": result.predicate,
        "berpredikat_penghargaan": "ya" if result.earns_award else "tidak",
        "peringkat_nasional": str(result.national_rank),
        "peringkat_provinsi": str(result.province_rank),
        "nilai_aksi_ham": _number(result.aksi_ham_score),
    }
    return values


def results_csv(catalogue: Catalogue, results: list[Result]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=columns(categories_of(catalogue)), lineterminator="\r\n"
    )
    writer.writeheader()
    writer.writerows(row(r) for r in results)
    return out.getvalue()


def results_json(catalogue: Catalogue, results: list[Result]) -> str:
    """The same rows as the CSV (same keys, same text), as a JSON list."""
    return json.dumps(
        {"tahun": catalogue.year, "hasil": [row(r) for r in results]},
        ensure_ascii=False,
        indent=1,
    )


def _column_notes(categories: list[tuple[str, str]]) -> list[dict[str, str]]:
    notes = [
        ("kode", _("Kode kabupaten/kota (Kemendagri)")),
        ("nama", _("Nama kabupaten/kota")),
        ("jenis", _("kabupaten atau kota")),
        ("kode_provinsi", _("Kode provinsi (Kemendagri)")),
        ("provinsi", _("Nama provinsi")),
        *(
            (code, _("Nilai kategori: %(name)s") % {"name": name})
            for code, name in categories
        ),
        ("nilai_akhir", _("Nilai akhir (0–100, sesudah bonus dan pengurangan)")),
        ("predikat", _("Predikat menurut pita nilai tahun ini")),
        ("berpredikat_penghargaan", _("ya bila predikatnya mendapat penghargaan")),
        ("peringkat_nasional", _("Peringkat di antara kabupaten/kota yang diumumkan")),
        ("peringkat_provinsi", _("Peringkat di provinsinya")),
        (
            "nilai_aksi_ham",
            _("Nilai tahunan Aksi HAM pada tahun data (kosong bila tidak ada)"),
        ),
    ]
    return [{"nama": name, "keterangan": text} for name, text in notes]


def metadata(catalogue: Catalogue, rows: int) -> dict[str, Any]:
    """What the year's files are, who is responsible for them and under which terms."""
    data = DataSettings.of(catalogue)
    licence_name, licence_url = data.licence
    publication = catalogue.publication
    return {
        "judul": _("Hasil %(programme)s %(year)s")
        % {"programme": catalogue.programme_name, "year": catalogue.year},
        "tahun": catalogue.year,
        "tahun_data": catalogue.data_year,
        "tahun_aksi_ham": catalogue.data_year,
        "program": catalogue.programme_name,
        "walidata": data.data_steward or None,
        "produsen_data": data.producer or None,
        "lisensi": {"nama": licence_name, "url": licence_url or None},
        "dasar_hukum": data.legal_basis or None,
        "dasar_hukum_program": catalogue.legal_basis_short or None,
        "keputusan": {
            "nomor": publication.decree_number,
            "tanggal": publication.decree_date.isoformat(),
        },
        "diumumkan_pada": clock.localtime(publication.published_at).isoformat(),
        "dibuat_pada": clock.localtime().isoformat(),
        "contoh": catalogue.is_sample,
        "label_contoh": catalogue.sample_label or None,
        "jumlah_baris": rows,
        "pengodean": "UTF-8",
        "kolom": _column_notes(categories_of(catalogue)),
    }


def metadata_json(catalogue: Catalogue, rows: int) -> str:
    return json.dumps(metadata(catalogue, rows), ensure_ascii=False, indent=1)
