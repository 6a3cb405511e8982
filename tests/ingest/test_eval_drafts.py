"""Every shared eval draft reads to blocks whose article labels and spot texts are all there."""
from __future__ import annotations

import json
import re

import pytest

from commenting.ingest import read
from commenting.ingest.pdf import _PAGE_NO
from commenting.numerals import ARTICLE_LABEL, parse_article_label

pytestmark = pytest.mark.shared

ARTICLE_START = re.compile(rf"^{ARTICLE_LABEL}[\s\u3000]")


def cases(shared):
    found = sorted((shared / "eval" / "cases").glob("*/expected.json"))
    if not found:
        pytest.skip("no eval cases in ../shared/eval/cases")
    return found


def test_each_eval_draft_reads_with_its_title_articles_and_spots(shared_dir):
    for expected_path in cases(shared_dir):
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        blocks = read(expected_path.parent / expected["file"])
        name = expected_path.parent.name
        assert blocks, name
        head = "".join(b.text for b in blocks[:12])
        title = re.sub(r"（(征求意见稿|送审稿)）$", "", expected["title"])
        assert title[:8] in head, (name, head[:80])

        # every article starts its own block, labels rendered even where Word numbered them
        starts = [i for i, b in enumerate(blocks) if ARTICLE_START.match(b.text)]
        labels = [parse_article_label(ARTICLE_START.match(blocks[i].text).group(0).strip()) for i in starts]
        assert len(set(labels)) == expected["articles"], name
        for no, spot in expected.get("spot", {}).items():
            # the article's text runs from its label to the next article's label
            i = next(k for k, label in enumerate(labels) if label == (int(no), 0))
            end = starts[i + 1] if i + 1 < len(starts) else len(blocks)
            body = "".join(b.text for b in blocks[starts[i]:end])
            assert spot in body, (name, no, spot)

        # nothing left over from page furniture
        for b in blocks:
            assert not _PAGE_NO.match(b.text), (name, b.text)
        if expected["file"].endswith(".pdf"):  # a running header would repeat on every page
            repeated = [t for t in {b.text for b in blocks} if sum(b.text == t for b in blocks) > 2]
            assert not repeated, (name, repeated)
