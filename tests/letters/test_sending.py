"""Sending the reply letter: profile defaults under saved fields, 已反馈 and 反馈日期, the export cache."""
from __future__ import annotations

import datetime as dt

from commenting.letters.sending import ExportCache, letter_fields, replied_changes, set_replied_on, unsaved_defaults
from commenting.model import Consultation
from commenting.profile import OfficeProfile

PROFILE = OfficeProfile(name="衡阳市市场监督管理局", contact="李四", phone="0734-8888888",
                        doc_number_pattern="衡市监函〔{year}〕{n}号")
DAY = dt.date(2026, 5, 4)


def test_a_new_letter_takes_the_profile():
    fields = letter_fields({}, PROFILE, ["衡市监函〔2026〕4号"], DAY)
    assert fields == {"sender": "衡阳市市场监督管理局", "contact": "李四", "phone": "0734-8888888",
                      "doc_number": "衡市监函〔2026〕5号"}
    assert unsaved_defaults({}, fields) == fields


def test_what_was_saved_for_the_letter_wins_even_empty():
    saved = {"sender": "", "contact": "王五", "overall": "原则同意。"}
    fields = letter_fields(saved, PROFILE, [], DAY)
    assert fields["sender"] == "" and fields["contact"] == "王五" and fields["overall"] == "原则同意。"
    assert fields["phone"] == "0734-8888888" and fields["doc_number"] == "衡市监函〔2026〕1号"
    assert unsaved_defaults(saved, fields) == {"phone": "0734-8888888", "doc_number": "衡市监函〔2026〕1号"}


def test_the_first_export_sets_replied_and_its_day():
    c = Consultation(title="某办法", status="审查中")
    assert replied_changes(c, DAY) == {"status": "已反馈", "replied_on": "2026-05-04"}


def test_a_later_export_keeps_the_first_day():
    c = Consultation(title="某办法", status="已反馈", replied_on="2026-05-04")
    assert replied_changes(c, DAY + dt.timedelta(days=9)) == {}
    c.status = "审查中"  # set back by hand: the status follows again, the day stays
    assert replied_changes(c, DAY + dt.timedelta(days=9)) == {"status": "已反馈"}


def test_the_reviewer_can_set_or_clear_the_day():
    c = Consultation(title="某办法", status="已反馈", replied_on="2026-05-04")
    assert set_replied_on(c, dt.date(2026, 5, 2)) == {"replied_on": "2026-05-02"}
    assert set_replied_on(c, dt.date(2026, 5, 4)) == {}
    assert set_replied_on(c, None) == {"replied_on": ""}
    fresh = Consultation(title="某办法")
    assert set_replied_on(fresh, DAY) == {"replied_on": "2026-05-04", "status": "已反馈"}
    assert set_replied_on(fresh, None) == {}


def test_the_export_cache_builds_once_per_inputs():
    cache = ExportCache(size=2)
    made = []

    def make(x):
        return lambda: made.append(x) or f"file{x}".encode()

    assert cache.get(("reply", 1, ((5, 1),)), make(1)) == b"file1"
    assert cache.get(("reply", 1, ((5, 1),)), make(1)) == b"file1"
    assert cache.get(("reply", 1, ((5, 2),)), make(2)) == b"file2"  # a comment changed: built again
    assert made == [1, 2] and cache.built == 2
    cache.get(("reply", 2, ()), make(3))  # the least recently used is dropped
    cache.get(("reply", 1, ((5, 1),)), make(1))
    assert made == [1, 2, 3, 1]
