"""Dependency audit: pip-audit over the installed packages, with a clear verdict.

- A known vulnerability that is not listed (with its reason) in `audit-ignore.txt`
  fails the audit.
- If the vulnerability service cannot be reached (pip-audit then skips every
  package), the audit says "NOT AUDITED" loudly and passes, so CI on a machine
  without that service does not fail at random; set AUDIT_STRICT=1 to fail instead.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IGNORE_FILE = ROOT / "audit-ignore.txt"


def ignored_ids() -> dict[str, str]:
    """`ID  # reason` per line; a line without a reason is refused."""
    ids = {}
    for line in IGNORE_FILE.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        vuln, _, reason = line.partition("#")
        if not reason.strip():
            sys.exit(f"audit-ignore.txt: {vuln.strip()} needs a reason after '#'.")
        ids[vuln.strip()] = reason.strip()
    return ids


def run_pip_audit(service: str) -> dict | None:
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        result = subprocess.run(  # noqa: S603 - fixed arguments
            [
                sys.executable,
                "-m",
                "pip_audit",
                "--progress-spinner",
                "off",
                "--skip-editable",
                "--vulnerability-service",
                service,
                "--format",
                "json",
                "--output",
                out.name,
            ],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        try:
            return json.loads(Path(out.name).read_text() or "null")
        except json.JSONDecodeError:
            print(result.stderr[-2000:], file=sys.stderr)
            return None


def unaccepted(audited: list[dict], ignore: dict[str, str]) -> list[tuple]:
    """(name, version, id, fixed versions) of every vulnerability not accepted."""
    return [
        (d["name"], d["version"], v["id"], v.get("fix_versions", []))
        for d in audited
        for v in d.get("vulns", [])
        if v["id"] not in ignore and not set(v.get("aliases", [])) & set(ignore)
    ]


def main() -> int:
    ignore = ignored_ids()
    for service in ("pypi", "osv"):
        report = run_pip_audit(service)
        deps = (report or {}).get("dependencies", [])
        audited = [d for d in deps if "skip_reason" not in d]
        if audited:
            break
        print(
            f"pip-audit: the {service} vulnerability service answered for no package."
        )
    else:
        print(
            "NOT AUDITED: no vulnerability service could be reached from this machine."
        )
        return 1 if os.environ.get("AUDIT_STRICT") == "1" else 0
    found = unaccepted(audited, ignore)
    skipped = len(deps) - len(audited)
    print(f"pip-audit ({service}): {len(audited)} packages audited, {skipped} skipped.")
    for name, version, vuln, fixes in found:
        print(
            f"VULNERABLE {name} {version}: {vuln} (fixed in {', '.join(fixes) or '—'})"
        )
    for vuln, reason in ignore.items():
        print(f"accepted {vuln}: {reason}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
