"""The frame: run_all (all rule modules, dedupe, order), review_file_json (the contract) and the report."""
import json
import subprocess
import sys

from commenting.model import Finding
from commenting.review import _dedupe, render_report, review_file_json, run_all
from commenting.review.catalogue import RULES
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
    assert set(out) == {"title", "level", "articles", "findings"}
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


def test_a_failing_check_does_not_lose_the_others(monkeypatch):
    import commenting.review as review_mod

    def broken(ctx):
        raise RuntimeError("boom")

    real = review_mod._all_checks
    monkeypatch.setattr(review_mod, "_all_checks", lambda: [("broken", broken)] + real())
    doc = make_doc("违反本办法规定的，由市场监督管理部门处一万元罚款。")
    found = run_all(doc, FakeCorpus())
    assert any(f.rule == "setting-power" for f in found)


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
