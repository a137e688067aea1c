"""Fuzzing the catalogue import: the admin's upload and the command's reader.

Whatever arrives: never a server error or an unexpected exception, always a message
in Indonesian, and nothing saved unless the file is a clean catalogue.
"""

from __future__ import annotations

import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from indicators.models import Catalogue, Category, Indicator
from indicators.services import catalogue_create
from indicators.transfer import CatalogueFileError, read_dataset, read_yaml
from tests.fuzzing import FUZZ, multipart, uploads

pytestmark = pytest.mark.django_db

INDONESIAN = re.compile(
    r"\b(berkas|tidak|bukan|kosong|baris|kolom|harus|format|katalog|impor|"
    r"indikator|terlalu|dibaca|memuat)\b",
    re.IGNORECASE,
)
ENGLISH = re.compile(r"\b(the|is|not|found|invalid|error|column|line)\b", re.I)


def _counts() -> tuple[int, int, int]:
    return (
        Catalogue.objects.count(),
        Category.objects.count(),
        Indicator.objects.count(),
    )


@pytest.fixture
def draft(regions):
    return catalogue_create(actor=None, year=2030, title="Uji 2030", legal_basis="Uji")


@FUZZ
@given(upload=uploads(), fmt=st.sampled_from(["0", "1"]))
def test_admin_import_survives_hostile_files(
    client_for, administrator, draft, upload, fmt
):
    name, content = upload
    before = _counts()
    body, content_type = multipart(
        {"catalogue": str(draft.pk), "resource": "0", "format": fmt},
        "import_file",
        name,
        content,
    )
    response = client_for(administrator).generic(
        "POST",
        reverse("admin:indicators_indicator_import"),
        body,
        content_type=content_type,
    )
    assert response.status_code in (200, 400), response.status_code
    assert _counts() == before  # the first step never saves
    if response.status_code == 400:
        return
    context = response.context
    form_errors = [str(e) for errs in context["form"].errors.values() for e in errs]
    problems = [str(p) for p in context.get("problems") or []]
    messages = form_errors + problems
    assert messages, "a refused file must say why"
    for text in messages:
        assert INDONESIAN.search(text), text


@FUZZ
@given(upload=uploads(), fmt=st.sampled_from(["xlsx", "csv", "yaml"]))
def test_command_reader_refuses_with_an_indonesian_message(upload, fmt):
    _, content = upload
    try:
        if fmt == "yaml":
            read_yaml(content)
        else:
            read_dataset(content, fmt)
    except CatalogueFileError as exc:
        for text in exc.messages:
            assert INDONESIAN.search(text), text
            assert not ENGLISH.search(text), text


@FUZZ
@given(upload=uploads(), suffix=st.sampled_from(["xlsx", "csv", "yaml"]))
def test_import_command_saves_nothing_from_a_hostile_file(
    draft, tmp_path_factory, upload, suffix
):
    _, content = upload
    path = tmp_path_factory.mktemp("impor") / f"katalog.{suffix}"
    path.write_bytes(content)
    before = _counts()
    with pytest.raises(CommandError) as refused:
        call_command("import_catalogue", str(path), "--year", "2030")
    assert INDONESIAN.search(str(refused.value)), str(refused.value)
    assert _counts() == before


def _xlsx_bomb(sample_catalogue) -> bytes:
    """A real catalogue XLSX whose sheet inflates to 64 MB of blank XML."""
    import io
    import zipfile

    from indicators.transfer import export_bytes

    source = zipfile.ZipFile(io.BytesIO(export_bytes(sample_catalogue, "xlsx")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                data = data.replace(
                    b"</worksheet>", b" " * (64 << 20) + b"</worksheet>"
                )
            bomb.writestr(info.filename, data)
    return buffer.getvalue()


def test_xlsx_bomb_is_refused_before_parsing(
    client_for, administrator, sample_catalogue, draft, tmp_path
):
    bomb = _xlsx_bomb(sample_catalogue)
    assert len(bomb) < 1024 * 1024
    with pytest.raises(CatalogueFileError, match="terlalu besar setelah dibuka"):
        read_dataset(bomb, "xlsx")
    body, content_type = multipart(
        {"catalogue": str(draft.pk), "resource": "0", "format": "0"},
        "import_file",
        "katalog.xlsx",
        bomb,
    )
    response = client_for(administrator).generic(
        "POST",
        reverse("admin:indicators_indicator_import"),
        body,
        content_type=content_type,
    )
    assert "terlalu besar setelah dibuka" in response.content.decode()
    assert draft.indicators.count() == 0
