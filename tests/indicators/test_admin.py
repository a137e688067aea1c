"""The catalogue in the staff console: import with preview, frozen once open."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.models import Catalogue, Indicator
from indicators.services import catalogue_create
from indicators.transfer import export_bytes

pytestmark = pytest.mark.django_db

IMPORT_URL = "admin:indicators_indicator_import"
XLSX_FORMAT = "0"  # the first of IndicatorAdmin.formats


def _upload(client, catalogue, content: bytes, name: str = "katalog.xlsx"):
    return client.post(
        reverse(IMPORT_URL),
        {
            "catalogue": catalogue.pk,
            "resource": "0",
            "format": XLSX_FORMAT,
            "import_file": SimpleUploadedFile(name, content),
        },
    )


def test_administrator_imports_with_preview_then_confirms(
    client_for, administrator, sample_catalogue
):
    target = catalogue_create(
        actor=None, year=2030, title="Uji 2030", legal_basis="Uji"
    )
    client = client_for(administrator)
    preview = _upload(client, target, export_bytes(sample_catalogue, "xlsx"))
    assert preview.status_code == 200
    confirm = preview.context["confirm_form"]
    assert confirm is not None
    assert target.indicators.count() == 0  # the preview saved nothing
    data = {
        name: field.value() for name, field in ((n, confirm[n]) for n in confirm.fields)
    }
    done = client.post(reverse("admin:indicators_indicator_process_import"), data)
    assert done.status_code == 302
    assert target.indicators.count() == 120


def test_broken_file_shows_row_column_and_message(
    client_for, administrator, sample_catalogue
):
    import openpyxl

    target = catalogue_create(
        actor=None, year=2030, title="Uji 2030", legal_basis="Uji"
    )
    book = openpyxl.load_workbook(io.BytesIO(export_bytes(sample_catalogue, "xlsx")))
    book.active.cell(row=5, column=7, value="hasil-akhir")  # column 7 is "jenis"
    buffer = io.BytesIO()
    book.save(buffer)
    response = _upload(client_for(administrator), target, buffer.getvalue())
    body = response.content.decode()
    assert (
        "confirm_form" not in response.context or not response.context["confirm_form"]
    )
    assert 'id="import-problems"' in body
    assert "<td>5</td><td>jenis</td>" in body
    assert "tidak dikenal" in body
    assert target.indicators.count() == 0


def test_renamed_file_gets_an_indonesian_message(
    client_for, administrator, sample_catalogue
):
    target = catalogue_create(
        actor=None, year=2030, title="Uji 2030", legal_basis="Uji"
    )
    response = _upload(
        client_for(administrator), target, b"%PDF-1.4 bukan lembar kerja"
    )
    assert (
        "Berkas tidak dapat dibaca dalam format yang dipilih"
        in response.content.decode()
    )
    assert target.indicators.count() == 0


def test_oversize_upload_is_refused(
    client_for, administrator, sample_catalogue, settings
):
    settings.IMPORT_MAX_FILE_MB = 1
    target = catalogue_create(
        actor=None, year=2030, title="Uji 2030", legal_basis="Uji"
    )
    response = _upload(client_for(administrator), target, b"x" * (1024 * 1024 + 1))
    assert "terlalu besar" in response.content.decode()


def test_open_catalogue_cannot_be_chosen_for_import(
    client_for, administrator, open_catalogue
):
    response = _upload(
        client_for(administrator), open_catalogue, export_bytes(open_catalogue, "xlsx")
    )
    assert response.context["form"].errors["catalogue"]
    assert open_catalogue.indicators.count() == 120


def test_open_catalogue_refuses_edits_in_the_admin(
    client_for, administrator, open_catalogue
):
    client = client_for(administrator)
    indicator = open_catalogue.indicators.get(code="K01.S01")
    url = reverse("admin:indicators_indicator_change", args=[indicator.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    client.post(url, {"text": "Diubah", "code": "K01.S01"})
    indicator.refresh_from_db()
    assert indicator.text != "Diubah"
    delete = client.post(
        reverse("admin:indicators_indicator_delete", args=[indicator.pk]),
        {"post": "yes"},
    )
    assert delete.status_code == 403
    assert Indicator.objects.filter(pk=indicator.pk).exists()
    catalogue_url = reverse(
        "admin:indicators_catalogue_change", args=[open_catalogue.pk]
    )
    client.post(catalogue_url, {"title": "Diubah"})
    open_catalogue.refresh_from_db()
    assert open_catalogue.title != "Diubah"


def test_draft_indicator_can_be_edited_by_administrator(
    client_for, administrator, sample_catalogue
):
    indicator = sample_catalogue.indicators.get(code="K01.S01")
    url = reverse("admin:indicators_indicator_change", args=[indicator.pk])
    response = client_for(administrator).get(url)
    assert response.context["has_change_permission"] is True


def test_verifier_reads_but_cannot_import(client_for, verifier, sample_catalogue):
    client = client_for(verifier)
    assert (
        client.get(reverse("admin:indicators_indicator_changelist")).status_code == 200
    )
    assert client.get(reverse(IMPORT_URL)).status_code == 403


def test_open_action_and_copy_view(client_for, administrator, sample_catalogue):
    client = client_for(administrator)
    client.post(
        reverse("admin:indicators_catalogue_changelist"),
        {
            "action": "open_catalogues",
            "_selected_action": [sample_catalogue.pk],
        },
    )
    sample_catalogue.refresh_from_db()
    assert sample_catalogue.status == Catalogue.Status.OPEN
    response = client.post(
        reverse("admin:indicators_catalogue_copy", args=[sample_catalogue.pk]),
        {"year": 2027},
    )
    assert response.status_code == 302
    assert Catalogue.objects.get(year=2027).indicators.count() == 120
