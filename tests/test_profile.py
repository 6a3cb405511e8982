"""The office profile's rules: the next 发文字号, the letter defaults, the jurisdiction it gives."""
from __future__ import annotations

import datetime as dt

import pytest

from commenting.profile import OfficeProfile, jurisdiction_of, letter_defaults, next_doc_number, pattern_problem
from commenting.settings import Jurisdiction

PATTERN = "衡市监函〔{year}〕{n}号"
DAY = dt.date(2026, 5, 4)


def test_the_first_number_of_a_year_is_1():
    assert next_doc_number(PATTERN, [], DAY) == "衡市监函〔2026〕1号"
    # last year's numbers do not count in a new year
    assert next_doc_number(PATTERN, ["衡市监函〔2025〕37号"], DAY) == "衡市监函〔2026〕1号"


def test_the_next_number_follows_the_highest_of_the_year():
    used = ["衡市监函〔2026〕3号", "衡市监函〔2026〕12号", "衡市监函〔2026〕7号", "衡市监函〔2025〕40号"]
    assert next_doc_number(PATTERN, used, DAY) == "衡市监函〔2026〕13号"


def test_numbers_typed_with_other_brackets_or_spaces_count():
    used = ["衡市监函[2026]5号", "衡市监函（2026）6号", " 衡市监函 〔2026〕 8号 "]
    assert next_doc_number(PATTERN, used, DAY) == "衡市监函〔2026〕9号"


def test_numbers_of_other_patterns_do_not_count():
    used = ["衡市监法函〔2026〕30号", "湘市监函〔2026〕31号", "衡市监函〔2026〕二号", "某某"]
    assert next_doc_number(PATTERN, used, DAY) == "衡市监函〔2026〕1号"


def test_zero_padded_numbers():
    assert next_doc_number("衡市监函〔{year}〕{n:03d}号", ["衡市监函〔2026〕009号"], DAY) == "衡市监函〔2026〕010号"


def test_an_empty_or_unusable_pattern_proposes_nothing():
    assert next_doc_number("", ["衡市监函〔2026〕1号"], DAY) == ""
    assert next_doc_number("衡市监函〔{year}〕号", [], DAY) == ""


def test_the_year_defaults_to_this_year():
    assert next_doc_number(PATTERN, []) == f"衡市监函〔{dt.date.today().year}〕1号"


@pytest.mark.parametrize("pattern, ok", [
    (PATTERN, True), ("{year}年第{n}号", True), ("", True),
    ("衡市监函〔{year}〕号", False), ("衡市监函{n}号", False), ("{year}{n}{n}", False), ("{x}{year}{n}", False),
])
def test_pattern_problem(pattern, ok):
    assert (pattern_problem(pattern) is None) == ok


def test_letter_defaults_from_the_profile():
    p = OfficeProfile(name="衡阳市市场监督管理局", contact="李四", phone="0734-8888888", doc_number_pattern=PATTERN)
    assert letter_defaults(p, ["衡市监函〔2026〕2号"], DAY) == {
        "sender": "衡阳市市场监督管理局", "contact": "李四", "phone": "0734-8888888", "doc_number": "衡市监函〔2026〕3号"}
    p.signature = "衡阳市市场监督管理局办公室"
    assert letter_defaults(p, [], DAY)["sender"] == "衡阳市市场监督管理局办公室"
    assert letter_defaults(OfficeProfile(), [], DAY) == {}


def test_the_profiles_place_is_the_jurisdiction_unless_the_environment_sets_one(monkeypatch):
    monkeypatch.delenv("COMMENTING_PROVINCE", raising=False)
    monkeypatch.delenv("COMMENTING_CITY", raising=False)
    assert jurisdiction_of(OfficeProfile(province="广东省", city="广州市")) == Jurisdiction("广东省", "广州市")
    assert jurisdiction_of(OfficeProfile(province="广东省")) == Jurisdiction("广东省", None)
    assert jurisdiction_of(OfficeProfile()) == Jurisdiction("湖南省", "衡阳市")  # nothing set: the default
    monkeypatch.setenv("COMMENTING_PROVINCE", "湖北省")
    assert jurisdiction_of(OfficeProfile(province="广东省", city="广州市")) == Jurisdiction("湖北省", None)
