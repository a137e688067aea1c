"""Dashboard pages: who sees which page, what they show, and bounded queries."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regions.models import Regency
from reporting.services.assessments import assessments_open

pytestmark = pytest.mark.django_db

NS = {"svg": "http://www.w3.org/2000/svg"}
NATIONAL = reverse("portal:dashboard-national")
JATENG = reverse("portal:dashboard-province", args=["33"])
# Kanwil Jawa Tengah covers Jawa Tengah and DIY.
OFFICE = reverse("portal:dashboard-office", args=["jateng"])
SALATIGA = reverse("portal:dashboard-regency", args=["33.73"])


def svgs(body: str) -> dict[str, ET.Element]:
    """Every chart on the page, by the id of its <title>."""
    charts = {}
    for markup in re.findall(r"<svg .*?</svg>", body, flags=re.S):
        if "chart-svg" in markup:
            root = ET.fromstring(markup)  # noqa: S314 - our own page
            charts[root.get("aria-labelledby").removesuffix("-title")] = root
    return charts


def get(client_for, user, url, status=200):
    response = client_for(user).get(url)
    assert response.status_code == status
    return response.content.decode()


@pytest.mark.parametrize(
    "url", [reverse("portal:dashboard"), NATIONAL, JATENG, SALATIGA]
)
def test_anonymous_visitors_are_sent_to_login(client, regions, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("person", "target"),
    [
        ("ministry", NATIONAL),
        ("administrator", NATIONAL),
        ("verifier", OFFICE),
        ("regency_staff", SALATIGA),
        ("operator", SALATIGA),
    ],
)
def test_the_dashboard_link_opens_the_widest_allowed_view(
    request, client_for, person, target
):
    response = client_for(request.getfixturevalue(person)).get(
        reverse("portal:dashboard")
    )
    assert response.status_code == 302 and response["Location"] == target


def test_national_dashboard_is_for_the_ministry_only(
    client_for, scored_years, ministry, administrator, verifier, regency_staff
):
    get(client_for, ministry, NATIONAL)
    get(client_for, administrator, NATIONAL)
    get(client_for, verifier, NATIONAL, 403)
    get(client_for, regency_staff, NATIONAL, 403)


def test_province_dashboard_by_scope(
    client_for, scored_years, verifier, foreign_verifier, ministry, regency_staff
):
    get(client_for, verifier, JATENG)
    get(client_for, ministry, JATENG)
    get(client_for, foreign_verifier, JATENG, 404)
    get(client_for, regency_staff, JATENG, 404)
    get(client_for, ministry, reverse("portal:dashboard-province", args=["99"]), 404)


def test_regency_dashboard_by_scope(
    client_for, scored_years, regency_staff, operator, other_regency_staff,
    verifier, foreign_verifier, ministry,
):  # fmt: skip
    for user in (regency_staff, operator, verifier, ministry):
        get(client_for, user, SALATIGA)
    get(client_for, other_regency_staff, SALATIGA, 404)
    get(client_for, foreign_verifier, SALATIGA, 404)
    get(client_for, ministry, reverse("portal:dashboard-regency", args=["99.99"]), 404)


def test_national_page_shows_charts_tables_streaks_and_the_sample_label(
    client_for, scored_years, ministry
):
    body = get(client_for, ministry, NATIONAL)
    charts = svgs(body)
    assert set(charts) == {"progres-provinsi", "predikat", "peta-kemajuan"}
    # The progress map: every drawn kab/kota, coloured by its stage.
    stages = {
        p.get("data-code"): p.get("data-tone")
        for p in charts["peta-kemajuan"].iter(f"{{{NS['svg']}}}path")
    }
    assert len(stages) == 514  # Kabupaten Sorong's outline comes from its patch file
    assert stages["33.73"] == "primary" and stages["11.01"] == "#d9d9d9"
    assert "96.01" in stages
    # Jawa Tengah: one draft and one verified assessment, each half of the row.
    jateng = charts["progres-provinsi"].find(
        ".//svg:a[@href='/dasbor/provinsi/33/?tahun=2026']", NS
    )
    segments = [
        (r.get("data-series"), r.get("data-value"))
        for r in jateng.iter(f"{{{NS['svg']}}}rect")
    ]
    assert segments == [("draft", "1"), ("verified", "1")]
    assert 'id="progres-provinsi-data"' in body and "1 (50,0%)" in body
    assert 'id="predikat-data"' in body
    assert "CONTOH — bukan teks resmi" in body
    streaks = body[body.index('id="streaks"') :]
    assert (
        streaks.index("Kota Metro")
        < streaks.index("Kabupaten Banyumas")
        < streaks.index("Kota Palu")
    )
    # Streaks count final years only: Kota Metro's verified 2026 is not published.
    assert "2022–2025" in streaks and "2026" not in streaks[: streaks.index("</table>")]
    assert "Tahun yang dihitung: 2022, 2023, 2024, 2025." in streaks


def test_kanwil_sees_only_its_province(client_for, scored_years, verifier):
    body = get(client_for, verifier, JATENG)
    assert "Kota Salatiga" in body and "Kabupaten Banyumas" in body
    assert "Kota Metro" not in body and "Kota Palu" not in body
    charts = svgs(body)
    assert set(charts) == {"progres-kabkota", "predikat", "nilai-kabkota"}
    scores = charts["nilai-kabkota"].findall(".//svg:rect[@data-value]", NS)
    assert [r.get("data-value") for r in scores] == ["79.00"]  # Banyumas not scored yet
    assert "120 (100,0%)" in body


def test_regency_page_shows_categories_history_and_streak(
    client_for, scored_years, regency_staff
):
    body = get(client_for, regency_staff, SALATIGA)
    charts = svgs(body)
    assert set(charts) == {"jawaban", "nilai-kategori", "riwayat"}
    years = charts["riwayat"].findall(".//svg:rect[@data-value]", NS)
    assert [r.get("data-value") for r in years] == [
        "76.00",
        "77.00",
        "60.00",
        "78.00",
        "79.00",
    ]
    # 2026 is verified but not published: shown as provisional, not in the streak.
    assert "Berpredikat pada 2025." in body
    assert "Belum dihitung: 2026" in body
    assert 'id="score-total">79,00<' in body
    assert "sementara, belum diumumkan" in body
    # The coordinator may open each year's explanation.
    assert charts["riwayat"].findall("svg:a", NS)


def test_operators_see_the_history_without_explanation_links(
    client_for, scored_years, operator
):
    body = get(client_for, operator, SALATIGA)
    assert svgs(body)["riwayat"].findall("svg:a", NS) == []
    assert "/nilai/" not in body


def test_a_past_year_can_be_chosen(client_for, scored_years, ministry):
    body = get(client_for, ministry, JATENG + "?tahun=2024")
    assert "KKPHAM 2024" in body and "Mulai Peduli HAM" in body
    get(client_for, ministry, JATENG + "?tahun=1999", 404)
    get(client_for, ministry, JATENG + "?tahun=dua", 404)


def test_without_an_opened_year_the_pages_say_so(
    client_for, regions, ministry, regency_staff
):
    assert "Belum ada tahun penilaian yang dibuka" in get(
        client_for, ministry, NATIONAL
    )
    assert "Belum ada nilai dari tahun mana pun" in get(
        client_for, regency_staff, SALATIGA
    )


def test_navigation_and_home_panels_link_the_dashboards(client_for, regions, verifier):
    body = get(client_for, verifier, reverse("portal:home"))
    assert f'href="{reverse("portal:dashboard")}"' in body
    assert f'href="{JATENG}"' in body


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


# Each page also reads the newest open year's names once (the footer's ministry)
# and the verification progress of the kab/kota still in verification; a verifier's
# scope reads the coverage of their office once.
@pytest.mark.parametrize(
    ("person", "url", "limit"),
    [
        # The national page's progress map: one more query.
        ("ministry", NATIONAL, 14),
        ("verifier", JATENG, 17),
        ("verifier", OFFICE, 18),
        ("regency_staff", SALATIGA, 12),
    ],
)
def test_query_counts_do_not_grow_with_the_regions(
    request, client_for, scored_years, django_assert_max_num_queries, person, url, limit
):
    client = client_for(request.getfixturevalue(person))
    before = _queries(client, url)
    # Open the year for every other kab/kota of Jawa Tengah and Lampung.
    codes = list(
        Regency.objects.filter(province_id__in=["33", "18"]).values_list(
            "code", flat=True
        )
    )
    assessments_open(
        catalogue=scored_years[2026],
        deadline=scored_years[2026].opened_at,
        actor=None,
        regency_codes=codes,
    )
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200
    assert _queries(client, url) == before
