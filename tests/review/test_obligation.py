from commenting.review import obligation
from review_fakes import make_doc
from review_helpers import run


def test_entry_threshold():
    doc = make_doc("申请办理市场主体登记的，注册资本不得低于一百万元，并应当提交经营场所的产权证明或者租期不少于三年的租赁合同；"
                   "不符合条件的，登记机关不予登记。")
    (f,) = run(obligation, doc)
    assert (f.rule, f.severity) == ("obligation-without-basis", "warning")
    assert {(b.law, b.article) for b in f.basis} >= {("优化营商环境条例", 64)}


def test_extra_papers_before_deregistration():
    doc = make_doc("管理人申请办理注销登记，除提交人民法院的裁定外，还应当提交已缴清全部税款的证明；"
                   "未提交的，登记机关不予办理注销登记。")
    (f,) = run(obligation, doc)
    assert f.quote.startswith("管理人申请办理注销登记")


def test_conditions_grounded_in_law_or_no_conditions_pass():
    doc = make_doc("管理人持人民法院终结破产程序的裁定，向原登记机关办理注销登记。",
                   "申请人应当依照《中华人民共和国市场主体登记管理条例》的规定提交材料；材料不全的，不予登记。",
                   "培训机构应当公示收费项目。")
    assert run(obligation, doc) == []
    assert run(obligation, make_doc("注册资本不得低于一百万元。", level="地方性法规")) == []


def test_settling_something_before_deregistration():
    (f,) = run(obligation, make_doc("企业办理注销登记前，应当先行缴清全部罚款。"))
    assert f.basis[0].law == "优化营商环境条例"


def test_designated_provider_and_local_barriers():
    doc = make_doc("培训机构应当统一使用市教育部门指定的收费管理系统。",
                   "外地企业在本市开展经营活动的，应当在本市设立分支机构。",
                   "执法人员应当使用省局统一制定的执法文书。")
    found = run(obligation, doc)
    assert [f.article for f in found] == [1, 2]
    assert ("中华人民共和国反垄断法", 39) in {(b.law, b.article) for b in found[0].basis}
