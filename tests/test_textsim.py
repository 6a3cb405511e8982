"""commenting.textsim: each kind of bigram and each score."""
import pytest

from commenting import textsim as ts


def test_char_bigrams_are_adjacent_pairs_and_a_single_character_is_its_own_gram():
    assert ts.char_bigrams("罚款1元") == {"罚款", "款1", "1元"}
    assert ts.char_bigrams("罚") == {"罚"} and ts.char_bigrams("") == frozenset()


def test_cjk_bigrams_join_the_chinese_characters_across_digits_and_punctuation():
    assert ts.cjk_bigrams("处1元，罚款") == {"处元", "元罚", "罚款"}


def test_content_bigrams_skip_titles_labels_and_function_pairs():
    grams = ts.content_bigrams("依照《行政处罚法》第三十二条的规定从轻处罚")
    assert "从轻" in grams and "处罚" in grams
    assert not grams & {"行政", "三十", "依照", "规定"}  # in the title / label, or two function characters


def test_bigram_counts_keep_repetitions():
    assert ts.bigram_counts("哈哈哈") == {"哈哈": 2}


def test_dice_and_share_and_containment():
    a, b = frozenset({"ab", "bc"}), frozenset({"bc", "cd", "de"})
    assert ts.dice(a, b) == pytest.approx(2 * 1 / 5)
    assert ts.dice(a, frozenset()) == 0.0
    assert ts.share(a, b) == 0.5 and ts.share(frozenset(), b) == 0.0
    assert ts.containment(a, b) == (0.5, pytest.approx(1 / 3))


def test_counted_scores():
    assert ts.text_dice("哈哈哈", "哈哈") == pytest.approx(2 * 1 / 3)
    assert ts.text_dice("办法", "办法") == 1.0 and ts.text_dice("办", "法") == 0.0 and ts.text_dice("办", "办") == 1.0
    assert ts.counted_share(ts.bigram_counts("哈哈哈"), ts.bigram_counts("哈哈")) == 0.5
    assert ts.counted_share({}, {"ab": 1}) == 1.0
