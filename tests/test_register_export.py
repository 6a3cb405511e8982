"""The register as a real .xlsx, opened with openpyxl and checked cell by cell."""
from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from commenting.cli import main
from commenting.register_export import COLUMNS, register_xlsx
from commenting.store import Store

from year_fixtures import build_year_store


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "store.db")
    build_year_store(s)
    yield s
    s.close()


def _sheet(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).active


def test_register_xlsx_has_the_office_columns(store):
    ws = _sheet(register_xlsx(store, 2026))
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0] == ["来文单位", "文号", "标题", "收到日期", "截止日期", "反馈日期", "状态", "意见条数", "采纳情况"]
    assert all(c.font.bold for c in ws[1])
    assert ws.column_dimensions["C"].width == dict(COLUMNS)["标题"]
    assert [r[2] for r in rows[1:]] == ["甲办法", "乙办法", "丙办法"]
    first = rows[1]
    assert first[0] == "市司法局"
    assert first[3:6] == [dt.datetime(2026, 3, 1), dt.datetime(2026, 3, 10), dt.datetime(2026, 3, 9)]
    assert ws["D2"].is_date and ws["D2"].number_format == "yyyy-mm-dd"
    assert first[6:] == ["已反馈", 2, "已采纳2条"]
    assert rows[2][6:] == ["已反馈", 2, "部分采纳1条，无法定位1条"]
    assert rows[3][5:] == [None, "审查中", 1, "—"]  # no reply yet, no next round


def test_register_xlsx_without_a_year_lists_all_but_the_bin(store):
    ws = _sheet(register_xlsx(store))
    assert [row[2].value for row in ws.iter_rows(min_row=2)] == ["丁办法", "甲办法", "乙办法", "丙办法"]


def test_cli_register_export(store, tmp_path, capsys):
    out = tmp_path / "台账.xlsx"
    assert main(["register-export", "--year", "2026", "--db", str(store.path), "-o", str(out)]) == 0
    assert "已导出" in capsys.readouterr().out
    ws = openpyxl.load_workbook(out).active
    assert ws.max_row == 4 and ws["C2"].value == "甲办法"
