"""The escaping every page uses for text a user or a draft supplies."""
from __future__ import annotations

import html
import string

from commenting.ui import html as h


def test_plain_turns_every_markup_character_into_a_reference_and_back():
    text = "《办法》![x](http://a.b/c.png) <b>*粗*</b> _斜_ `码` $x$ :red[红] # 标题\n1. 项 - 项 | 表 ~删~ \\ & \" '"
    shown = h.plain(text)
    assert html.unescape(shown) == text
    # what is left of ASCII punctuation: the references' own &#…; and the URL's slashes
    assert set(shown) & set(string.punctuation) == {"&", "#", ";", "/"}


def test_plain_keeps_chinese_and_letters_as_they_are():
    assert h.plain("第二条　市场监督管理部门 ABC 123") == "第二条　市场监督管理部门 ABC 123"


def test_esc_keeps_line_breaks_for_html():
    assert h.esc("甲\n乙<丙>") == "甲<br>乙&#60;丙&#62;"


def test_found_words_marks_every_occurrence_longest_first_and_escapes_the_rest():
    out = h.found_words("听证<b>与听证程序", ["听证", "听证程序"])
    assert out == '<mark class="cm-hit">听证</mark>&#60;b&#62;与<mark class="cm-hit">听证程序</mark>'
    assert h.found_words("没有命中", ["听证"]) == "没有命中"
