"""A 15 MB scan over a connection that drops half-way, with the official tus client.

The page sends the file in 2 MB chunks (tus-js-client, vendored). After four chunks
the network is cut (Playwright aborts every further request to the upload): the
client retries, then says in Indonesian that the connection failed and how much
arrived. The person reloads the page and picks the same file: the client finds its
upload again and goes on from the server's offset (the first PATCH after the reload
starts there, not at 0). The stored evidence has the original's SHA-256, and
nothing was evidence while the upload was partial.
"""

from __future__ import annotations

import hashlib
import os

import pytest
from playwright.sync_api import Page, Route, expect

from files.models import PartialUpload
from reporting.models import Evidence
from tests.browser.helpers import sign_in_home, typed_answers_on_one_page

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_cast")]

OPERATOR = "demo.opd.salatiga"
SIZE = 15 * 1024 * 1024
CHUNK = 2 * 1024 * 1024


def test_a_large_upload_survives_a_dropped_connection_and_a_reload(
    page: Page, live_server, tmp_path
) -> None:
    answer = typed_answers_on_one_page(OPERATOR)[0]
    scan = tmp_path / "pindaian-perda.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + os.urandom(SIZE - 9))
    original = hashlib.sha256(scan.read_bytes()).hexdigest()
    base = live_server.url
    sign_in_home(page, base, OPERATOR)
    url = base + f"/penilaian/jawaban/{answer.pk}/unggah-besar/"

    offsets: list[int] = []
    page.on(
        "request",
        lambda r: (
            offsets.append(int(r.headers["upload-offset"]))
            if r.method == "PATCH"
            else None
        ),
    )
    passed = {"patches": 0}

    def cut_after_four(route: Route) -> None:
        if route.request.method == "PATCH":
            passed["patches"] += 1
            if passed["patches"] > 4:
                route.abort("connectionfailed")
                return
        elif passed["patches"] > 4:
            route.abort("connectionfailed")
            return
        route.continue_()

    page.route("**/penilaian/tus/**", cut_after_four)
    page.goto(url)
    page.get_by_label("Berkas data dukung").set_input_files(str(scan))
    item = page.locator("#tus-list li").first
    expect(item).to_have_attribute("data-state", "connection", timeout=30_000)
    expect(item).to_contain_text("Koneksi terputus saat mengirim “pindaian-perda.pdf”")
    expect(item).to_contain_text("8,0 dari 15,0 MB terkirim")
    partial = PartialUpload.objects.get()
    assert partial.offset == 4 * CHUNK
    assert not Evidence.all_objects.filter(answer=answer).exists()

    page.unroute("**/penilaian/tus/**")
    offsets.clear()
    page.reload()
    page.get_by_label("Berkas data dukung").set_input_files(str(scan))
    item = page.locator("#tus-list li").first
    expect(item).to_have_attribute("data-state", "done", timeout=60_000)
    expect(item).to_have_attribute("data-resumed", "1")
    expect(item).to_contain_text("tersimpan sebagai data dukung")
    assert offsets[0] == 4 * CHUNK  # resumed, not sent again from the start

    evidence = Evidence.objects.get(answer=answer)
    assert evidence.sha256 == original
    with evidence.file.open("rb") as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == original
    assert not PartialUpload.objects.exists()


def test_size_duplicate_and_type_are_refused_in_indonesian(
    page: Page, live_server, tmp_path
) -> None:
    answer = typed_answers_on_one_page(OPERATOR)[0]
    big = tmp_path / "terlalu-besar.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * (21 * 1024 * 1024))
    duplicate = tmp_path / "rekap.pdf"
    duplicate.write_bytes(b"%PDF-1.4\n" + os.urandom(50_000))
    base = live_server.url
    sign_in_home(page, base, OPERATOR)
    page.goto(base + f"/penilaian/jawaban/{answer.pk}/unggah-besar/")
    page.get_by_label("Berkas data dukung").set_input_files(str(big))
    refused = page.locator("#tus-list li").first
    expect(refused).to_contain_text("berukuran 21,0 MB; batasnya 20 MB per berkas")
    assert not PartialUpload.objects.exists()

    page.get_by_label("Berkas data dukung").set_input_files(str(duplicate))
    expect(page.locator("#tus-list li").nth(1)).to_have_attribute(
        "data-state", "done", timeout=20_000
    )
    copy = tmp_path / "rekap-salinan.pdf"
    copy.write_bytes(duplicate.read_bytes())
    page.get_by_label("Berkas data dukung").set_input_files(str(copy))
    again = page.locator("#tus-list li").nth(2)
    expect(again).to_have_attribute("data-state", "refused", timeout=20_000)
    expect(again).to_contain_text("sama persis dengan “rekap.pdf”")

    text = tmp_path / "catatan.txt"
    text.write_text("bukan data dukung")
    page.get_by_label("Berkas data dukung").set_input_files(str(text))
    wrong = page.locator("#tus-list li").nth(3)
    expect(wrong).to_have_attribute("data-state", "refused", timeout=20_000)
    expect(wrong).to_contain_text("“catatan.txt” bukan jenis yang diizinkan")
    assert Evidence.objects.filter(answer=answer).count() == 1
