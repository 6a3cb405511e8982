"""The one item-label pattern (numerals) and the one attachment-heading pattern (structure.lines)."""
import pytest

from commenting.numerals import ITEM_START
from commenting.structure.lines import ITEM, is_bare_attachment_heading, is_named_attachment_heading


@pytest.mark.parametrize("line, no", [("（一）警告", "一"), ("(十二)罚款", "十二"), ("（ 三 ）没收", "三")])
def test_an_item_label_starts_the_line(line, no):
    assert ITEM_START.match(line).group("no") == no
    assert ITEM.match(line).group("no") == no


@pytest.mark.parametrize("line", ["一、总则", "（1）目", "依照第（一）项"])
def test_other_lines_do_not_start_with_an_item_label(line):
    assert ITEM_START.match(line) is None


@pytest.mark.parametrize("text, bare, named", [
    ("附件", True, False), ("附件2", True, False), ("附件一：", True, False),
    ("附件1：行政处罚文书格式", False, True), ("附件十分重要", False, False), ("附则", False, False),
])
def test_attachment_headings(text, bare, named):
    assert (is_bare_attachment_heading(text), is_named_attachment_heading(text)) == (bare, named)
