"""Evidence previews cannot be used to exhaust the server.

Real files and the real renderer (poppler's pdftoppm): a small PDF whose compressed
content stream unpacks into 30 million drawing operations, which costs about 20 s of
CPU per request when drawn without limits.
"""

from __future__ import annotations

import re
import resource
import time

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from reporting.services.evidence import evidence_attach
from tests.files import pdf_upload, upload
from tests.pdfs import hostile_pdf
from tests.storage import stored_names

pytestmark = pytest.mark.django_db

PREVIEW_IMG = re.compile(r'<img class="evidence-preview"[^>]* src="([^"]+)"')


@pytest.fixture(scope="module")
def hostile() -> bytes:
    return hostile_pdf(30_000_000)


@pytest.fixture
def limits(settings):
    settings.PREVIEW_CPU_SECONDS = 1
    settings.PREVIEW_WALL_SECONDS = 30
    settings.PREVIEW_MEMORY_MB = 512
    settings.PREVIEW_PER_PAGE = 10
    return settings


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _review(assessment) -> str:
    return reverse("admin:reporting_assessment_review", args=[assessment.pk])


def _view_like_a_browser(client, url, capture) -> str:
    """The review page, then every preview image it shows, as a browser loads them."""
    with capture(execute=True):
        page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    for src in PREVIEW_IMG.findall(html):
        client.get(src)
    return html


def _drawn(settings) -> list[str]:
    return [name for name in stored_names(folder="previews") if name.endswith(".png")]


def _stamps(names: list[str]) -> list:
    return [default_storage.get_modified_time(name) for name in names]


def test_a_hostile_pdf_costs_the_cpu_limit_once_and_its_failure_is_kept(
    client_for,
    verifier,
    operator,
    dinkes_answer,
    limits,
    hostile,
    django_capture_on_commit_callbacks,
):
    assert len(hostile) < 1_000_000  # small on disk
    evidence = evidence_attach(
        answer=dinkes_answer, uploads=[upload("bom.pdf", hostile)], actor=operator
    ).stored[0]
    client = client_for(verifier)
    page = _review(dinkes_answer.assessment)
    preview = reverse("reporting:evidence-preview", args=[evidence.pk])

    before = _children_cpu()
    first = _view_like_a_browser(client, page, django_capture_on_commit_callbacks)
    spent_first = _children_cpu() - before
    # RLIMIT_CPU stops the renderer at 1 s (SIGKILL one second later at the latest).
    assert spent_first < 2.5, f"{spent_first:.1f} s of CPU for one view"
    # The worker draws after the page has answered: the page shows a placeholder.
    assert "Pratinjau sedang dibuat" in first

    before = _children_cpu()
    started = time.monotonic()
    again = _view_like_a_browser(client, page, django_capture_on_commit_callbacks)
    response = client.get(preview)
    assert _children_cpu() - before < 0.05  # nothing was drawn again
    assert time.monotonic() - started < 2
    assert "Pratinjau tidak tersedia." in again
    assert response.status_code == 404
    assert "Pratinjau tidak tersedia." in response.content.decode()
    # The file itself is still there for whoever needs it.
    download = client.get(reverse("reporting:evidence-download", args=[evidence.pk]))
    assert download.status_code == 200

    from files.models import Preview

    row = Preview.objects.get(sha256=evidence.sha256)
    assert row.status == Preview.Status.FAILED
    assert row.reason.startswith("cpu-limit")
    assert row.cpu_seconds < 2.5


@pytest.mark.usefixtures("storage_backend")
def test_one_page_view_draws_at_most_preview_per_page_files(
    client_for,
    verifier,
    operator,
    dinkes_answer,
    limits,
    django_capture_on_commit_callbacks,
):
    limits.PREVIEW_PER_PAGE = 2
    evidence_attach(
        answer=dinkes_answer,
        uploads=[pdf_upload(f"sk-{n}.pdf", extra=b"%% %d\n" % n) for n in range(5)],
        actor=operator,
    )
    client = client_for(verifier)
    html = _view_like_a_browser(
        client, _review(dinkes_answer.assessment), django_capture_on_commit_callbacks
    )
    assert len(_drawn(limits)) == 2
    # Two placeholders (drawn after the page answered), a button for each other file.
    assert html.count('data-preview="pending"') == 2
    assert html.count('data-preview="none"') == 3
    assert html.count('value="Tampilkan pratinjau"') == 3
    # The next view shows the two drawn files and queues two more.
    with django_capture_on_commit_callbacks(execute=True):
        html = client.get(_review(dinkes_answer.assessment)).content.decode()
    assert len(PREVIEW_IMG.findall(html)) == 2
    assert len(_drawn(limits)) == 4


@pytest.mark.usefixtures("storage_backend")
def test_tampilkan_pratinjau_draws_that_file_once(
    client_for,
    verifier,
    operator,
    dinkes_answer,
    limits,
    django_capture_on_commit_callbacks,
):
    limits.PREVIEW_PER_PAGE = 1
    first, second = evidence_attach(
        answer=dinkes_answer,
        uploads=[pdf_upload("a.pdf", b"%% a\n"), pdf_upload("b.pdf", b"%% b\n")],
        actor=operator,
    ).stored
    client = client_for(verifier)
    assessment = dinkes_answer.assessment
    with django_capture_on_commit_callbacks(execute=True):
        client.get(_review(assessment))
    url = reverse("admin:reporting_assessment_previews", args=[assessment.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"evidence": second.pk})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#jawaban-{dinkes_answer.pk}")
    preview = client.get(reverse("reporting:evidence-preview", args=[second.pk]))
    assert preview.content.startswith(b"\x89PNG")
    drawn = _drawn(limits)
    assert len(drawn) == 2
    stamps = _stamps(drawn)

    from files.models import Preview
    from outbox.models import OutboxTask

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"evidence": second.pk})
        client.post(url, {"evidence": first.pk})
    assert _stamps(_drawn(limits)) == stamps
    assert Preview.objects.count() == 2
    assert not OutboxTask.objects.exists()


@pytest.mark.parametrize("raw", ["", "abc", "²", "9" * 30, "999999"])
def test_tampilkan_pratinjau_with_a_bad_file_number_says_so(
    client_for, verifier, submitted, raw
):
    url = reverse("admin:reporting_assessment_previews", args=[submitted.pk])
    response = client_for(verifier).post(url, {"evidence": raw}, follow=True)
    assert response.status_code == 200
    assert "Berkas tidak ditemukan." in response.content.decode()


def test_tampilkan_pratinjau_is_scoped_to_the_verifiers_province(
    client_for, foreign_verifier, operator, dinkes_answer
):
    from files.models import Preview

    evidence = evidence_attach(
        answer=dinkes_answer, uploads=[pdf_upload()], actor=operator
    ).stored[0]
    url = reverse(
        "admin:reporting_assessment_previews", args=[dinkes_answer.assessment_id]
    )
    response = client_for(foreign_verifier).post(url, {"evidence": evidence.pk})
    assert response.status_code == 404
    assert not Preview.objects.exists()


def test_a_renderer_over_its_memory_limit_is_stopped(tmp_path):
    from files.drawing import Limits, render_pdf_first_page
    from tests.files import PDF

    source = tmp_path / "sk.pdf"
    source.write_bytes(PDF)
    assert render_pdf_first_page(source, Limits(5, 30, 512)).png.startswith(b"\x89PNG")
    starved = render_pdf_first_page(source, Limits(5, 30, 8))
    assert starved.png is None
    assert starved.reason.startswith("memory-limit")


def test_a_renderer_over_its_wall_time_is_killed(tmp_path, hostile):
    from files.drawing import Limits, render_pdf_first_page

    source = tmp_path / "bom.pdf"
    source.write_bytes(hostile)
    started = time.monotonic()
    result = render_pdf_first_page(source, Limits(60, 1, 512))
    assert time.monotonic() - started < 3
    assert result.png is None
    assert result.reason.startswith("wall-limit")


@pytest.mark.usefixtures("storage_backend")
def test_a_second_run_of_the_drawing_task_does_nothing(operator, dinkes_answer, limits):
    from files.models import Preview
    from files.tasks import render_preview

    evidence = evidence_attach(
        answer=dinkes_answer, uploads=[pdf_upload()], actor=operator
    ).stored[0]
    row = Preview.objects.create(sha256=evidence.sha256, size=evidence.size)
    assert render_preview(row.pk) == Preview.Status.DONE
    done = Preview.objects.get(pk=row.pk)
    assert render_preview(row.pk) is None  # a redelivered message
    assert Preview.objects.get(pk=row.pk).finished_at == done.finished_at


def test_a_drawing_left_running_by_a_dead_worker_fails_and_is_not_drawn_again(
    operator, dinkes_answer, limits
):
    import datetime

    import time_machine
    from django.utils import timezone

    from files.models import Preview
    from files.services.previews import preview_render, preview_states

    evidence = evidence_attach(
        answer=dinkes_answer, uploads=[pdf_upload()], actor=operator
    ).stored[0]
    started = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
    row = Preview.objects.create(
        sha256=evidence.sha256,
        size=evidence.size,
        status=Preview.Status.RUNNING,
        started_at=started,
    )
    with time_machine.travel(started + datetime.timedelta(seconds=30), tick=False):
        assert preview_states([evidence])[evidence.pk] == Preview.Status.RUNNING
        assert preview_render(preview_id=row.pk) is None  # the first task still draws
        assert Preview.objects.get(pk=row.pk).status == Preview.Status.RUNNING
    later = started + datetime.timedelta(seconds=30 + 60 + 1)
    with time_machine.travel(later, tick=False):
        assert preview_states([evidence])[evidence.pk] == Preview.Status.FAILED
        assert preview_render(preview_id=row.pk) is None
        row.refresh_from_db()
        assert row.status == Preview.Status.FAILED
        assert row.reason.startswith("interrupted")
        assert row.finished_at == timezone.now()


@pytest.mark.usefixtures("storage_backend")
def test_a_lost_png_is_drawn_again_on_the_next_review(
    client_for,
    verifier,
    operator,
    dinkes_answer,
    limits,
    django_capture_on_commit_callbacks,
):
    evidence = evidence_attach(
        answer=dinkes_answer, uploads=[pdf_upload()], actor=operator
    ).stored[0]
    client = client_for(verifier)
    page = _review(dinkes_answer.assessment)
    url = reverse("reporting:evidence-preview", args=[evidence.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.get(page)
    for png in _drawn(limits):
        default_storage.delete(png)  # e.g. media restored without previews/
    assert client.get(url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        client.get(page)
    assert client.get(url).content.startswith(b"\x89PNG")
