"""The libyaml reader reads the shipped files as PyYAML's safe loader does, and is
as safe."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kernel import yamlfiles

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.yaml")), ids=lambda p: p.name)
def test_the_shipped_files_read_the_same(path: Path):
    text = path.read_text("utf-8")
    assert yamlfiles.safe_load(text) == yaml.safe_load(text)
    assert yamlfiles.safe_load(text.encode("utf-8")) == yaml.safe_load(text)


def test_a_python_tag_is_refused():
    with pytest.raises(yaml.YAMLError):
        yamlfiles.safe_load("a: !!python/object/apply:os.system ['true']")


def test_dates_read_as_dates_as_before():
    import datetime

    assert yamlfiles.safe_load("valid_from: 2025-01-01") == {
        "valid_from": datetime.date(2025, 1, 1)
    }
