"""Every PDF kind of both programmes, looked at as images: header cells stay inside
their columns and never run into each other; letterhead and signature come from the
year's data; ranking tables print what breaks a tie and say the rule on page 1.

pdftoppm draws each page; the header rows are found by their background colour and
the cell borders as the pixel columns that cross a whole header row; pdftotext -bbox
gives each header word's box. A word crossing a border, or two words overlapping,
fails (main's national ranking printed "Nilai akhir" into "Predikat").
"""

from __future__ import annotations

import datetime

import pytest
import time_machine

from indicators.models import Catalogue
from reporting.models import Publication, Score
from tests.exports.pdf import header_cell_problems, job_path, pdf_text
from tests.exports.test_aksiham_exports import aksiham_2026  # noqa: F401  (fixture)
from tests.exports.test_pdf_documents import _row

pytestmark = pytest.mark.django_db

WIB = datetime.timezone(datetime.timedelta(hours=7))
MADE = datetime.datetime(2026, 11, 20, 10, 0, tzinfo=WIB)

KINDS = [
    ("ranking_national", "ministry", {}),
    ("ranking_province", "verifier", {"province": "33"}),
    ("award_list", "ministry", {}),
    ("pembina_list", "ministry", {}),
    ("scorecard", "regency_staff", {"regency": "33.73"}),
    ("aksiham_recap", "ministry", {}),
    ("aksiham_recap", "verifier", {"province": "33"}),
]


@pytest.fixture(autouse=True)
def _made_on_20_november():
    with time_machine.travel(MADE, tick=True):
        yield


@pytest.mark.usefixtures("aksiham_2026")
@pytest.mark.parametrize(("kind", "person", "target"), KINDS)
def test_header_cells_stay_in_their_columns(
    request, run_export, scored_year, kind, person, target, tmp_path
):
    actor = request.getfixturevalue(person)
    path = job_path(run_export(kind, "pdf", actor, scored_year, **target))
    seen, problems = header_cell_problems(path, tmp_path)
    assert seen >= 1  # the check found at least one table header to look at
    assert problems == []


def _identity(catalogue: Catalogue, **values) -> Catalogue:
    Catalogue.objects.filter(pk=catalogue.pk).update(**values)
    catalogue.refresh_from_db()
    return catalogue


def test_letterhead_and_signature_come_from_the_year(run_export, scored_year, ministry):
    _identity(
        scored_year,
        ministry_name="Kementerian Uji Coba",
        unit_name="Direktorat Jenderal Uji",
        letterhead="Jalan Contoh No. 1, Jakarta",
        signatory_office="a.n. Menteri Uji",
        signatory_position="Direktur Jenderal Uji",
        signatory_name="Nama Penanda Tangan Uji",
        signatory_place="Jakarta",
    )
    Publication.objects.create(
        catalogue=scored_year,
        decree_number="UJI-1",
        decree_date=datetime.date(2026, 11, 15),
        published_by=ministry,
    )
    text = pdf_text(job_path(run_export("award_list", "pdf", ministry, scored_year)))
    first = text.split("\f")[0]
    assert "KEMENTERIAN UJI COBA" in first
    assert "Direktorat Jenderal Uji" in first
    assert "Jalan Contoh No. 1, Jakarta" in first
    for line in (
        "Jakarta, 15 November 2026",
        "a.n. Menteri Uji",
        "Direktur Jenderal Uji",
        "Nama Penanda Tangan Uji",
    ):
        assert line in text
    assert "Kementerian Uji Coba · Dibuat" in text  # the footer too


def test_unknown_signatory_lines_stay_empty(run_export, scored_year, ministry):
    """Nothing is invented: the shipped year has no signatory and no decree date."""
    text = pdf_text(job_path(run_export("award_list", "pdf", ministry, scored_year)))
    assert scored_year.signatory_name == ""
    assert "a.n." not in text
    assert "KEMENTERIAN HAK ASASI MANUSIA" in text.split("\f")[0]


def test_tied_totals_print_their_tie_break_values_and_the_rule_on_page_one(
    run_export, scored_year, ministry
):
    """Palu and Banyumas get the same total: the hasil points and returned answers
    that order them are in their rows, and page 1 states the rule."""
    palu = Score.objects.get(
        assessment__catalogue=scored_year, assessment__regency="72.71"
    )
    Score.objects.filter(
        assessment__catalogue=scored_year, assessment__regency="33.02"
    ).update(total=palu.total, hasil_points=palu.hasil_points, returned_count=3)
    text = pdf_text(
        job_path(run_export("ranking_national", "pdf", ministry, scored_year))
    )
    first = text.split("\f")[0]
    assert "Urutan bila nilai akhir sama:" in first
    assert "2 baris memiliki nilai akhir yang sama dengan baris lain." in first
    points = f"{palu.hasil_points:.2f}".replace(".", ",")
    total = f"{palu.total:.2f}".replace(".", ",")
    assert _row(text, "2", "72.71", "Kota Palu", total, points, "0")
    assert _row(text, "3", "33.02", "Kabupaten Banyumas", total, points, "3")
