"""Settings of the office using the app.

The office's jurisdiction decides which local regulations are higher law for its drafts. It is
the 省/市 of the office profile (单位设置, ``commenting.profile``). The environment variables
``COMMENTING_PROVINCE`` / ``COMMENTING_CITY`` override it when set: a setting a system
administrator made explicitly for this installation wins over the page. With neither, the office
this project was first written for.
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


def office_jurisdiction(province: str | None = None, city: str | None = None) -> Jurisdiction:
    """Where the office sits: the one place that says so.

    Args:
        province, city: the office profile's 省/市 (None when not filled in).

    Returns:
        The environment's place when ``COMMENTING_PROVINCE`` or ``COMMENTING_CITY`` is set (an
        empty ``COMMENTING_PROVINCE`` means national documents only); else the profile's when it
        names a province; else 湖南省衡阳市.
    """
    if jurisdiction_from_environment():
        env_province = os.environ.get("COMMENTING_PROVINCE", DEFAULT_PROVINCE).strip() or None
        default_city = DEFAULT_CITY if env_province == DEFAULT_PROVINCE else ""
        return Jurisdiction(env_province, os.environ.get("COMMENTING_CITY", default_city).strip() or None)
    if province:
        return Jurisdiction(province, city or None)
    return Jurisdiction(DEFAULT_PROVINCE, DEFAULT_CITY)


def jurisdiction_from_environment() -> bool:
    """Whether the environment sets the jurisdiction (the profile's 省/市 then do not apply)."""
    return "COMMENTING_PROVINCE" in os.environ or "COMMENTING_CITY" in os.environ
