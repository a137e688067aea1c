"""Both storage backends in tests: the local folder and an S3-protocol server.

The S3 peer is moto's standalone server on loopback: the one `.ci/run` started
(``S3_TEST_ENDPOINT``), or one started here for the session, so a fresh clone's
`make test` runs the S3 tests too. Each test worker has its own bucket and each test
its own prefix in it. Modules that use ``storage_backend`` (usually through
``pytestmark = pytest.mark.usefixtures("storage_backend")``) run every test once per
backend.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from django.core.files.storage import Storage, default_storage

from load.server import free_port, stop
from portal.settings.env import file_storage

ENDPOINT_VARIABLE = "S3_TEST_ENDPOINT"
# moto accepts any keys; these only have to be the same everywhere.
KEY_ID = "peduliham-test"
SECRET = "peduliham-test-secret"
REGION = "us-east-1"
BACKENDS = ["filesystem", "s3"]
# Local copies of stored files for tools that need a path (pdftotext, zipfile).
DOWNLOADS = Path(tempfile.gettempdir()) / f"peduliham-test-downloads-{os.getpid()}"


@contextlib.contextmanager
def moto_server(log: Path) -> Iterator[str]:
    """moto's S3 server on a free loopback port; its URL. Stopped on exit."""
    port = free_port()
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"moto exited:\n{log.read_text()[-2000:]}")
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"{url}/moto-api/data.json", timeout=2).close()  # noqa: S310
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"moto did not answer:\n{log.read_text()[-2000:]}")
            time.sleep(0.1)
        yield url
    finally:
        stop(process, grace=5)


def s3_environment(endpoint: str, bucket: str, prefix: str = "") -> dict[str, str]:
    """The settings' environment variables for a bucket on that server."""
    return {
        "STORAGE_BACKEND": "s3",
        "S3_ENDPOINT_URL": endpoint,
        "S3_BUCKET": bucket,
        "S3_ACCESS_KEY_ID": KEY_ID,
        "S3_SECRET_ACCESS_KEY": SECRET,
        "S3_REGION": REGION,
        "S3_ADDRESSING_STYLE": "path",
        "S3_PREFIX": prefix,
    }


def s3_client(endpoint: str):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=KEY_ID,
        aws_secret_access_key=SECRET,
        region_name=REGION,
    )


def create_bucket(endpoint: str, name: str) -> str:
    s3_client(endpoint).create_bucket(Bucket=name)
    return name


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory) -> Iterator[str]:
    given = os.environ.get(ENDPOINT_VARIABLE, "").strip()
    if given:
        yield given
        return
    with moto_server(tmp_path_factory.mktemp("moto") / "moto.log") as url:
        yield url


@pytest.fixture(scope="session")
def s3_bucket(s3_endpoint) -> str:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    return create_bucket(s3_endpoint, f"peduliham-{worker}-{uuid.uuid4().hex[:8]}")


@pytest.fixture(params=BACKENDS)
def storage_backend(request, settings, monkeypatch) -> Iterator[str]:
    """The default storage for one test: the local folder, or a fresh prefix of
    this worker's bucket. On S3 the test must leave the local folder untouched."""
    if request.param == "s3":
        environment = s3_environment(
            request.getfixturevalue("s3_endpoint"),
            request.getfixturevalue("s3_bucket"),
            prefix=f"t-{uuid.uuid4().hex[:12]}",
        )
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        settings.STORAGES = {
            **settings.STORAGES,
            "default": file_storage(max_memory_size=262_144),
        }
    yield request.param
    if request.param == "s3":
        shutil.rmtree(DOWNLOADS, ignore_errors=True)
        media = Path(settings.MEDIA_ROOT)
        written = [p for p in media.rglob("*") if p.is_file()] if media.exists() else []
        assert written == [], f"written to the local folder on S3: {written}"


def stored_names(storage: Storage | None = None, folder: str = "") -> list[str]:
    """Every file's name in the storage under ``folder``, on either backend."""
    storage = storage or default_storage
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    prefix = f"{folder.rstrip('/')}/" if folder else ""
    names = [prefix + name for name in files]
    for sub in folders:
        names += stored_names(storage, prefix + sub)
    return sorted(names)


def downloaded(file) -> Path:
    """A local copy of a stored file (for tools that read paths)."""
    DOWNLOADS.mkdir(parents=True, exist_ok=True)
    target = DOWNLOADS / f"{uuid.uuid4().hex}{Path(file.name).suffix}"
    with file.open("rb") as source, target.open("wb") as sink:
        shutil.copyfileobj(source, sink)
    return target
