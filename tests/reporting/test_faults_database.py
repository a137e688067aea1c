"""PostgreSQL lost in the middle of a save: a clear 503 page and nothing half-saved.

The connection is really cut: another connection calls pg_terminate_backend on the
request's own server process just before one of its writes.
"""

from __future__ import annotations

import contextlib
import time

import psycopg2
import pytest
from django.db import connection
from django.urls import reverse

from notices.models import Notification
from outbox.models import OutboxTask
from reporting.models import Answer, Assessment, ReviewEvent
from tests.cast import approve

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs a database server whose connection can be cut; SQLite is a file",
    ),
]

WRITES = ("INSERT", "UPDATE", "DELETE")


def _terminate(pid: int) -> None:
    db = connection.settings_dict
    killer = psycopg2.connect(
        dbname=db["NAME"],
        user=db["USER"],
        password=db["PASSWORD"] or None,
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
    )
    killer.autocommit = True
    with killer.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        for _ in range(100):  # until the server process is really gone
            cursor.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid])
            if cursor.fetchone() is None:
                break
            time.sleep(0.05)
    killer.close()


@contextlib.contextmanager
def database_lost_at_write(number: int, table: str = "reporting_"):
    """Cut this process's connection just before its n-th write to ``table``."""
    seen = {"writes": 0, "cut": False}

    def wrapper(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(WRITES) and f'"{table}' in sql:
            seen["writes"] += 1
            if seen["writes"] == number and not seen["cut"]:
                seen["cut"] = True
                _terminate(context["connection"].connection.info.backend_pid)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield seen
    connection.close()  # the next query opens a fresh connection


def _assert_clear_503(response) -> None:
    assert response.status_code == 503
    body = response.content.decode()
    assert "Basis data sementara tidak dapat dihubungi" in body
    assert "Tidak ada perubahan yang tersimpan sebagian" in body
    assert response["Retry-After"] == "60"


def test_answer_save_with_the_database_gone_answers_503_and_saves_nothing(
    client_for, operator, dinkes_answer
):
    client = client_for(operator)
    before = Answer.objects.get(pk=dinkes_answer.pk)
    with database_lost_at_write(1, "reporting_answer") as seen:
        response = client.post(
            reverse("reporting:answer-save", args=[dinkes_answer.pk]),
            {
                f"a{dinkes_answer.pk}-raw_value": "45",
                f"a{dinkes_answer.pk}-note": "catatan",
                f"a{dinkes_answer.pk}-version": str(before.version),
            },
        )
    assert seen["cut"]
    _assert_clear_503(response)
    after = Answer.objects.get(pk=dinkes_answer.pk)
    assert (after.raw_value, after.note, after.version) == (
        before.raw_value,
        before.note,
        before.version,
    )
    # The database is back: the same save now works.
    client = client_for(operator)
    ok = client.post(
        reverse("reporting:answer-save", args=[dinkes_answer.pk]),
        {
            f"a{dinkes_answer.pk}-raw_value": "45",
            f"a{dinkes_answer.pk}-note": "catatan",
            f"a{dinkes_answer.pk}-version": str(before.version),
        },
    )
    assert ok.status_code == 302
    assert Answer.objects.get(pk=dinkes_answer.pk).raw_value == "45"


def test_submission_cut_halfway_leaves_nothing_half_saved(
    client_for, assessment, regency_staff, verifier
):
    approve(assessment, regency_staff)
    statuses = dict(assessment.answers.values_list("pk", "status"))
    events = ReviewEvent.objects.count()
    client = client_for(regency_staff)
    # Cut at the assessment's own event: every answer's event, status and version
    # (three writes) are already in the transaction.
    with database_lost_at_write(4) as seen:
        response = client.post(
            reverse("reporting:submit", args=[assessment.pk]), {"confirm": "yes"}
        )
    assert seen["cut"]
    _assert_clear_503(response)
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.DRAFT
    assert assessment.submitted_at is None
    assert dict(assessment.answers.values_list("pk", "status")) == statuses
    assert ReviewEvent.objects.count() == events
    assert not Notification.objects.exists()
    assert not OutboxTask.objects.exists()


def test_database_lost_after_the_save_while_middleware_stores_the_session(
    client_for, operator, dinkes_answer
):
    """The save committed; the session write that follows fails in the middleware.

    Django reports it as an interrupted session (400); the 400 handler finds the lost
    connection behind it and answers the same 503 page. The answer is saved whole.
    """
    client = client_for(operator)
    client.raise_request_exception = False  # a middleware failure is handled
    with database_lost_at_write(1, "django_session") as seen:
        response = client.post(
            reverse("reporting:answer-save", args=[dinkes_answer.pk]),
            {
                f"a{dinkes_answer.pk}-raw_value": "45",
                f"a{dinkes_answer.pk}-note": "",
                f"a{dinkes_answer.pk}-version": str(dinkes_answer.version),
            },
        )
    assert seen["cut"]
    _assert_clear_503(response)
    saved = Answer.objects.get(pk=dinkes_answer.pk)
    assert (saved.raw_value, saved.version) == ("45", dinkes_answer.version + 1)
