"""Regenerate all heldout7 drafts, expected.json files and README.md:  python3 src/build.py"""
import importlib, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common

MODS = ['d%02d' % i for i in range(1, 11)]
FMT_NAME = {
    'docx-text': '.docx（条号为正文文字）',
    'docx-autonum': '.docx（Word自动编号，正文无条号）',
    'docx-cover': '.docx（首页为征求意见函）',
    'pdf': '.pdf（docx经LibreOffice转换）',
    'txt-utf8': '.txt（UTF-8，LF）',
    'txt-gbk': '.txt（GBK，CRLF）',
}


def cnart(n):
    return '第%s条' % common.cn(n)


def basis_str(b):
    return '；'.join('《%s》%s' % (l, cnart(a)) for l, a in b) or '（语料外：湖北省行政规范性文件管理规定）'


def readme(mods):
    L = ['# heldout7：湖北省市场监管领域征求意见稿盲测集', '',
         '以湖北省（武汉、襄阳、宜昌、十堰、孝感、荆州、黄石）市场监督管理部门法规机构收到的征求意见稿为场景，'
         '共10件草案，主要由现行有效上位法条文忠实复述或本地化改写而成，另植入可指明依据条文的问题。'
         '草案及 expected.json 由 `python3 src/build.py` 生成，`python3 src/check.py` 复核（重新打开每个文件，核对条数、spot 片段，'
         '并核对每条依据原文确实包含下表引用的文字）。', '',
         '## 草案一览', '',
         '| 编号 | 标题 | 起草/制定机关 | 层级 | 格式 | 条数 | 植入问题数 |',
         '|---|---|---|---|---|---|---|']
    tot = 0
    for m in mods:
        tot += len(m.PLANTS)
        L.append('| %s | %s | %s | %s | %s | %d | %d |' % (m.CASE, m.TITLE, m.ISSUER, m.LEVEL, FMT_NAME[m.FORMAT],
                                                         common.art_count(m), len(m.PLANTS)))
    L += ['', '植入问题合计 %d 个；第10件为无植入问题的对照稿。' % tot, '',
          '规则名称均取自 `shared/docs/findings.md`；“rules”列出审查人员可合理选用的全部规则，命中其一即视为发现。', '']
    for m in mods:
        L += ['## %s　%s' % (m.CASE, m.TITLE), '',
              '层级：%s；格式：%s；共%d条。' % (m.LEVEL, FMT_NAME[m.FORMAT], common.art_count(m)), '']
        if getattr(m, 'NOTES', None):
            L += ['说明：' + m.NOTES, '']
        if m.PLANTS:
            L += ['### 植入问题', '', '| 条 | rules | 依据 | 改动 | 上位法原文 |', '|---|---|---|---|---|']
            for p in m.PLANTS:
                q = p['quote']
                qs = '《%s》%s：“%s”' % (q[0], cnart(q[1]), q[2]) if q else '—'
                L.append('| %d | %s | %s | %s | %s |' % (p['article'], ', '.join(p['rules']), basis_str(p['basis']),
                                                       p['change'], qs))
            L.append('')
            L += ['说明：', '']
            for p in m.PLANTS:
                L.append('- 第%d条：%s' % (p['article'], p['note']))
            L.append('')
        else:
            L += ['### 植入问题', '', '无（对照稿）。', '']
        if getattr(m, 'ACCEPT', None):
            L += ['### 可接受（非必需）意见', '']
            for a in m.ACCEPT:
                L.append('- 第%d条（%s）：%s' % (a['article'], ', '.join(a['rules']), a['note']))
            L.append('')
        L += ['### 忠实复述（不得报告为问题）', '']
        for art, law, la, how in m.RESTATE:
            L.append('- 第%d条 ← 《%s》%s（%s）' % (art, law, cnart(la), how))
        L.append('')
    L += ['## 所用上位法（均在 corpus/manifest.json 中标为“现行有效”）', '']
    laws = {}
    for m in mods:
        for p in m.PLANTS:
            for l, a in p['basis']:
                laws.setdefault(l, None)
        for r in m.RESTATE:
            laws.setdefault(r[1], None)
    import laws as LW
    for l in laws:
        e = LW.entry(l)
        L.append('- 《%s》：%s，版本日期 %s，%s' % (l, e['level'], e['version_date'], e['status']) if e else '- 《%s》：未在语料中找到' % l)
    L.append('')
    return '\n'.join(L)


def main():
    mods = [importlib.import_module(n) for n in MODS]
    for m in mods:
        f = common.build(m)
        print(m.CASE, f, common.art_count(m), 'articles,', len(m.PLANTS), 'planted')
    with open(os.path.join(common.ROOT, 'README.md'), 'w', encoding='utf-8') as fh:
        fh.write(readme(mods))


if __name__ == '__main__':
    main()
