"""check_restore: a restored portal is whole, or the command says what is missing.

On PostgreSQL a real cycle runs: pg_dump (custom format) and a tar of the media,
pg_restore into a scratch database, untar into a fresh folder, check_restore there.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import uuid
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from reporting.models import Evidence
from reporting.services.evidence import evidence_attach
from tests.cast import approve
from tests.files import docx, pdf_upload, upload

ROOT = Path(settings.BASE_DIR)


@pytest.fixture
def stored(dinkes_answer, operator, assessment, regency_staff):
    """Two evidence files and one approval letter on storage."""
    files = evidence_attach(
        answer=dinkes_answer,
        uploads=[pdf_upload("sk.pdf"), upload("laporan.docx", docx())],
        actor=operator,
    ).stored
    approve(assessment, regency_staff)
    return files


def _check(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("check_restore", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_a_whole_portal_passes_and_lists_its_tables(stored):
    out, _ = _check()
    assert "reporting_evidence: 2" in out
    assert "reporting_approval: 1" in out
    assert "Berkas diperiksa: 3" in out
    assert "Pemulihan utuh" in out


@pytest.mark.django_db
def test_missing_changed_and_resized_files_are_each_reported(stored):
    first, second = stored
    Path(first.file.path).unlink()
    path = Path(second.file.path)
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF  # same size, different bytes
    path.write_bytes(bytes(data))
    approval = Path(second.answer.assessment.approvals.get().file.path)
    approval.write_bytes(approval.read_bytes() + b"x")
    with pytest.raises(CommandError, match="3 masalah"):
        _check()


@pytest.mark.django_db
def test_counts_are_compared_with_the_backup_manifest(stored, tmp_path):
    manifest = tmp_path / "manifest.json"
    call_command("check_restore", "--write-manifest", str(manifest), stdout=StringIO())
    counts = json.loads(manifest.read_text())["counts"]
    assert counts["reporting_evidence"] == 2
    _check("--manifest", str(manifest))
    Evidence.objects.filter(pk=stored[0].pk).delete()
    with pytest.raises(CommandError):
        _check("--manifest", str(manifest))


def _pg_env() -> dict[str, str]:
    db = connection.settings_dict
    env = {
        **os.environ,
        "PGUSER": db["USER"],
        "PGHOST": db["HOST"] or "127.0.0.1",
        "PGPORT": str(db["PORT"] or 5432),
    }
    if db["PASSWORD"]:
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _run(
    *command: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        command,
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump/pg_restore need PostgreSQL"
)
def test_real_dump_and_restore_cycle_passes_the_check(stored, tmp_path):
    source = connection.settings_dict["NAME"]
    scratch = f"{source}_restore_{uuid.uuid4().hex[:6]}"
    env = _pg_env()
    backup = tmp_path / "backup"
    backup.mkdir()
    # Backup: manifest, database, media (docs/operations.md, same commands).
    call_command(
        "check_restore",
        "--write-manifest",
        str(backup / "manifest.json"),
        stdout=StringIO(),
    )
    dump = _run("pg_dump", "-Fc", "-f", str(backup / "portal.dump"), source, env=env)
    assert dump.returncode == 0, dump.stderr
    with tarfile.open(backup / "media.tar.gz", "w:gz") as archive:
        archive.add(settings.MEDIA_ROOT, arcname="media")
    # Restore elsewhere: a new database and a new media folder.
    restored_media = tmp_path / "restored"
    restored_media.mkdir()
    with tarfile.open(backup / "media.tar.gz") as archive:
        archive.extractall(restored_media, filter="data")
    assert _run("createdb", scratch, env=env).returncode == 0
    try:
        restore = _run(
            "pg_restore",
            "--no-owner",
            "-d",
            scratch,
            str(backup / "portal.dump"),
            env=env,
        )
        assert restore.returncode == 0, restore.stderr
        check_env = {
            **env,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "DATABASE_URL": f"postgres://{env['PGUSER']}@{env['PGHOST']}:{env['PGPORT']}/{scratch}",
            "MEDIA_ROOT": str(restored_media / "media"),
        }
        manifest = str(backup / "manifest.json")
        ok = _run(
            sys.executable,
            "manage.py",
            "check_restore",
            "--manifest",
            manifest,
            env=check_env,
        )
        assert ok.returncode == 0, ok.stdout + ok.stderr
        assert "Pemulihan utuh" in ok.stdout
        assert "Berkas diperiksa: 3" in ok.stdout
        # A restore that forgot one file fails loudly.
        Path(restored_media / "media" / stored[0].file.name).unlink()
        broken = _run(
            sys.executable,
            "manage.py",
            "check_restore",
            "--manifest",
            manifest,
            env=check_env,
        )
        assert broken.returncode != 0
        assert "berkas tidak ada" in broken.stderr
    finally:
        _run("dropdb", "--if-exists", scratch, env=env)
        shutil.rmtree(restored_media, ignore_errors=True)
