"""YAML read with libyaml's parser where PyYAML has it (the same documents, safe
tags only, about ten times faster than the pure-Python parser): the catalogue and
Aksi HAM plan imports, and the Kanwil office list that every region load reads."""

from __future__ import annotations

from typing import Any

import yaml


def safe_load(content: str | bytes) -> Any:
    """``yaml.safe_load``, on libyaml when PyYAML was built with it."""
    if yaml.__with_libyaml__:
        return yaml.load(content, Loader=yaml.CSafeLoader)
    return yaml.safe_load(content)
