"""List every clause of a draft that does not occur verbatim in the source texts (planted articles marked *).
Usage: python3 src/tools/check_faithful.py d01   (needs /tmp/laws from dump_laws.py)"""
import os, sys, re, glob, importlib
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
import common
src = ""
for f in glob.glob('/tmp/laws/*.txt'):
    src += open(f).read()
for f in ["部门规章/互联网广告管理办法(2023-02-25).md","部门规章/明码标价和禁止价格欺诈规定(2022-04-14).md","部门规章/网络交易监督管理办法(2021-03-15).md","部门规章/市场监督管理投诉举报处理暂行办法(2022-03-24).md","行政法规/食品安全法实施条例(2019-10-11).md","部门规章/食用农产品市场销售质量安全监督管理办法(2023-06-30).md","部门规章/零售商品称重计量监督管理办法(2020-10-23).md","部门规章/市场监督管理行政处罚听证办法(2021-07-02).md","行政法规/认证认可条例(2023-07-20).md","部门规章/检验检测机构监督管理办法(2021-04-08).md","部门规章/产品质量监督抽查管理暂行办法(2019-11-21).md"]:
    src += open('/work/shared/corpus/'+f).read()
src = re.sub(r'\s+', '', src)
def norm(t):
    return re.sub(r'\s+','',t)
mod = sys.argv[1]
d = importlib.import_module(mod).DRAFT
arts, keymap, resolve = common.number(d)
planted = {p['key'] for p in d['problems']}
for a in arts:
    for p in a['paras']:
        for clause in re.split(r'(?<=[。；：])', p):
            c = norm(clause).strip('（）一二三四五六七八九十')
            c = re.sub(r'^（[一二三四五六七八九十]+）','',norm(clause))
            if len(c) < 6: continue
            if c in src: continue
            # try removing trailing punctuation
            if c.rstrip('。；：') in src: continue
            flag = '*' if a['key'] in planted else ' '
            print(f"{flag}{a['no']:>3} {a['key']}: {c}")
