"""The office profile's 省/市 decide what the library offers; saving another place switches it."""
from __future__ import annotations

from commenting import corpus as corpus_mod
from commenting.profile import jurisdiction_of
from commenting.store import Store


def test_a_province_change_in_the_profile_changes_what_lookups_offer(local_db, tmp_path, monkeypatch):
    monkeypatch.delenv("COMMENTING_PROVINCE", raising=False)
    monkeypatch.delenv("COMMENTING_CITY", raising=False)
    with Store(tmp_path / "store.db") as store:
        store.save_profile("张三", province="湖南省", city="衡阳市")
        hunan = corpus_mod.open_corpus(local_db, jurisdiction=jurisdiction_of(store.get_profile()))
        assert hunan.law("湖南省示例小作坊管理条例") is not None
        assert hunan.law("广东省示例小作坊管理条例") is None
        assert "衡阳市示例摊贩管理办法" in {h.law for h in hunan.search("食品摊贩", k=20)}

        store.save_profile("张三", province="广东省", city="")
        corpus_mod.reset_cache()
        guangdong = corpus_mod.open_corpus(local_db, jurisdiction=jurisdiction_of(store.get_profile()))
    assert guangdong.law("广东省示例小作坊管理条例") is not None
    assert guangdong.law("湖南省示例小作坊管理条例") is None
    assert not {h.law for h in guangdong.search("食品摊贩", k=20)} & {"衡阳市示例摊贩管理办法"}
    assert guangdong.resolve_title("《湖南省示例小作坊管理条例》").kind == "not-in-library"


def test_open_corpus_keeps_one_library_per_place(local_db, monkeypatch):
    monkeypatch.delenv("COMMENTING_PROVINCE", raising=False)
    monkeypatch.delenv("COMMENTING_CITY", raising=False)
    from commenting.settings import Jurisdiction

    a = corpus_mod.open_corpus(local_db, jurisdiction=Jurisdiction("湖南省", "衡阳市"))
    b = corpus_mod.open_corpus(local_db, jurisdiction=Jurisdiction("广东省", None))
    assert a is not b and a is corpus_mod.open_corpus(local_db, jurisdiction=Jurisdiction("湖南省", "衡阳市"))
    assert (a.jurisdiction.province, b.jurisdiction.province) == ("湖南省", "广东省")
