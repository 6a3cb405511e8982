"""The corpus: versions, articles, titles, search, related provisions, obsolete names."""
from __future__ import annotations

import pytest

from commenting.citations import find_abbreviations
from commenting.corpus import Corpus, build, facts
from commenting.corpus.local import ImportForm, add_law
from commenting.errors import CorpusError, ReadError
from commenting.settings import Jurisdiction, office_jurisdiction


def test_penalty_law_2021_has_86_articles(small_corpus):
    law = small_corpus.law("行政处罚法")
    assert law.title == "中华人民共和国行政处罚法"
    assert law.version_date == "2021-01-22"
    assert law.articles == 86
    assert small_corpus.article_count(law) == 86
    assert small_corpus.article("行政处罚法", 87) is None


def test_article_36_text_and_paragraphs(small_corpus):
    a = small_corpus.article("《中华人民共和国行政处罚法》", 36)
    assert a.text.startswith("违法行为在二年内未被发现的，不再给予行政处罚；涉及公民生命健康安全、金融安全且有危害后果的，上述期限延长至五年。")
    assert len(a.paragraphs) == 2
    assert a.paragraphs[1].startswith("前款规定的期限，从违法行为发生之日起计算")
    assert a.status == "现行有效" and a.level == "法律"


def test_items_belong_to_their_paragraph(small_corpus):
    a = small_corpus.article("行政处罚法", 63)
    assert len(a.paragraphs) == 2
    assert len(a.items[0]) == 6 and a.items[1] == []
    assert a.items[0][3] == "（四）责令停产停业、责令关闭、限制从业；"
    assert a.paragraphs[1] == "当事人不承担行政机关组织听证的费用。"


def test_markdown_versions_and_dates(small_corpus):
    vs = small_corpus.versions("示例市场监管办法")
    assert [v.version_date for v in vs] == ["2019-03-01", "2023-06-01"]
    assert vs[0].status == "已修改" and vs[1].status == "现行有效"
    assert vs[1].doc_number == "示例局令第9号" and vs[1].issuer == "示例局"
    assert small_corpus.law("示例市场监管办法").version_date == "2023-06-01"
    # the 2023 text applies from its effective date, 2023-07-01
    assert small_corpus.law("示例市场监管办法", "2023-06-15").version_date == "2019-03-01"
    assert small_corpus.law("示例市场监管办法", "2023-07-01").version_date == "2023-06-01"
    assert small_corpus.law("示例市场监管办法", "2018-01-01") is None
    old = small_corpus.article("示例市场监管办法", 4, date="2020-01-01")
    new = small_corpus.article("示例市场监管办法", 4)
    assert old.text.startswith("经营者应当明码标价") and new.text.startswith("监督检查应当由两名以上")
    art5 = small_corpus.article("示例市场监管办法", 5)
    assert len(art5.paragraphs) == 2 and len(art5.items[1]) == 3


def test_metadata_derived_without_manifest(small_corpus):
    v = small_corpus.law("示例听证工作指引")
    assert v.level == "规范性文件"
    assert v.version_date == "2021-05-01"
    assert v.status == "现行有效"
    assert small_corpus.article("示例听证工作指引", 2).text == "当事人要求听证的，应当在告知后五日内提出。"


def test_titles_short_alias_and_traditional(small_corpus):
    full = small_corpus.law("中华人民共和国食品安全法")
    assert small_corpus.law("食品安全法") == full
    assert small_corpus.law("食安法") == full  # corpus/aliases.csv
    assert small_corpus.law("《中華人民共和國行政處罰法》").title == "中华人民共和国行政处罚法"
    assert small_corpus.law("中华人民共和国行政处罚法（2021年修订）").title == "中华人民共和国行政处罚法"


def test_repealed_title_resolves_to_successor(small_corpus):
    tr = small_corpus.resolve_title("《中华人民共和国食品卫生法》")
    assert tr.kind == "repealed"
    assert tr.successor == "中华人民共和国食品安全法"
    assert "第一百零四条" in tr.source
    tr = small_corpus.resolve_title("工商行政管理行政处罚信息公示暂行规定")
    assert tr.kind == "repealed"
    assert tr.successor == "市场监督管理行政处罚信息公示规定" and tr.successor_article == 19


def test_near_miss_title_is_unknown_with_suggestion(small_corpus):
    tr = small_corpus.resolve_title("中华人民共和国行政处罚实施法")
    assert tr.kind == "no-such-document" and tr.law is None
    assert tr.suggestion == "中华人民共和国行政处罚法"
    assert small_corpus.law("中华人民共和国行政处罚实施法") is None
    assert small_corpus.resolve_title("完全不存在的文件名称").suggestion is None


def test_old_version_on_date(small_corpus):
    tr = small_corpus.resolve_title("示例市场监管办法", date="2020-01-01")
    assert tr.kind == "old-version" and tr.law.version_date == "2019-03-01"
    assert small_corpus.resolve_title("示例市场监管办法").kind == "current"


def test_search_hearing_threshold(small_corpus):
    hits = small_corpus.search("听证 较大数额罚款")
    assert ("中华人民共和国行政处罚法", 63) in [(h.law, h.article) for h in hits[:3]]
    h = hits[0]
    assert h.snippet and h.score > 0 and h.version_date


def test_search_filters(small_corpus):
    hits = small_corpus.search("明码标价", law="示例市场监管办法")
    assert hits and all(h.law == "示例市场监管办法" and h.version_date == "2023-06-01" for h in hits)
    old = small_corpus.search("明码标价", law="示例市场监管办法", status="已修改")
    assert old and all(h.version_date == "2019-03-01" for h in old)
    assert all(h.level == "法律" for h in small_corpus.search("罚款", level="法律"))
    assert small_corpus.search("罚款", law="没有这部法") == []


@pytest.mark.parametrize("q", ['"', "AND", "*", "《》", "", "OR (", "NEAR(听证", "'", "听证 AND OR NOT", "第三十六条*", "\\", "   "])
def test_odd_queries_do_not_crash(small_corpus, q):
    assert isinstance(small_corpus.search(q), list)


def test_related_finds_restated_provision(small_corpus):
    draft = "违法行为在三年内未被发现的，不再给予行政处罚；涉及公民生命健康安全的，上述期限延长至五年。"
    hits = small_corpus.related(draft, 5)
    assert ("中华人民共和国行政处罚法", 36) in [(h.law, h.article) for h in hits]


def test_related_uses_renumbering_free_citations(small_corpus):
    hits = small_corpus.related("依照《中华人民共和国行政强制法》第十条的规定，本通知不设定行政强制措施。", 5)
    assert ("中华人民共和国行政强制法", 10) in [(h.law, h.article) for h in hits]


def test_obsolete_names_have_successor_and_source(small_corpus):
    names = small_corpus.obsolete_names()
    by_name = {n.name: n for n in names}
    assert by_name["工商行政管理部门"].successor == "市场监督管理部门"
    assert "食品药品监督管理部门" in by_name and "物价部门" in by_name
    assert all(n.source and n.successor for n in names)


def test_every_fact_row_has_a_source():
    assert all(c.source for c in facts.title_history())
    assert all(src for _, _, src in facts.aliases())
    assert facts.terms() and "较大数额罚款" in facts.terms()


def test_law_named_in_query_filters(small_corpus):
    hits = small_corpus.search("行政许可法 听证", 5)
    assert hits and all(h.law == "中华人民共和国行政许可法" for h in hits)
    hits = small_corpus.search("《行政处罚法》听证", 5)
    assert hits and all(h.law == "中华人民共和国行政处罚法" for h in hits)


# ---------------------------------------------------------------- metadata and jurisdiction

HUNAN = Jurisdiction("湖南省", "衡阳市")


@pytest.fixture(scope="module")
def hengyang(local_db):
    return Corpus(local_db, HUNAN)


@pytest.fixture(scope="module")
def guangdong(local_db):
    return Corpus(local_db, Jurisdiction("广东省", None))


def test_level_and_jurisdiction_from_manifest_folder_and_issuer(local_db):
    every = {v.title: v for v in Corpus(local_db, HUNAN).laws(everywhere=True)}
    hunan = every["湖南省示例小作坊管理条例"]  # level from the manifest, province from its folder
    assert (hunan.level, hunan.province, hunan.city) == ("地方性法规", "湖南省", None)
    gd = every["广东省示例小作坊管理条例"]  # level from its folder, province from the manifest
    assert (gd.level, gd.province, gd.city) == ("地方性法规", "广东省", None)
    hy = every["衡阳市示例摊贩管理办法"]  # province and city from the issuer 衡阳市人民政府
    assert (hy.level, hy.issuer, hy.province, hy.city) == ("地方政府规章", "衡阳市人民政府", "湖南省", "衡阳市")
    cs = every["长沙市示例摊贩管理办法"]  # no manifest entry: level from the folder, place from the title
    assert (cs.level, cs.province, cs.city) == ("地方政府规章", "湖南省", "长沙市")
    national = every["示例检测条例"]
    assert (national.level, national.province) == ("行政法规", None)


def test_office_jurisdiction_is_a_setting(monkeypatch):
    monkeypatch.delenv("COMMENTING_PROVINCE", raising=False)
    monkeypatch.delenv("COMMENTING_CITY", raising=False)
    assert office_jurisdiction() == Jurisdiction("湖南省", "衡阳市")
    monkeypatch.setenv("COMMENTING_PROVINCE", "广东省")
    assert office_jurisdiction() == Jurisdiction("广东省", None)
    monkeypatch.setenv("COMMENTING_CITY", "深圳市")
    assert office_jurisdiction() == Jurisdiction("广东省", "深圳市")


def test_search_offers_only_national_and_own_province_and_city(hengyang, guangdong):
    laws = {h.law for h in hengyang.search("小作坊 登记", k=20)}
    assert "湖南省示例小作坊管理条例" in laws and "广东省示例小作坊管理条例" not in laws
    stalls = {h.law for h in hengyang.search("食品摊贩", k=20)}
    assert "衡阳市示例摊贩管理办法" in stalls and "长沙市示例摊贩管理办法" not in stalls  # another city
    laws = {h.law for h in guangdong.search("小作坊 登记", k=20)}
    assert "广东省示例小作坊管理条例" in laws and "湖南省示例小作坊管理条例" not in laws
    assert not {h.law for h in guangdong.search("食品摊贩", k=20)} & {"衡阳市示例摊贩管理办法", "长沙市示例摊贩管理办法"}


def test_related_never_offers_another_province(hengyang, guangdong):
    draft = "食品生产加工小作坊应当向所在地县级市场监督管理部门申请登记，取得登记证后方可从事生产。"
    assert "湖南省示例小作坊管理条例" in {h.law for h in hengyang.related(draft, 5)}
    assert all(not h.law.startswith("广东省") for h in hengyang.related(draft, 20))
    assert "广东省示例小作坊管理条例" == guangdong.related(draft, 5)[0].law


def test_other_provinces_documents_are_not_higher_law(hengyang):
    assert hengyang.law("广东省示例小作坊管理条例") is None
    assert hengyang.article("长沙市示例摊贩管理办法", 2) is None
    assert hengyang.article("湖南省示例小作坊管理条例", 3).text.startswith("小作坊不得生产")
    tr = hengyang.resolve_title("《广东省示例小作坊管理条例》")
    assert tr.kind == "not-in-library" and tr.absent and "广东省" in tr.note


# ---------------------------------------------------------------- versions and dates


def test_versions_in_force_on_a_date(hengyang):
    h = hengyang.history("示例检测条例", "2015-06-01")
    assert [v.version_date for v in h.versions] == ["2010-01-01", "2020-01-01"]
    assert h.in_force.version_date == "2010-01-01"  # expired since, but in force then
    assert hengyang.history("示例检测条例").in_force.version_date == "2020-01-01"
    assert hengyang.history("示例检测条例", "2009-01-01").in_force is None
    gone = hengyang.history("示例废止暂行条例")
    assert gone.in_force is None and gone.applicable.status == "已失效" and "已失效" in gone.note
    assert hengyang.resolve_title("示例废止暂行条例").kind == "repealed"
    assert hengyang.law("示例废止暂行条例").status == "已失效"
    # expired texts are never offered as current provisions
    assert all(h.law != "示例废止暂行条例" for h in hengyang.search("本条例自发布之日起施行", k=20))


def test_expired_text_with_successor_from_title_history(hengyang):
    """Successor of an expired document the library does not hold: corpus/title_history.csv."""
    h = hengyang.history("化妆品卫生监督条例", "2024-01-01")
    assert h.versions == [] and h.successor == "化妆品监督管理条例" and h.successor_article == 80
    assert "化妆品监督管理条例" in h.note


# ---------------------------------------------------------------- titles


def test_title_by_unique_end_and_by_draft_abbreviation(hengyang):
    tr = hengyang.resolve_title("《小作坊管理条例》")  # 广东省's ends the same but does not apply here
    assert tr.kind == "current" and tr.law.title == "湖南省示例小作坊管理条例"
    assert tr.expanded == "湖南省示例小作坊管理条例"
    abbreviations = find_abbreviations("依照《衡阳市示例摊贩管理办法》（以下简称《办法》）的规定")
    tr = hengyang.resolve_title("办法", abbreviations=abbreviations)
    assert tr.kind == "current" and tr.law.title == "衡阳市示例摊贩管理办法" and tr.expanded == "衡阳市示例摊贩管理办法"
    assert hengyang.resolve_title("办法").kind != "current"
    # 长沙市's ends the same but is not in this jurisdiction, so the short name is unambiguous here
    assert hengyang.resolve_title("摊贩管理办法").law.title == "衡阳市示例摊贩管理办法"
    assert hengyang.resolve_title("示例管理条例").kind == "no-such-document"


@pytest.mark.parametrize("title", [
    "湖北省食品安全条例",  # names a province
    "衡阳市城市市容和环境卫生管理条例",  # names a city
    "绵阳市城乡规划条例",  # names a city that corpus/places.csv does not list
    "公安机关办理行政案件程序规定",  # corpus/known_titles.csv
    "国家市场监督管理总局关于规范网络直播营销的通知",  # a normative document of a shape the library does not hold
    "食品安全国家标准 预包装食品标签通则",
])
def test_real_documents_not_in_the_library(small_corpus, title):
    tr = small_corpus.resolve_title(f"《{title}》")
    assert tr.kind == "not-in-library", (title, tr)
    assert tr.law is None and "未收录" in tr.note


@pytest.mark.parametrize("title", ["中华人民共和国行政处罚实施法", "中华人民共和国网络直播管理法", "示例虚构条例", "完全不存在的文件名称"])
def test_no_such_document(small_corpus, title):
    tr = small_corpus.resolve_title(title)
    assert tr.kind == "no-such-document", (title, tr)
    assert tr.law is None


def test_places_table_has_a_source_per_row():
    assert all(p.source and p.province for p in facts.places().values())
    assert facts.places()["衡阳市"].province == "湖南省"
    assert facts.place_of("衡阳市人民政府") == ("湖南省", "衡阳市")
    assert facts.place_of("国务院") == (None, None)
    assert all(t.source for t in facts.known_titles())


# ---------------------------------------------------------------- an office adds its own law


def _docx(path, title: str, paragraphs: list[str]):
    from docx import Document as Docx

    d = Docx()
    d.add_heading(title, level=1)
    for p in paragraphs:
        d.add_paragraph(p)
    d.save(path)
    return path


@pytest.fixture()
def office_db(tmp_path, monkeypatch, corpus_fixtures):
    monkeypatch.setenv("COMMENTING_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COMMENTING_CORPUS_PATH", str(tmp_path / "no-configured-sources"))
    db = tmp_path / "c.db"
    build(db, [corpus_fixtures], mcp=False)
    return db


REGULATION = [
    "第一条 为了规范本市食品摊贩经营行为，根据有关法律法规，结合本市实际，制定本办法。",
    "第二条 食品摊贩应当在开始经营前向所在地乡镇人民政府或者街道办事处登记，领取食品摊贩登记卡。",
    "第三条 食品摊贩应当在县级人民政府划定的区域和时段内经营，不得占用城市主干道。",
    "第四条 食品摊贩未取得登记卡从事经营的，由县级人民政府市场监督管理部门责令改正，处二百元以上一千元以下罚款。",
]


def test_imported_local_regulation_is_searchable_and_used_in_review(office_db, tmp_path):
    from commenting.review import review
    from commenting.structure import read_document

    draft = tmp_path / "draft.txt"
    draft.write_text(
        "衡阳市食品摊贩登记实施细则（征求意见稿）\n"
        "第一条 为了实施《衡阳市食品摊贩管理办法》（以下简称《办法》），制定本细则。\n"
        "第二条 食品摊贩依照《办法》第二条的规定办理登记。\n"
        "第三条 未取得登记卡经营的，依照《衡阳市食品摊贩管理办法》第九条的规定处罚。\n",
        encoding="utf-8",
    )
    document = read_document(draft)
    corpus = Corpus(office_db, HUNAN)
    assert corpus.resolve_title("衡阳市食品摊贩管理办法").kind == "not-in-library"

    source = _docx(tmp_path / "下载的办法.docx", "衡阳市食品摊贩管理办法", REGULATION)
    form = ImportForm(level="地方政府规章", issuer="衡阳市人民政府", version_date="2023-05-01", province="湖南省", city="衡阳市")
    version, report = add_law(source, form, office_db, mcp=False)
    assert (version.title, version.articles, version.province, version.city) == ("衡阳市食品摊贩管理办法", 4, "湖南省", "衡阳市")
    assert report.imported == ["衡阳市食品摊贩管理办法（2023-05-01）"]

    corpus = Corpus(office_db, HUNAN)
    law = corpus.law("衡阳市食品摊贩管理办法")
    assert (law.level, law.issuer, law.version_date) == ("地方政府规章", "衡阳市人民政府", "2023-05-01")
    assert ("衡阳市食品摊贩管理办法", 2) in [(h.law, h.article) for h in corpus.search("食品摊贩 登记卡", k=5)]
    assert corpus.related(REGULATION[3][4:], 3)[0].law == "衡阳市食品摊贩管理办法"
    # another office (广东省) never sees it
    assert Corpus(office_db, Jurisdiction("广东省", "广州市")).law("衡阳市食品摊贩管理办法") is None

    result = review(document, corpus)
    assert result.errors == []
    findings = result.findings
    missing = [f for f in findings if f.rule == "citation-missing-article"]
    # 第九条 does not exist; from the quoted wording the review finds the imported 第四条
    assert [(f.article, [(b.law, b.article) for b in f.basis]) for f in missing] == [(3, [("衡阳市食品摊贩管理办法", 4)])]
    assert "第四条" in missing[0].message
    unknown = [f for f in findings if f.rule == "citation-unknown"]
    assert unknown == []  # 《办法》 (以下简称) and the full title both resolve to the imported law

    # the metadata lives in the source: a rebuild keeps it
    build(office_db, mcp=False)
    assert Corpus(office_db, HUNAN).law("衡阳市食品摊贩管理办法").city == "衡阳市"


def test_import_rejects_bad_files_and_incomplete_forms(office_db, tmp_path):
    form = ImportForm(level="地方政府规章", version_date="2023-05-01", province="湖南省")
    broken = tmp_path / "坏文件.docx"
    broken.write_bytes(b"PK\x03\x04 not really a docx")
    with pytest.raises(ReadError) as err:
        add_law(broken, form, office_db, mcp=False)
    assert "\n" not in str(err.value) and str(err.value)
    no_articles = tmp_path / "通知.txt"
    no_articles.write_text("关于做好食品摊贩管理工作的通知\n各县市区局：请认真落实。\n", encoding="utf-8")
    with pytest.raises(ReadError, match="没有找到条文"):
        add_law(no_articles, form, office_db, mcp=False)
    good = _docx(tmp_path / "办法.docx", "衡阳市食品摊贩管理办法", REGULATION)
    with pytest.raises(CorpusError, match="效力层级"):
        add_law(good, ImportForm(version_date="2023-05-01", province="湖南省"), office_db, mcp=False)
    with pytest.raises(CorpusError, match="YYYY-MM-DD"):
        add_law(good, ImportForm(level="地方政府规章", version_date="2023年5月1日", province="湖南省"), office_db, mcp=False)
    with pytest.raises(CorpusError, match="不属于"):
        add_law(good, ImportForm(level="地方政府规章", version_date="2023-05-01", province="广东省", city="衡阳市"), office_db, mcp=False)
    sheet = tmp_path / "x.xlsx"
    sheet.write_bytes(b"x")
    with pytest.raises(CorpusError, match="不支持的文件类型"):
        add_law(sheet, form, office_db, mcp=False)


def test_cli_import_with_form(office_db, tmp_path, capsys):
    from commenting.cli import main

    source = _docx(tmp_path / "条例.docx", "湖南省示例食品小作坊条例", REGULATION[:2])
    assert main(["corpus", "import", str(source), "--db", str(office_db), "--level", "地方性法规",
                 "--issuer", "湖南省人民代表大会常务委员会", "--date", "2022-11-30"]) == 0
    out = capsys.readouterr().out
    assert "已导入《湖南省示例食品小作坊条例》（地方性法规，湖南省人民代表大会常务委员会，2022-11-30，湖南省，2条）" in out
    assert main(["corpus", "import", str(source), "--db", str(office_db)]) == 1
    assert "请指明效力层级" in capsys.readouterr().err


def test_same_article_in_another_version_is_found_by_content_not_number(small_corpus):
    old, new = small_corpus.versions("示例市场监管办法")
    price_rule = small_corpus.article_in(old, 4)  # 2019 第四条 (明码标价) is 2023 第五条
    [(found, similarity)] = small_corpus.same_article(price_rule, new)
    assert (found.no, found.label) == (5, "第五条") and similarity > 0.5
    [(back, _)] = small_corpus.same_article(found, old)
    assert back.no == 4
    # a new article (2023 第二条, the definition) has no counterpart in 2019
    assert small_corpus.same_article(small_corpus.article_in(new, 2), old) == []
    assert small_corpus.same_article(price_rule, old) == [(price_rule, 1.0)]


def test_same_article_across_the_2017_and_2021_penalty_law(shared_corpus):
    corpus = shared_corpus
    versions = {v.version_date[:4]: v for v in corpus.versions("中华人民共和国行政处罚法") if v.version_date}
    if "2017" not in versions:
        pytest.skip("the 2017 text of the penalty law is not in the library")
    old, new = versions["2017"], versions["2021"]
    assert [a.no for a, _ in corpus.same_article(corpus.article_in(old, 27), new)] == [32]
    assert [a.no for a, _ in corpus.same_article(corpus.article_in(old, 42), new)][:2] == [64, 63]
