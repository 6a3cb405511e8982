"""Every suggestion the engine writes on the labelled drafts (../shared/eval and bench/heldout*) is
one an office can send as it is: a 建议 form, a quote that is in the draft, no doubled punctuation,
no 本法/本条例 carried over from the higher law, a 理由 and, where the finding has a basis, a 依据
naming each law."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from commenting.corpus.testing import small_corpus
from commenting.review import review_file

pytestmark = pytest.mark.shared
REPO = Path(__file__).resolve().parents[2]
FORMS = re.compile(r"^建议(?:将“.+?”修改为“.+?”|删除|在“.+?”(?:后增加|所列情形中补充)|本条表述为：|对照|核对|.)")


def _drafts(shared: Path) -> list[Path]:
    specs = sorted((shared / "eval" / "cases").glob("*/expected.json")) + sorted(REPO.glob("bench/heldout*/cases/*/expected.json"))
    return [p.parent / json.loads(p.read_text(encoding="utf-8"))["file"] for p in specs]


def test_every_suggestion_can_be_sent_as_written(shared_dir, tmp_path_factory):
    corpus = small_corpus(tmp_path_factory.getbasetemp() / "corpus-shared",
                          [REPO / "tests" / "fixtures" / "corpus", shared_dir / "corpus"])
    checked, wrong = 0, []
    for path in _drafts(shared_dir):
        document, result = review_file(path, corpus=corpus)
        assert result.errors == [], (path, result.errors)
        own = document.title + "".join(p.text for p in document.parts) + "".join(a.text for a in document.articles)
        for f in result.findings:
            s, checked = f.suggestion, checked + 1
            proposal = s.split("理由：")[0]
            problems = []
            if not FORMS.match(s):
                problems.append("not a 建议 form")
            if (m := re.match(r"建议将“(.+?)”修改为", s)) and m.group(1) not in own:
                problems.append("quotes text the draft does not have")
            if re.search(r"[。，；：、]{2}|“”", s):
                problems.append("doubled punctuation or an empty quote")
            if re.search(r"本法|本条例", proposal) and not re.search(r"本法|本条例", own):
                problems.append("carries 本法/本条例 over from the higher law")
            if "理由：" not in s:
                problems.append("no reason")
            if f.basis and ("依据：" not in s or any(b.law not in s for b in f.basis)):
                problems.append("basis not quoted")
            if problems:
                wrong.append((path.parent.name, f.article, f.rule, problems, s[:120]))
    assert checked > 50
    assert wrong == []
