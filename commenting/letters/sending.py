"""Sending the reply letter: the fields it takes from the office profile, the 落款 check, and the
consultation's 已反馈 / 反馈日期 once the letter went out.

The letter's own fields are saved per consultation (``Store.save_letter_info``); a field the
reviewer saved, even emptied, is the letter's, the profile only fills the ones never saved.
"""
from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from typing import Iterable

from commenting.model import Consultation
from commenting.profile import OfficeProfile, letter_defaults

#: the status a consultation takes when its reply letter is exported
REPLIED = "已反馈"

#: the letter fields the office profile supplies (LetterInfo names)
FROM_PROFILE = ("sender", "contact", "phone", "doc_number")

NO_SENDER_WARNING = ("本函没有落款单位（发文机关署名）。按 GB/T 9704，公文应当署发文机关全称或规范化简称；"
                     "请在「落款单位」中填写，或在「单位设置」中填写单位名称或默认落款。")


def letter_fields(saved: dict[str, str], profile: OfficeProfile, used_numbers: Iterable[str],
                  today: dt.date | None = None) -> dict[str, str]:
    """The letter's fields: those saved for it, over the profile's defaults (落款单位, 联系人,
    联系电话, the next 发文字号) for the fields never saved.

    Args:
        saved: the consultation's letter fields as stored.
        profile: the office profile.
        used_numbers: 发文字号 other letters already have (``Store.used_doc_numbers``).
        today: the letter's day (the 发文字号's year).
    """
    defaults = letter_defaults(profile, used_numbers, today)
    return {**{k: v for k, v in defaults.items() if k not in saved}, **saved}


def unsaved_defaults(saved: dict[str, str], fields: dict[str, str]) -> dict[str, str]:
    """The profile's values the letter shows but that were never saved for it: kept with the
    letter when it is exported, so that it keeps them (and its 发文字号 is taken) whatever the
    profile says later."""
    return {k: fields[k] for k in FROM_PROFILE if k not in saved and fields.get(k)}


def replied_changes(c: Consultation, day: dt.date) -> dict[str, str]:
    """What exporting the reply letter on ``day`` changes in the register: the status becomes
    已反馈 and 反馈日期 is set — the first export's day, a later export does not move it."""
    changes = {}
    if c.status != REPLIED:
        changes["status"] = REPLIED
    if not c.replied_on:
        changes["replied_on"] = day.isoformat()
    return changes


def set_replied_on(c: Consultation, day: dt.date | None) -> dict[str, str]:
    """What the reviewer's own 反馈日期 changes: the day itself (a day also means the letter went
    out, so the status becomes 已反馈); None clears the day and leaves the status."""
    if day is None:
        return {"replied_on": ""} if c.replied_on else {}
    changes = {"replied_on": day.isoformat()} if c.replied_on != day.isoformat() else {}
    if c.status != REPLIED:
        changes["status"] = REPLIED
    return changes


class ExportCache:
    """The files last exported, by everything they were made from (the comments' stored versions,
    the letter's fields, the profile's values): a page drawn again with nothing changed does not
    build the .docx again, and a change of any of these builds a new one. Thread-safe; keeps the
    ``size`` most recently used files."""

    def __init__(self, size: int = 24):
        self.size = size
        self._files: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self.built = 0  # files made (not found in the cache), for the bench and the tests

    def get(self, key: tuple, make):
        """The file for ``key``, made by ``make()`` when it is not kept yet."""
        with self._lock:
            if key in self._files:
                self._files.move_to_end(key)
                return self._files[key]
        value = make()  # outside the lock: another session's export need not wait for this one
        with self._lock:
            self.built += 1
            self._files[key] = value
            while len(self._files) > self.size:
                self._files.popitem(last=False)
        return value
