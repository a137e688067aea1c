"""The export documents' own user-agent sheet (static/css/pdf-ua.css) in place of
WeasyPrint's full HTML5 one: it names every element the PDF templates use, and the
documents come out the same, word for word and place for place, as with WeasyPrint's
own sheet."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import time_machine
import tinycss2
from weasyprint import CSS, HTML

from exports import pdf, weasy
from exports.models import ExportJob
from exports.registry import get_kind
from regions.models import Regency
from tests.exports.pdf import pdf_text

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = [ROOT / "templates" / app / "pdf" for app in ("reporting", "aksiham")]


def _named_elements() -> set[str]:
    sheet = tinycss2.parse_stylesheet(
        weasy.UA_STYLESHEET.read_text(), skip_comments=True
    )
    names: set[str] = set()
    for rule in sheet:
        if rule.type == "qualified-rule":
            prelude = tinycss2.serialize(rule.prelude)
            names |= set(re.findall(r"(?<![\w.#:\[-])([a-z][a-z0-9]*)\b", prelude))
    return names


def test_the_sheet_names_every_element_the_pdf_templates_use():
    used = {
        tag
        for folder in TEMPLATES
        for template in folder.glob("*.html")
        for tag in re.findall(r"<([a-z][a-z0-9]*)\b", template.read_text())
    }
    assert {"table", "th", "td", "h1", "p"} <= used  # the scan read the templates
    assert used - _named_elements() == set()


def _layout(pdf_bytes: bytes, tmp_path: Path, name: str) -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf_bytes)
    return pdf_text(path, "-bbox")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "target"),
    [("ranking_national", {}), ("scorecard", {"regency": "33.73"})],
)
def test_documents_come_out_as_with_weasyprints_own_sheet(
    scored_year, ministry, kind, target, tmp_path
):
    job = ExportJob.objects.create(
        requested_by=ministry,
        kind=kind,
        format="pdf",
        catalogue=scored_year,
        regency=Regency.objects.get(code=target["regency"]) if target else None,
    )
    export = get_kind(kind)
    with time_machine.travel("2026-11-20 10:00 +07:00", tick=False):
        html = pdf.render_html(export.template, export.builder(job))
    ours = weasy.DocumentHTML(string=html, base_url=weasy.STATIC_DIR.as_uri() + "/")
    theirs = HTML(string=html, base_url=weasy.STATIC_DIR.as_uri() + "/")
    sheet = [CSS(filename=str(weasy.STYLESHEET))]
    mine = _layout(ours.write_pdf(stylesheets=sheet), tmp_path, "ours")
    assert "<word" in mine  # there is text to compare
    assert mine == _layout(theirs.write_pdf(stylesheets=sheet), tmp_path, "theirs")


def test_the_documents_sheet_is_the_one_in_effect(tmp_path):
    """An element the sheet leaves out gets no HTML default: a list item has no
    bullet with it, and has one with WeasyPrint's sheet (so an upgrade of WeasyPrint
    that stopped asking ``_ua_stylesheets`` would fail here, not only run slower)."""
    html = "<!doctype html><html><body><ul><li>satu</li></ul></body></html>"
    ours = weasy.DocumentHTML(string=html).write_pdf()
    theirs = HTML(string=html).write_pdf()
    assert "•" not in _layout(ours, tmp_path, "ours")
    assert "•" in _layout(theirs, tmp_path, "theirs")
