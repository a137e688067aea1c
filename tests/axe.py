"""axe-core in a Playwright page: run the WCAG 2.1 A/AA rules, keep what blocks.

axe-core is a test-only asset: it lives in tests/vendor/axe-core/ (version, source and
licence in its README), outside ``static/``, so ``collectstatic`` never ships it to
users. It is read from disk and evaluated in the page through the DevTools protocol,
which the portal's Content-Security-Policy (``script-src 'self'``) does not govern, so
the pages are checked exactly as they are served, their CSP included.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from playwright.sync_api import Page

AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
BLOCKING = frozenset({"serious", "critical"})

_RUN = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations'],
  });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
}"""


@dataclass(frozen=True)
class Violation:
    page: str
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        shown = ", ".join(self.targets[:8])
        more = f" (+{len(self.targets) - 8} more)" if len(self.targets) > 8 else ""
        return (
            f"{self.page}: {self.rule} [{self.impact}] {self.help} — "
            f"{len(self.targets)} node(s): {shown}{more}"
        )


@cache
def _source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def axe_violations(page: Page, where: str) -> list[Violation]:
    """Every serious or critical WCAG 2.1 A/AA violation on the page as it stands."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_source())
    found = page.evaluate(_RUN, list(WCAG_TAGS))
    return [
        Violation(where, v["id"], v["impact"], v["help"], tuple(v["targets"]))
        for v in found
        if v["impact"] in BLOCKING
    ]
