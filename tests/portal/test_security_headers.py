"""Security headers on real responses, CSRF on every form, and the production profile."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)


def _policy(response) -> dict[str, str]:
    parts = (p.strip() for p in response["Content-Security-Policy"].split(";"))
    return {p.split(" ", 1)[0]: p.partition(" ")[2] for p in parts if p}


@pytest.mark.parametrize("signed_in", [False, True])
def test_pages_carry_a_strict_policy_and_the_usual_headers(
    client, client_for, operator, signed_in
):
    if signed_in:
        response = client_for(operator).get(reverse("portal:home"))
    else:
        response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_staff_console_carries_the_policy(client_for, administrator):
    response = client_for(administrator).get("/admin/")
    assert response.status_code == 200
    assert _policy(response)["frame-ancestors"] == "'none'"


TEMPLATE_DIRS = [ROOT / "templates"] + [
    ROOT / app / "templates"
    for app in ("accounts", "aksiham", "indicators", "regions", "reporting", "portal")
]


def _templates() -> list[Path]:
    """Templates served to browsers. PDF templates (``*/pdf/``) are rendered by
    WeasyPrint on the server and never reach a browser, so the CSP does not apply."""
    return sorted(
        p
        for d in TEMPLATE_DIRS
        if d.is_dir()
        for p in d.rglob("*.html")
        if "pdf" not in p.relative_to(d).parts
    )


def test_templates_have_no_inline_script_style_or_handlers():
    offenders = []
    for path in _templates():
        text = path.read_text()
        for pattern in (
            r"<script(?![^>]*\bsrc=)[^>]*>",
            r"<style\b",
            r"\sstyle=",
            r"\son[a-z]+=",
            r"javascript:",
        ):
            if re.search(pattern, text, flags=re.IGNORECASE):
                offenders.append(f"{path.relative_to(ROOT)}: {pattern}")
    assert offenders == []


def test_every_post_form_in_the_templates_carries_the_csrf_token():
    forms = 0
    missing = []
    for path in _templates():
        text = path.read_text()
        for match in re.finditer(r"<form\b[^>]*>(.*?)</form>", text, flags=re.S | re.I):
            opening = match.group(0).split(">", 1)[0]
            if not re.search(r"method=[\"']?post", opening, flags=re.I):
                continue
            forms += 1
            if "csrf_token" not in match.group(1):
                missing.append(f"{path.relative_to(ROOT)}: {opening[:80]}")
    assert forms >= 20  # the scan really found the forms
    assert missing == []


# The production profile in a fresh interpreter: a real request through its stack.
PROBE = """
import json, django
from django.conf import settings
# Static files are not collected here; the manifest storage is not what is tested.
settings.STORAGES = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
django.setup()
from django.test import Client
client = Client()
plain = client.get("/akun/masuk/")
tls = client.get("/akun/masuk/", headers={"X-Forwarded-Proto": "https"})
print(json.dumps({
    "plain": [plain.status_code, plain.get("Location", "")],
    "tls": [tls.status_code, dict(tls.headers),
            {k: {"secure": bool(v["secure"]), "httponly": bool(v["httponly"])}
             for k, v in tls.cookies.items()}],
    "session": [settings.SESSION_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY],
}))
"""


def test_production_profile_redirects_to_tls_and_sends_hsts(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY="x7#p2!k9vQz$4mWn8rTy6uBc1dEf3gHj5kLm7nPq9sRt0vWx2yZa",
        DJANGO_ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"sqlite:///{tmp_path / 'probe.sqlite3'}",
        PORTAL_VAR_DIR=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    status, location = seen["plain"]
    assert status == 301 and location.startswith("https://testserver/")
    status, headers, cookies = seen["tls"]
    assert status == 200
    assert headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert cookies["csrftoken"] == {"secure": True, "httponly": True}
    assert seen["session"] == [True, True]
