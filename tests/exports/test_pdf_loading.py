"""WeasyPrint and pypdf are loaded when a PDF is drawn, not when a process starts.

Every web process, Celery worker and management command loads the settings, the URL
configuration and the task modules; with WeasyPrint among them a Django process took
4 s to start here instead of 2.5 s (ARCHITECTURE.md, "Where code goes").
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from django.conf import settings

STARTS_LIKE_A_WORKER = """
import json, sys
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns            # every view module, the admin included
from portal.celery import app
app.loader.import_default_modules()    # every tasks module, as a worker does
print(json.dumps({name: name in sys.modules for name in ("weasyprint", "pypdf")}))
"""


def test_a_process_starts_without_the_pdf_libraries():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    started = subprocess.run(
        [sys.executable, "-c", STARTS_LIKE_A_WORKER],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        env=env,
        timeout=120,
    )
    assert started.returncode == 0, started.stderr
    loaded = json.loads(started.stdout.strip().splitlines()[-1])
    assert loaded == {"weasyprint": False, "pypdf": False}
