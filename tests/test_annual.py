"""The year's figures, counted from a store built in the test (expected numbers by hand, see
year_fixtures), the paragraph, and the .docx read back."""
from __future__ import annotations

import io

import docx
import pytest

from commenting.annual import annual_docx, paragraph, percent, year_figures, years
from commenting.cli import main
from commenting.store import Store

from year_fixtures import LAW, OTHER_LAW, build_year_store


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "store.db")
    build_year_store(s)
    yield s
    s.close()


def test_year_figures(store):
    f = year_figures(store, 2026)
    assert [r.consultation.title for r in f.rows] == ["甲办法", "乙办法", "丙办法"]  # 戊 is in the bin
    assert f.by_sender == {"市司法局": 2, "省市场监管局": 1}
    assert f.by_level == {"地方政府规章": 1, "部门规章": 1, "规范性文件": 1}  # 甲's level as set on the form
    # withdrawn, 无意见 and the next round's copy are not comments made
    assert f.comments == 5
    assert f.by_rule == {"人工意见": 3, "处罚种类不合法": 1, "超越设定权限": 1}
    assert f.by_law == {LAW: 3, OTHER_LAW: 1}
    # a2 was not adopted in round 2 but its copy was in round 3: the latest result counts
    assert f.outcomes == {"已采纳": 2, "部分采纳": 1, "无法定位": 1}
    assert (f.assessed, f.adopted, f.partly_adopted, f.adoption_rate) == (4, 2, 1, 0.75)
    assert (f.answered, f.on_time, f.on_time_rate) == (2, 1, 0.5)
    assert years(store) == [2026, 2025]
    assert year_figures(store, 2025).comments == 1


def test_paragraph_says_the_figures(store):
    text = paragraph(year_figures(store, 2026))
    assert text == (
        "2026年度，共收到市司法局、省市场监管局征求意见稿3件（其中地方政府规章1件、规范性文件1件、部门规章1件），"
        "提出修改意见5条，已采纳2条、部分采纳1条，采纳率75%（按已收到修改稿的4条意见计）。"
        "已反馈2件，其中按期反馈1件，按期反馈率50%。"
    )
    assert paragraph(year_figures(store, 2024)) == "2024年度未收到征求意见稿。"
    assert percent(2 / 3) == "66.7%"


def test_paragraph_names_three_senders_and_the_rest_as_others(store):
    from commenting.model import Consultation

    for sender in ("市政府办公室", "市发展改革委"):
        store.add_consultation(Consultation(title=f"{sender}来文", sender=sender, received="2026-08-01"))
    text = paragraph(year_figures(store, 2026))
    assert text.startswith("2026年度，共收到市司法局、市发展改革委、市政府办公室等单位征求意见稿5件（其中")


def test_docx_holds_the_paragraph_and_tables(store):
    f = year_figures(store, 2026)
    d = docx.Document(io.BytesIO(annual_docx(f)))
    texts = [p.text for p in d.paragraphs]
    assert texts[0] == "2026年度征求意见办理情况"
    assert texts[1] == paragraph(f)
    cells = [[c.text for c in row.cells] for row in d.tables[0].rows]
    assert cells == [["来文单位", "件数"], ["市司法局", "2"], ["省市场监管局", "1"]]
    rules = [[c.text for c in row.cells] for row in d.tables[2].rows]
    assert rules[1] == ["人工意见", "3"]


def test_cli_prints_and_writes(store, tmp_path, capsys):
    out = tmp_path / "年度统计.docx"
    assert main(["annual", "--year", "2026", "--db", str(store.path), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "提出修改意见5条" in printed
    assert docx.Document(str(out)).paragraphs[1].text.startswith("2026年度，共收到")
    assert main(["annual", "--year", "2026", "--db", str(store.path), "-o", str(tmp_path / "无此目录" / "x.docx")]) == 1
    assert "无法写入" in capsys.readouterr().err
