from commenting.review import validity
from review_fakes import make_doc
from review_helpers import run


def test_trial_document_without_period_is_reported_on_the_effective_date_article():
    doc = make_doc("为了规范管理，制定本办法。", "本办法由市市场监督管理局负责解释。", "本办法自印发之日起施行。",
                   title="某市某某管理办法（试行）（征求意见稿）")
    (f,) = run(validity, doc)
    assert (f.rule, f.article, f.severity) == ("validity-period", 3, "warning")
    assert f.quote == "本办法自印发之日起施行"
    assert f.proposed == "本办法自印发之日起施行，有效期二年"


def test_period_longer_than_allowed():
    doc = make_doc("为了规范管理，制定本办法。", "本办法自2022年1月1日起施行，有效期十年。")
    (f,) = run(validity, doc)
    assert f.quote == "有效期十年" and f.proposed == "有效期五年"


def test_trial_document_with_five_years_is_too_long():
    doc = make_doc("本规定自印发之日起施行，有效期五年。", title="某某规定（暂行）")
    (f,) = run(validity, doc)
    assert f.proposed == "有效期二年"


def test_lawful_periods_and_non_normative_levels_pass():
    assert run(validity, make_doc("本办法自印发之日起施行，有效期五年。")) == []
    assert run(validity, make_doc("本办法自印发之日起施行，有效期二年。", title="某某办法（试行）")) == []
    assert run(validity, make_doc("本办法自2025年1月1日起施行。", level="地方政府规章", title="某某办法")) == []
    # a 规章 or 行政法规 marked 暂行 has no validity-period duty
    assert run(validity, make_doc("本办法自2025年1月1日起施行。", level="地方政府规章", title="某某暂行办法")) == []
    assert run(validity, make_doc("本条例自发布之日起施行。", level="行政法规", title="某某暂行条例")) == []


def test_licence_validity_is_not_the_documents_validity():
    doc = make_doc("许可证有效期为十年。", "本办法自印发之日起施行。")
    (f,) = run(validity, doc)
    assert f.article == 2 and "未规定" in f.message


def test_no_effective_clause_goes_to_article_zero():
    (f,) = run(validity, make_doc("为了规范管理，制定本办法。"))
    assert f.article == 0 and f.quote == ""


def test_trial_period_and_arabic_digits_count_as_periods():
    assert run(validity, make_doc("本办法自印发之日起施行，试行期二年。", title="某某办法（试行）")) == []
    (f,) = run(validity, make_doc("本办法自印发之日起施行，有效期为8年。"))
    assert f.quote == "有效期为8年" and f.proposed == "有效期为五年"
