"""The frame: run_all (all rule modules, dedupe, order), review_file_json (the contract) and the report."""
import json
import subprocess
import sys

from commenting.model import Finding
import pytest

import commenting.review.catalogue as catalogue
from commenting.review import _dedupe, render_report, review, review_file_json, run_all
from commenting.review.catalogue import RULES, Check
from review_fakes import FakeCorpus, FakeObsolete, make_doc

DRAFT = """某市市场监督管理局培训机构管理办法（试行）
（征求意见稿）

第一条　为了规范培训机构经营行为，制定本办法。
第二条　培训机构违反本办法规定的，由工商行政管理部门责令改正，并处一万元罚款。
第三条　依照本办法第九条的规定处理。
第四条　本办法自印发之日起施行。
"""


def test_findings_contract_and_rules(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    corpus = FakeCorpus(obsolete=[FakeObsolete("工商行政管理部门", "市场监督管理部门")])
    out = review_file_json(path, corpus=corpus)
    assert set(out) == {"title", "level", "articles", "findings", "errors"}
    assert out["errors"] == []
    assert out["level"] == "规范性文件" and len(out["articles"]) == 4
    got = {(f["article"], f["rule"]) for f in out["findings"]}
    assert {(2, "setting-power"), (2, "terminology"), (3, "internal-reference"), (4, "validity-period")} <= got
    texts = {a["no"]: a["text"] for a in out["articles"]}
    for f in out["findings"]:
        assert set(f) >= {"rule", "severity", "article", "quote", "basis", "message", "suggestion"}
        assert f["rule"] in RULES and f["severity"] in ("error", "warning", "info")
        assert f["quote"] in texts.get(f["article"], f["quote"])
        assert f["suggestion"].startswith("建议") and "理由：" in f["suggestion"]
    json.dumps(out, ensure_ascii=False)  # serialisable


def test_dedupe_keeps_one_per_article_rule_quote_and_the_most_severe():
    a = Finding("terminology", "info", 3, "工商局")
    b = Finding("terminology", "warning", 3, "工商局")
    c = Finding("penalty-type", "error", 3, "工商局")
    d = Finding("terminology", "warning", 1, "质监局")
    out = _dedupe([a, b, c, d])
    assert [(f.article, f.rule, f.severity) for f in out] == [
        (1, "terminology", "warning"), (3, "penalty-type", "error"), (3, "terminology", "warning")]


def test_a_specific_restated_provision_finding_subsumes_the_generic_obligation_one():
    quote = "组织听证的费用由当事人承担"
    generic = Finding("obligation-without-basis", "error", 7, quote)
    specific = Finding("hearing-rights", "error", 7, "当事人要求听证后，" + quote)
    assert [f.rule for f in _dedupe([generic, specific])] == ["hearing-rights"]
    fee = Finding("setting-power", "error", 7, quote[2:])
    assert [f.rule for f in _dedupe([generic, fee])] == ["setting-power"]
    # a divergence hint, another article or an info finding does not take its place
    for other in (Finding("divergence", "warning", 7, quote), Finding("hearing-rights", "error", 8, quote),
                  Finding("hearing-rights", "info", 7, quote)):
        assert "obligation-without-basis" in [f.rule for f in _dedupe([generic, other])]


@pytest.fixture
def extra_check(monkeypatch):
    """Register one more check for the duration of a test: ``extra_check(fn, *rule_ids)``."""
    def add(fn, *rule_ids):
        monkeypatch.setitem(catalogue._CHECKS, "test." + fn.__name__, Check("test." + fn.__name__, rule_ids, fn))
    return add


def test_a_failing_check_is_an_error_of_the_result_and_the_others_still_report(extra_check):
    def broken(ctx):
        raise RuntimeError("boom")

    extra_check(broken, "terminology")
    doc = make_doc("违反本办法规定的，由市场监督管理部门处一万元罚款。")
    result = run_all(doc, FakeCorpus())
    assert [(e.check, e.error) for e in result.errors] == [("test.broken", "RuntimeError: boom")]
    assert any(f.rule == "setting-power" for f in result.findings)


def test_a_failing_check_shows_in_the_json_and_the_report(tmp_path, extra_check):
    def broken(ctx):
        raise KeyError("第三条")

    extra_check(broken, "numbering")
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    out = review_file_json(path, corpus=FakeCorpus())
    assert out["errors"] == [{"check": "test.broken", "error": "KeyError: '第三条'"}]
    assert out["findings"]  # the other checks still report
    text = render_report(out)
    assert "有 1 项审查未能完成" in text and "test.broken" in text


def test_a_finding_of_an_unknown_or_unregistered_rule_is_an_error_not_silence(extra_check):
    def typo(ctx):
        yield Finding("terminolgy", "warning", 1, "工商局")

    def other(ctx):
        yield Finding("numbering", "warning", 1, "工商局")

    extra_check(typo, "terminology")
    extra_check(other, "terminology")
    result = review(make_doc("工商局负责。"), FakeCorpus())
    errors = {e.check: e.error for e in result.errors}
    assert "未知的规则：terminolgy" in errors["test.typo"]
    assert "未登记的规则：numbering" in errors["test.other"]
    assert not any(f.quote == "工商局" and f.rule in ("terminolgy", "numbering") for f in result.findings)


def test_every_rule_has_a_registered_check():
    registered = {r for c in catalogue.checks() for r in c.rules}
    assert registered == set(RULES)


def test_report_is_chinese_article_by_article():
    result = {"title": "某办法", "level": "规范性文件",
              "articles": [{"no": 2, "label": "第二条"}],
              "findings": [{"rule": "terminology", "severity": "warning", "article": 2, "quote": "工商局",
                            "basis": [{"law": "中华人民共和国行政处罚法", "article": 76}],
                            "message": "旧称。", "suggestion": "建议修改。"}]}
    text = render_report(result)
    assert "【第二条】" in text and "用语不规范" in text and "《中华人民共和国行政处罚法》第七十六条" in text
    assert "未发现问题" in render_report({"title": "某办法", "level": "规范性文件", "articles": [], "findings": []})


def test_cli_unreadable_input_is_one_chinese_line_and_non_zero(tmp_path):
    missing = tmp_path / "nope.docx"
    proc = subprocess.run([sys.executable, "-m", "commenting", "review", str(missing), "--json"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0 and proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误")


def test_level_given_by_the_reviewer_decides_the_setting_power_rows(tmp_path):
    doc = make_doc("违反本办法规定的，由市场监督管理部门处一万元罚款。", level="部门规章")
    assert not any(f.rule == "setting-power" for f in review(doc, FakeCorpus()).findings)
    result = review(doc, FakeCorpus(), level="规范性文件")
    assert result.errors == [] and any(f.rule == "setting-power" for f in result.findings)
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    out = review_file_json(path, corpus=FakeCorpus(), level="部门规章", as_of="2019-06-01")
    assert (out["level"], out["as_of"], out["errors"]) == ("部门规章", "2019-06-01", [])
    assert not any(f["rule"] == "setting-power" for f in out["findings"])
    assert "2019-06-01 施行的版本" in render_report(out)


def test_cli_review_takes_level_and_a_valid_as_of_date():
    from commenting.cli import build_parser

    args = build_parser("review").parse_args(["review", "d.txt", "--level", "部门规章", "--as-of", "2019-06-01"])
    assert (args.level, args.as_of) == ("部门规章", "2019-06-01")
    assert build_parser("review").parse_args(["review", "d.txt"]).as_of is None
    for bad in (["--as-of", "2019-13-01"], ["--level", "通知"]):
        with pytest.raises(SystemExit):
            build_parser("review").parse_args(["review", "d.txt", *bad])
