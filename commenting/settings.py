"""Settings of the office using the app.

The office's jurisdiction decides which local regulations are higher law for its drafts. Until the
office profile exists it comes from the environment (``COMMENTING_PROVINCE`` / ``COMMENTING_CITY``),
defaulting to the office this project was first written for.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_PROVINCE = "湖南省"
DEFAULT_CITY = "衡阳市"


@dataclass(frozen=True)
class Jurisdiction:
    """A province (省、自治区、直辖市) and optionally a city within it; ``province=None`` is national."""

    province: str | None = None
    city: str | None = None

    def label(self) -> str:
        return "".join(x for x in (self.province, self.city) if x) or "全国"


def office_jurisdiction() -> Jurisdiction:
    """Where the office sits: the one place that says so (the office profile will supply it later)."""
    province = os.environ.get("COMMENTING_PROVINCE", DEFAULT_PROVINCE).strip() or None
    city = os.environ.get("COMMENTING_CITY", DEFAULT_CITY if province == DEFAULT_PROVINCE else "").strip() or None
    return Jurisdiction(province, city)
