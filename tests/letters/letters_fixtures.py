"""Small drafts built in the tests: a .docx with Word auto numbering (第%1条), runs split inside
the text a comment quotes, a revision the drafting office left in (w:ins), a typed 第四条; and the
matching model.Document."""
from __future__ import annotations

import io
from xml.sax.saxutils import escape

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from commenting.model import Article, Basis, Comment, Document, Heading, Paragraph

TITLE = "衡阳市测试事项管理办法（征求意见稿）"
RFONTS = '<w:rFonts w:ascii="仿宋_GB2312" w:hAnsi="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/>'
FONT = RFONTS + '<w:sz w:val="32"/>'

ART1 = "为了规范测试工作，根据《中华人民共和国行政处罚法》，制定本办法。"
ART2_P1 = "违法行为轻微并及时改正，没有造成危害后果的，可以不予行政处罚。"
ART2_P2 = "前款规定的情形，由县级以上市场监督管理部门认定。"
ART3 = "当事人对行政处罚决定不服的，可以依法申请行政复议或者提起行政诉讼。"
ART4 = "对违反本办法的工作人员，依法给予行政处分。"


def _r(text: str, rpr: str = FONT) -> str:
    return f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _p(inner: str, *, num: bool = False, center: bool = False) -> str:
    ppr = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr>' if num else ""
    ppr += '<w:spacing w:line="560" w:lineRule="exact"/>'
    ppr += '<w:jc w:val="center"/>' if center else '<w:ind w:firstLine="640"/>'
    return f"<w:p><w:pPr>{ppr}</w:pPr>{inner}</w:p>"


NUMBERING = (
    f'<w:numbering {nsdecls("w")}>'
    '<w:abstractNum w:abstractNumId="3"><w:multiLevelType w:val="singleLevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:suff w:val="space"/><w:lvlText w:val="第%1条"/><w:lvlJc w:val="left"/>'
    '<w:rPr><w:rFonts w:ascii="黑体" w:hAnsi="黑体" w:eastAsia="黑体"/></w:rPr></w:lvl></w:abstractNum>'
    '<w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num></w:numbering>'
)


def draft_docx() -> bytes:
    """The draft: title, 第一章, three auto-numbered articles, one typed, a closing table."""
    body = "".join([
        _p(_r(TITLE, '<w:rFonts w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/>'), center=True),
        _p(_r("第一章　总则"), center=True),
        _p(_r("为了规范", RFONTS + '<w:b/><w:sz w:val="32"/>') + _r("测试工作，根据《中华人民共和国行政处罚法》，制定本办法。"), num=True),
        # the quote 可以不予行政处罚 is split over two runs of different formatting
        _p(_r("违法行为轻微并及时改正，没有造成危害后果的，可") + _r("以不予行政处罚。", RFONTS + '<w:i/><w:sz w:val="32"/>'), num=True),
        _p(_r(ART2_P2)),
        # the drafting office's own tracked insertion, still pending
        _p(_r("当事人对行政处罚决定不服的，可以依法申请行政复议")
           + '<w:ins w:id="901" w:author="起草单位" w:date="2026-10-01T00:00:00Z">'
           + _r("或者提起行政诉讼") + "</w:ins>" + _r("。"), num=True),
        _p(_r("第四条　") + _r(ART4)),
    ])
    d = docx.Document()
    b = d.element.body
    for child in list(b):
        if child.tag != qn("w:sectPr"):
            b.remove(child)
    frag = parse_xml(f"<w:body {nsdecls('w')}>{body}</w:body>")
    sect = b.find(qn("w:sectPr"))
    for p in list(frag):
        sect.addprevious(p)
    numbering = d.part.numbering_part
    numbering._element = parse_xml(NUMBERING)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def draft_document() -> Document:
    """What structure makes of draft_docx (built by hand so these tests stand alone)."""
    def art(no, label, paras):
        return Article(no=no, label=label, text="\n".join(paras), address=f"art-{no}",
                       paragraphs=[Paragraph(i + 1, t, f"art-{no}.p-{i + 1}") for i, t in enumerate(paras)],
                       chapter="第一章　总则")

    return Document(
        title=TITLE,
        articles=[art(1, "第一条", [ART1]), art(2, "第二条", [ART2_P1, ART2_P2]),
                  art(3, "第三条", [ART3]), art(4, "第四条", [ART4])],
        headings=[Heading("章", 1, "第一章", "总则", "第一章　总则", first_article=1)],
        format="docx",
    )


LAW = "中华人民共和国行政处罚法"


def comments() -> list[Comment]:
    return [
        Comment(id=1, article=2, quote="可以不予行政处罚", original="可以不予行政处罚", proposed="不予行政处罚",
                reason="行政处罚法第三十三条第一款为羁束性规定。", basis=[Basis(LAW, 33, 1)], status="采纳"),
        Comment(id=2, article=3, quote="或者提起行政诉讼", original="或者提起行政诉讼", proposed="或者依法提起行政诉讼",
                reason="表述与上位法一致。", basis=[Basis(LAW, 7)], status="采纳"),
        Comment(id=3, article=4, quote="行政处分", original="依法给予行政处分", proposed="依法给予处分",
                reason="“行政处分”为旧称。", status="采纳"),
        Comment(id=4, article=1, quote="根据《中华人民共和国行政处罚法》", original="根据《中华人民共和国行政处罚法》",
                proposed="建议补充引用《市场监督管理行政处罚程序规定》。", reason="依据不全。", status="采纳"),
        Comment(id=5, article=2, sub=0, address="art-2.p-2", kind="删除", quote="由县级以上市场监督管理部门认定",
                original="由县级以上市场监督管理部门认定", reason="认定主体应为作出处罚决定的部门。", status="采纳"),
        Comment(id=6, article=4, kind="增加", proposed="法律、法规另有规定的，从其规定。", reason="衔接上位法。",
                status="采纳"),
        Comment(id=7, article=1, quote="制定本办法", original="制定本办法", proposed="特制定本办法",
                reason="草拟中，未采纳。", status="草拟"),
    ]
