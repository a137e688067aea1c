"""A ministry assessor exports the national ranking as PDF in a real browser; a real
Celery worker renders it while the page watches; a Kanwil user cannot have it.

0. Set up through the services: the sample year opened for five kab/kota in two
   provinces, every answer accepted, scores and ranks computed.
1. The assessor opens *Peringkat*, presses PDF beside "Peringkat nasional" and lands
   on *Ekspor* with the job waiting (the request returns before any rendering; the
   worker is started only after this step).
2. The list polls (htmx) until the worker has finished; *Unduh* gives the PDF, whose
   text carries the title, the rows, the totals and the CONTOH watermark.
3. The Kanwil verifier of Jawa Tengah is refused the assessor's file (404), sees no
   national export on *Peringkat*, and a request for Sulawesi Tengah forged into the
   form answers 404 and records nothing.

Screenshots: tests/artifacts/export-1.png … export-3.png.
"""

from __future__ import annotations

import datetime
import re
import subprocess
from collections.abc import Callable, Iterator

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import User
from exports.models import ExportJob
from indicators.services import catalogue_open
from portal.celery import app
from reporting.models import Answer, Assessment
from reporting.services.assessments import assessments_open
from reporting.services.ranking import year_recompute
from tests.browser.helpers import import_sample_catalogue, shot, sign_in_home, sign_out
from tests.workers import new_queue, start_worker, stop_worker

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.usefixtures("demo_cast"),
]

JOURNEY = "export"
ASSESSOR = "demo.kementerian"
VERIFIER = "demo.kanwil.jateng"
SCORES = {"33.73": 95, "72.71": 85, "33.02": 76, "33.01": 60, "72.01": 40}


@pytest.fixture
def scored_year(demo_cast):
    catalogue = catalogue_open(catalogue=import_sample_catalogue(), actor=None)
    assessments_open(
        catalogue=catalogue,
        actor=None,
        regency_codes=list(SCORES),
        deadline=timezone.now() + datetime.timedelta(days=30),
    )
    for code, score in SCORES.items():
        Answer.objects.filter(assessment__regency_id=code).update(
            status=Answer.Status.ACCEPTED, score=score
        )
    Assessment.objects.update(status=Assessment.Status.VERIFIED)
    year_recompute(catalogue_id=catalogue.pk)
    return catalogue


@pytest.fixture
def worker_later() -> Iterator[Callable[[], None]]:
    """Tasks go to a queue of their own at once; the worker on it starts when asked.

    So the page can be seen with the job still waiting, then watched as it finishes.
    """
    queue = new_queue()
    saved = {
        "task_always_eager": app.conf.task_always_eager,
        "task_default_queue": app.conf.task_default_queue,
    }
    app.conf.update(task_always_eager=False, task_default_queue=queue)
    processes: list[subprocess.Popen] = []

    def start() -> None:
        processes.append(
            start_worker(queue, env={"MEDIA_ROOT": str(settings.MEDIA_ROOT)})
        )

    yield start
    app.conf.update(saved)
    for process in processes:
        stop_worker(process)


def test_ministry_exports_the_national_ranking_and_a_kanwil_cannot_have_it(
    page: Page, live_server, scored_year, worker_later, tmp_path
) -> None:
    base = live_server.url

    # 1. Ask for the PDF from the ranking page.
    sign_in_home(page, base, ASSESSOR)
    page.get_by_role("link", name="Peringkat", exact=True).click()
    expect(page).to_have_url(base + "/penilaian/peringkat/2026/")
    exports = page.locator("#exports")
    exports.locator("form", has_text="Peringkat nasional").get_by_role(
        "button", name="PDF"
    ).click()
    expect(page).to_have_url(base + "/penilaian/ekspor/")
    expect(page.locator("main .alert-success")).to_contain_text("Ekspor dicatat")
    row = page.locator("#export-rows tr").first
    expect(row).to_contain_text("Peringkat nasional")
    expect(row).to_contain_text("Nasional")
    expect(row).to_contain_text("Menunggu 0%")  # recorded; nothing rendered yet
    assert ExportJob.objects.get().status == "pending"
    shot(page, JOURNEY, 1)

    # 2. The worker starts; without reloading, the row follows it to the end.
    worker_later()
    download_link = row.get_by_role("link", name="Unduh")
    expect(download_link).to_be_visible(timeout=60_000)
    expect(row).to_contain_text("Selesai")
    shot(page, JOURNEY, 2)
    with page.expect_download() as info:
        download_link.click()
    download = info.value
    assert download.suggested_filename == "peringkat-nasional-2026.pdf"
    path = tmp_path / "peringkat.pdf"
    download.save_as(path)
    text = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert text.startswith("CONTOH\n")
    assert "Peringkat Nasional KKPHAM 2026 · SEMENTARA" in text
    assert re.search(
        r"^1 33\.73 Kota Salatiga Jawa Tengah .* 95,00 [\d,]+ \d+ Peduli HAM$",
        text,
        re.M,
    )
    # Total, then the tie-break values (hasil points, answers returned), then predicate.
    assert re.search(r"^5 72\.01 .* 40,00 [\d,]+ \d+ Kurang Peduli HAM$", text, re.M)
    job = ExportJob.objects.get()
    assert job.status == "done" and job.requested_by.username == ASSESSOR
    sign_out(page, base, from_home=True)

    # 3. A Kanwil user: not the assessor's file, not the national ranking, not
    #    another province's ranking.
    sign_in_home(page, base, VERIFIER)
    response = page.goto(base + f"/penilaian/ekspor/{job.pk}/unduh/")
    assert response is not None and response.status == 404
    page.goto(base + "/penilaian/peringkat/2026/")
    exports = page.locator("#exports")
    expect(exports).to_contain_text("Peringkat provinsi")
    expect(exports).not_to_contain_text("Peringkat nasional")
    page.goto(base + "/penilaian/ekspor/")
    form = page.locator("#export-form")
    form.get_by_label("Jenis").select_option("ranking_province")
    # The menu offers only Jawa Tengah; forge Sulawesi Tengah into it.
    page.evaluate(
        """() => {
        const select = document.querySelector('#export-form [name=province]');
        select.add(new Option('Sulawesi Tengah', '72'));
        select.value = '72';
    }"""
    )
    form.get_by_role("button", name="Buat ekspor").click()
    expect(
        page.locator("main").get_by_role("heading", name="Halaman tidak ditemukan")
    ).to_be_visible()
    shot(page, JOURNEY, 3)
    verifier = User.objects.get(username=VERIFIER)
    assert not ExportJob.objects.filter(requested_by=verifier).exists()
