"""Whole numbers from URLs and forms: ASCII digits only, clamped, never an exception."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from kernel.params import int_param, parse_int, pk_or_none


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("7", 7),
        (" 12 ", 12),
        ("007", 7),
        ("0", 0),
        ("²", None),  # "²".isdigit() is True, int("²") raises
        ("٣", None),  # int("٣") is 3: not what anyone typed into a Latin form
        ("١٢", None),
        ("-1", None),
        ("1.5", None),
        ("1e3", None),
        ("", None),
        ("\x00", None),
        ("1\x00", None),
        (None, None),
        (["1"], None),
    ],
)
def test_parse_int_accepts_only_ascii_digits(raw, expected):
    assert parse_int(raw) == expected


def test_parse_int_clamps_and_never_calls_int_on_thousands_of_digits():
    assert parse_int("9" * 5000, maximum=100) == 100
    assert parse_int("9" * 5000) is None
    assert parse_int("0" * 5000 + "5") == 5
    assert parse_int("500", maximum=100) == 100
    assert parse_int("2", minimum=5) == 5


def test_int_param_reads_the_query_string_with_a_default():
    request = RequestFactory().get("/", {"top": "²", "n": "40"})
    assert int_param(request, "top", 10) == 10
    assert int_param(request, "n", 10, maximum=30) == 30
    assert int_param(request, "absent") is None


@pytest.mark.parametrize("raw", ["abc", "²", "0", "-3", "9" * 19, "9" * 5000, ""])
def test_pk_or_none_refuses_what_no_row_can_have(raw):
    assert pk_or_none(raw) is None


def test_pk_or_none_reads_an_id():
    assert pk_or_none("42") == 42


@pytest.mark.django_db
def test_a_nul_character_in_a_parameter_or_field_is_refused_with_a_message(client):
    """PostgreSQL cannot compare or store NUL: refused before any view reads it."""
    for response in (
        client.get("/healthz", {"scope": "web", "q": "a\x00b"}),
        client.get("/healthz", {"a\x00": "1"}),
        client.get("/wilayah/33%00/"),
        client.post("/i18n/setlang/", {"language": "en", "next": "/\x00"}),
    ):
        assert response.status_code == 400
        assert "berisi karakter yang tidak sah" in response.content.decode()
    assert client.get("/healthz", {"scope": "web"}).status_code == 200
