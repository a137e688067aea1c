"""The programme's identity is data of each year: a year whose catalogue says
"Penilaian Kepatuhan HAM" shows that name on its pages, notices and documents, and no
template names a programme, ministry or regulation itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from indicators.models import CATALOGUE_IDENTITY, Catalogue
from indicators.services import catalogue_copy_to_year, catalogue_create
from indicators.transfer import catalogue_import_yaml, export_bytes

pytestmark = pytest.mark.django_db

RENAMED = {
    "programme_name": "Penilaian Kepatuhan Hak Asasi Manusia",
    "programme_short_name": "Penilaian Kepatuhan HAM",
    "ministry_name": "Kementerian HAM Uji",
    "regional_office_name": "Kanwil Kementerian HAM Uji",
    "legal_basis_short": "Permen HAM 15/2025",
    "award_name": "Daerah Patuh HAM",
}

# The programme's and institutions' names as a template might hard-code them.
KNOWN_NAMES = re.compile(
    r"KKPHAM|Kabupaten/Kota Peduli|Peduli HAM|Penilaian Kepatuhan|RANHAM|Perpres"
    r"|Permen(kumham)?\b|Peraturan Menteri|Kementerian (Hak|HAM|Hukum)|Kemenkumham"
    r"|KemenHAM|Direktorat|Ditjen|Kantor Wilayah",
    re.IGNORECASE,
)


def _renamed(catalogue: Catalogue) -> Catalogue:
    Catalogue.objects.filter(pk=catalogue.pk).update(**RENAMED)
    catalogue.refresh_from_db()
    return catalogue


def test_no_template_names_the_programme_or_an_institution():
    found = []
    for path in sorted(Path(settings.BASE_DIR, "templates").rglob("*")):
        if path.suffix not in {".html", ".txt", ".xml"}:
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            for match in KNOWN_NAMES.finditer(line):
                found.append(f"{path.name}:{number}: {match.group(0)}")
    assert found == []


def test_the_known_names_pattern_catches_what_templates_used_to_say():
    for text in (
        '{% trans "Penilaian KKPHAM" %}',
        "Kabupaten/Kota Peduli HAM",
        "Perpres 53/2021 (RANHAM 2021–2025)",
        "Kementerian Hak Asasi Manusia",
    ):
        assert KNOWN_NAMES.search(text)
    assert not KNOWN_NAMES.search('{% trans "Kirim ke Kanwil" %}')


def test_a_renamed_year_shows_its_name_on_its_pages(
    client_for, scored_year, regency_staff, ministry
):
    _renamed(scored_year)
    assessment = scored_year.assessments.get(regency_id="33.73")
    pages = [
        (regency_staff, f"/penilaian/{assessment.pk}/"),
        (ministry, "/penilaian/"),
        (regency_staff, "/"),
        (ministry, f"/penilaian/peringkat/{scored_year.year}/"),
        (ministry, "/katalog/"),
    ]
    for person, url in pages:
        response = client_for(person).get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "Penilaian Kepatuhan HAM" in body, url
        assert "KKPHAM" not in body, url
        assert "Kementerian HAM Uji" in body, url  # the footer: the year's ministry


def test_the_login_page_names_the_newest_open_years_institutions(client, scored_year):
    _renamed(scored_year)
    body = client.get("/akun/masuk/").content.decode()
    assert "Kanwil Kementerian HAM Uji" in body
    assert "Kementerian HAM Uji" in body


def test_a_new_year_inherits_the_newest_years_identity_and_a_copy_keeps_it(
    sample_catalogue,
):
    _renamed(sample_catalogue)
    fresh = catalogue_create(actor=None, year=2031, title="Uji 2031", legal_basis="Uji")
    copy = catalogue_copy_to_year(catalogue=sample_catalogue, year=2032, actor=None)
    for name, value in RENAMED.items():
        assert getattr(fresh, name) == value
        assert getattr(copy, name) == value


def test_identity_travels_with_the_catalogue_file(sample_catalogue):
    _renamed(sample_catalogue)
    Catalogue.objects.filter(pk=sample_catalogue.pk).update(
        signatory_name="Nama Uji", letterhead="Baris satu\nBaris dua"
    )
    sample_catalogue.refresh_from_db()
    content = export_bytes(sample_catalogue, "yaml")
    content = content.replace(b"year: 2026", b"year: 2033", 1)
    outcome = catalogue_import_yaml(content=content, actor=None)
    assert outcome.ok, outcome.problems
    imported = Catalogue.objects.get(year=2033)
    for name in CATALOGUE_IDENTITY:
        assert getattr(imported, name) == getattr(sample_catalogue, name), name


def test_an_administrator_sets_the_signatory_of_an_open_year_in_the_console(
    client_for, open_catalogue, administrator, verifier
):
    url = f"/admin/indicators/catalogue/{open_catalogue.pk}/identitas/"
    values = {name: getattr(open_catalogue, name) for name in CATALOGUE_IDENTITY}
    values.update(signatory_name="Nama Uji", signatory_place="Jakarta")
    assert client_for(verifier).post(url, values).status_code in (403, 404)
    open_catalogue.refresh_from_db()
    assert open_catalogue.signatory_name == ""
    response = client_for(administrator).post(url, values)
    assert response.status_code == 302
    open_catalogue.refresh_from_db()
    assert open_catalogue.status == Catalogue.Status.OPEN
    assert (open_catalogue.signatory_name, open_catalogue.signatory_place) == (
        "Nama Uji",
        "Jakarta",
    )
    values["programme_name"] = ""
    page = client_for(administrator).post(url, values)
    assert page.status_code == 200  # the form again, with its message
    open_catalogue.refresh_from_db()
    assert open_catalogue.programme_name  # nothing saved
