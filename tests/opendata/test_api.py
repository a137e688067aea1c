"""The read API: pages, rate limits, partner tokens and their console."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opendata.models import PartnerToken
from opendata.services import token_issue, token_revoke
from tests.opendata.conftest import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(scored_year, ministry):
    publish(scored_year, ministry, ["33.73", "72.71", "33.02"])
    return scored_year


def test_results_come_in_pages_with_links(client, year):
    url = reverse("api:result-list", args=[year.year])
    first = client.get(url, {"page_size": 2}).json()
    assert first["count"] == 3
    assert [r["code"] for r in first["results"]] == ["33.73", "72.71"]
    assert first["previous"] is None and "page=2" in first["next"]
    second = client.get(first["next"]).json()
    assert [r["code"] for r in second["results"]] == ["33.02"]
    assert second["next"] is None
    row = first["results"][0]
    assert row["province"] == {"code": "33", "name": "Jawa Tengah"}
    assert row["total"] == "92.50" and row["national_rank"] == 1
    assert len(row["categories"]) == year.categories.count()
    missing = client.get(url, {"page": 9})
    assert missing.status_code == 404 and "detail" in missing.json()


def test_the_region_list_is_paged_by_code(client, year):
    page = client.get(reverse("api:region-list")).json()
    assert page["count"] == 514
    assert len(page["results"]) == 50
    assert page["results"][0]["code"] == "11.01"
    detail = client.get(reverse("api:region-detail", args=["33.73"])).json()
    assert detail["kind"] == "kota"
    assert detail["results"][0]["total"] == "92.50"
    assert client.get(reverse("api:region-detail", args=["99.99"])).status_code == 404


def test_too_many_requests_answer_429_in_the_chosen_language(client, year, settings):
    settings.OPEN_DATA_RATES = {"anonymous": "3/min", "partner": "5/min"}
    url = reverse("api:year-list")
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get(url)
    assert refused.status_code == 429
    body = refused.json()
    assert body["detail"].startswith("Terlalu banyak permintaan. Coba lagi dalam ")
    assert 0 < body["retry_after"] <= 60
    assert int(refused["Retry-After"]) == body["retry_after"]
    client.cookies["django_language"] = "en"
    assert (
        client.get(url).json()["detail"].startswith("Too many requests. Try again in ")
    )
    # Another address has its own count.
    assert client.get(url, REMOTE_ADDR="10.0.0.9").status_code == 200


def test_a_partner_token_has_its_own_higher_rate(client, year, administrator, settings):
    settings.OPEN_DATA_RATES = {"anonymous": "1/min", "partner": "4/min"}
    _token, key = token_issue(name="Satu Data HAM", actor=administrator)
    url = reverse("api:year-list")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 429
    # The same published data as everyone, nothing more.
    hidden = reverse("api:year-detail", args=[year.year + 1])
    assert client.get(hidden, **auth).status_code == 404
    assert [client.get(url, **auth).status_code for _ in range(4)] == [200] * 3 + [429]


def test_unknown_and_revoked_tokens_are_refused(client, year, administrator):
    token, key = token_issue(name="Sistem mitra uji", actor=administrator)
    url = reverse("api:year-list")
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    assert PartnerToken.objects.get(pk=token.pk).last_used_at is not None
    wrong = client.get(url, HTTP_AUTHORIZATION="Bearer bukan-token")
    assert wrong.status_code == 401
    assert wrong.json() == {"detail": "Token tidak dikenal atau sudah dicabut."}
    token_revoke(token=token, actor=administrator)
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
    assert PartnerToken.objects.get(pk=token.pk).digest != key  # only the hash is kept


def test_a_session_gives_the_api_nothing_more(
    client_for, year, administrator, ministry
):
    signed_in = client_for(ministry)
    assert (
        signed_in.get(reverse("api:year-detail", args=[year.year + 1])).status_code
        == 404
    )


def test_the_administrator_creates_and_revokes_tokens_in_the_console(
    client_for, administrator, ministry, regions
):
    console = client_for(administrator)
    response = console.post(
        reverse("admin:opendata_partnertoken_add"),
        {"name": "Portal Satu Data"},
        follow=True,
    )
    assert response.status_code == 200
    token = PartnerToken.objects.get(name="Portal Satu Data")
    shown = [str(m) for m in response.context["messages"]]
    (message,) = [m for m in shown if "salin sekarang" in m]
    key = message.split(": ", 1)[1].split(" ")[0]
    assert key.startswith(token.prefix) and token.created_by == administrator
    assert (
        console.get(
            reverse("api:year-list"), HTTP_AUTHORIZATION=f"Bearer {key}"
        ).status_code
        == 200
    )
    console.post(
        reverse("admin:opendata_partnertoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    token.refresh_from_db()
    assert token.revoked_by == administrator and token.revoked_at is not None
    assert (
        client_for(ministry)
        .get(reverse("admin:opendata_partnertoken_changelist"))
        .status_code
        == 403
    )
