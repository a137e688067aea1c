"""CSRF: a post without the token is refused everywhere; the page's token works."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def strict_client(operator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(operator, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_posts_without_the_token_are_refused(strict_client, dinkes_answer, submitted):
    urls = [
        reverse("accounts:logout"),
        reverse("set_language"),
        reverse("reporting:answer-save", args=[dinkes_answer.pk]),
        reverse("reporting:answer-ready", args=[dinkes_answer.pk]),
        reverse("reporting:evidence-upload", args=[dinkes_answer.pk]),
        reverse("reporting:approval", args=[submitted.pk]),
        reverse("reporting:submit", args=[submitted.pk]),
        reverse("admin:reporting_assessment_decide", args=[submitted.pk]),
    ]
    for url in urls:
        response = strict_client.post(url, {"language": "en"})
        assert response.status_code == 403, url


def test_a_post_with_the_token_from_the_page_is_accepted(strict_client, dinkes_answer):
    page = strict_client.get(
        reverse(
            "reporting:category",
            args=[dinkes_answer.assessment_id, dinkes_answer.indicator.category.code],
        )
    )
    token = re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()
    ).group(1)
    response = strict_client.post(
        reverse("reporting:answer-save", args=[dinkes_answer.pk]),
        {
            "csrfmiddlewaretoken": token,
            f"a{dinkes_answer.pk}-raw_value": "45",
            f"a{dinkes_answer.pk}-note": "",
            f"a{dinkes_answer.pk}-version": str(dinkes_answer.version),
        },
    )
    assert response.status_code == 302
    dinkes_answer.refresh_from_db()
    assert dinkes_answer.raw_value == "45"
