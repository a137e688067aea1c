"""One run walks the whole year in a real browser, with a real Celery worker.

The country is small (the demo's four kab/kota in three provinces and time zones:
see conftest.py) and the web process no longer runs tasks itself: scores, e-mails and
the PDF come from a worker process on the broker (Redis when REDIS_URL is set, else
the filesystem transport), reading the same test database.

KKPHAM, all in Kota Salatiga (33.73) on the sample catalogue:

1. The administrator opens the draft catalogue with the console's "open" action,
   then opens the year for every kab/kota ("Buka penilaian").
2. The coordinator assigns the indicators; the Dinas Kesehatan operator answers
   three K06 indicators (each card saves itself) and uploads a PDF. The rest of the
   answers and files go in through the services (see kkpham.region_fills).
3. The coordinator records the regional head's approval and submits.
4. The Kanwil returns one answer with a reason and accepts the others; the operator
   corrects it, the coordinator submits again; the Kanwil accepts and forwards.
5. The ministry finalises; the worker computes the score, which the ranking shows.
6. The ministry exports the national ranking as PDF (the worker renders it); its
   text carries the kab/kota and its total.

Aksi HAM, one period (B04) of the sample plan:

7. The coordinator reports action 1 with a file and sends it; the Kanwil accepts it
   in the console; once B04 has closed the ministry scores the period in the
   console, and the kab/kota's grid shows the period score.

Screenshots: tests/artifacts/e2e-<n>-<step>.png, n = 1 … 12.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page

from indicators.models import Catalogue
from notices.models import Notification
from reporting.models import Assessment
from tests.browser.helpers import import_sample_catalogue, open_plan_with_b04_open
from tests.e2e import aksiham, kkpham
from tests.workers import wait_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_the_whole_year(
    page: Page,
    live_server,
    e2e_cast,
    real_worker: subprocess.Popen[str],
    tmp_path: Path,
) -> None:
    base = live_server.url
    draft = import_sample_catalogue()
    assert draft.status == Catalogue.Status.DRAFT

    kkpham.admin_opens_catalogue_and_year(page, base, draft)
    assessment = Assessment.objects.get(catalogue=draft, regency_id=kkpham.REGENCY)
    filled = kkpham.region_fills(page, base, assessment, tmp_path)
    kkpham.coordinator_submits(page, base, assessment, tmp_path)
    returned = kkpham.kanwil_returns_one(page, base, assessment, filled)
    kkpham.region_fixes_and_resubmits(page, base, assessment, returned)
    kkpham.kanwil_accepts_and_forwards(page, base, assessment, returned)
    total = kkpham.ministry_finalises_and_sees_the_score(page, base, assessment)
    kkpham.ministry_exports_the_ranking(page, base, assessment, total, tmp_path)

    plan, b04 = open_plan_with_b04_open()
    report = aksiham.coordinator_reports_action(page, base, plan, b04, tmp_path)
    aksiham.kanwil_accepts(page, base, report)
    aksiham.ministry_scores_the_period(page, base, b04)
    aksiham.grid_shows_the_period_score(page, base, plan)

    # The worker also e-mailed every notice of the assessment (submitted, returned,
    # resubmitted, forwarded), which the web process only recorded.
    notices = Notification.objects.filter(
        about_id=assessment.pk, about_type__model="assessment"
    )
    assert notices.count() >= 4
    assert wait_for(lambda: not notices.filter(emailed_at=None).exists(), 60), list(
        notices.filter(emailed_at=None).values_list("event_key", flat=True)
    )
    assert real_worker.poll() is None, "the worker stopped during the run"
