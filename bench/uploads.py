"""Upload figures: a 20 MB scan sent in one request, and the same size sent in 2 MB
tus chunks (`python -m bench.uploads`).

Both go through the WSGI handler from a file on disk, as gunicorn would pass them.
For each: wall time of the whole transfer on loopback (no network cost: this is the
server's own work) and tracemalloc's peak of Python memory. For the chunked upload
also the last PATCH alone: assembling the chunks into one temporary file and the
same checks as a one-request upload (real type, size, duplicate, SHA-256), then
storing it. Times are measured without tracemalloc (it slows allocation), peaks in
a second run with other files.
"""

from __future__ import annotations

import base64
import io
import os
import time
import tracemalloc
from pathlib import Path

from bench.setup import django_for_bench

VAR_DIR = django_for_bench()

from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.data import build  # noqa: E402
from reporting.models import Answer, Evidence  # noqa: E402

SIZE = 20 * 1024 * 1024  # the per-file limit
CHUNK = 2 * 1024 * 1024  # what the page sends per PATCH


def scan(path: Path) -> Path:
    with path.open("wb") as out:
        out.write(b"%PDF-1.4\n")
        remaining = SIZE - 9
        while remaining > 0:
            piece = os.urandom(min(remaining, 1024 * 1024))
            out.write(piece)
            remaining -= len(piece)
    return path


class Wsgi:
    """Requests straight into the WSGI handler with the client's session."""

    def __init__(self, client: Client, answer: Answer) -> None:
        client.get(reverse("reporting:assessment-detail", args=[answer.assessment_id]))
        self.cookies = "; ".join(f"{k}={v.value}" for k, v in client.cookies.items())
        self.csrf = client.cookies["csrftoken"].value
        self.handler = WSGIHandler()

    def __call__(
        self, method: str, path: str, stream, length: int, **headers
    ) -> tuple[str, dict]:
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "HTTP_HOST": "testserver",
            "wsgi.url_scheme": "http",
            "wsgi.input": stream,
            "CONTENT_LENGTH": str(length),
            "HTTP_COOKIE": self.cookies,
            "HTTP_X_CSRFTOKEN": self.csrf,
            **headers,
        }
        seen: dict = {}

        def start(status, response_headers):
            seen["status"] = status
            seen["headers"] = dict(response_headers)

        response = self.handler(environ, start)
        b"".join(response)
        response.close()
        return seen["status"], seen["headers"]


def one_request(wsgi: Wsgi, answer: Answer, source: Path) -> None:
    boundary = "benchboundary"
    body = VAR_DIR / "multipart.bin"
    with body.open("wb") as out, source.open("rb") as data:
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="e{answer.pk}-files"; '
            f'filename="{source.name}"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
        )
        while piece := data.read(1024 * 1024):
            out.write(piece)
        out.write(f"\r\n--{boundary}--\r\n".encode())
    with body.open("rb") as stream:
        wsgi(
            "POST",
            reverse("reporting:evidence-upload", args=[answer.pk]),
            stream,
            body.stat().st_size,
            CONTENT_TYPE=f"multipart/form-data; boundary={boundary}",
        )


class Slice:
    """The next ``length`` bytes of an open file, read as the server asks for them
    (a PATCH body streamed from disk, never held whole by the benchmark)."""

    def __init__(self, data, length: int) -> None:
        self.data, self.left = data, length

    def read(self, size: int = -1) -> bytes:
        size = self.left if size is None or size < 0 else min(size, self.left)
        piece = self.data.read(size)
        self.left -= len(piece)
        return piece

    def readline(self, size: int = -1) -> bytes:
        return self.read(size)


def chunked(wsgi: Wsgi, answer: Answer, source: Path, last: dict) -> None:
    tus = {"HTTP_TUS_RESUMABLE": "1.0.0"}
    name = base64.b64encode(source.name.encode()).decode()
    status, headers = wsgi(
        "POST",
        reverse("reporting:tus-create", args=[answer.pk]),
        io.BytesIO(),
        0,
        HTTP_UPLOAD_LENGTH=str(SIZE),
        HTTP_UPLOAD_METADATA=f"filename {name}",
        **tus,
    )
    assert status.startswith("201"), status
    location = headers["Location"]
    with source.open("rb") as data:
        offset = 0
        while offset < SIZE:
            length = min(CHUNK, SIZE - offset)
            final = offset + length == SIZE
            if final:
                last["started"] = time.perf_counter()
                if tracemalloc.is_tracing():
                    tracemalloc.reset_peak()
                    last["base"] = tracemalloc.get_traced_memory()[0]
            status, _headers = wsgi(
                "PATCH",
                location,
                Slice(data, length),
                length,
                CONTENT_TYPE="application/offset+octet-stream",
                HTTP_UPLOAD_OFFSET=str(offset),
                **tus,
            )
            assert status.startswith("204"), status
            offset += length
        last["seconds"] = time.perf_counter() - last["started"]
        if tracemalloc.is_tracing():
            last["peak"] = tracemalloc.get_traced_memory()[1] - last["base"]


def measure(run, *, traced: bool) -> tuple[float, float]:
    base = 0
    if traced:
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
    started = time.perf_counter()
    run()
    seconds = time.perf_counter() - started
    peak = 0.0
    if traced:
        peak = (tracemalloc.get_traced_memory()[1] - base) / 1024 / 1024
        tracemalloc.stop()
    return seconds, peak


def main() -> None:
    coordinator, assessment_pk = build()
    client = Client()
    client.force_login(coordinator, backend="django.contrib.auth.backends.ModelBackend")
    answers = list(
        Answer.objects.filter(assessment_id=assessment_pk).order_by("pk")[:4]
    )
    wsgi = Wsgi(client, answers[0])
    files = [scan(VAR_DIR / f"pindaian-{n}.pdf") for n in range(4)]
    print(f"Upload benchmark: one {SIZE / 1024 / 1024:.0f} MB scan, WSGI on loopback")
    timed: dict = {}
    seconds, _ = measure(lambda: one_request(wsgi, answers[0], files[0]), traced=False)
    _, peak = measure(lambda: one_request(wsgi, answers[1], files[1]), traced=True)
    print(
        f"  one request (multipart): {seconds:.2f} s, peak Python memory {peak:.2f} MB"
    )
    seconds, _ = measure(
        lambda: chunked(wsgi, answers[2], files[2], timed), traced=False
    )
    traced: dict = {}
    _, peak = measure(lambda: chunked(wsgi, answers[3], files[3], traced), traced=True)
    print(
        f"  tus, {SIZE // CHUNK} chunks of {CHUNK // 1024 // 1024} MB: {seconds:.2f} s, "
        f"peak Python memory {peak:.2f} MB"
    )
    print(
        f"    of which the last PATCH (assemble, check, store): "
        f"{timed['seconds']:.2f} s, peak {traced['peak'] / 1024 / 1024:.2f} MB"
    )
    stored = Evidence.objects.filter(answer__in=answers).count()
    assert stored == 4, f"{stored} of 4 uploads stored"


if __name__ == "__main__":
    main()
