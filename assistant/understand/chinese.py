"""General Chinese: question words, operators, number words, units and common words, with English.

This is language knowledge, not corpus knowledge: nothing here names an article's entities, metrics
or phrasing. Names and a corpus's own terms are found elsewhere (pinyin against the corpus's
vocabulary, a multilingual encoder against its sentences, the optional glossary).

Each entry is ``Chinese: (English, role)``. Roles steer how a question is put back in English order:

- ``wh`` a question phrase (moved to the front), ``cl`` a measure word (dropped after a number or a
  question word), ``op`` an operator (superlative, total, comparison), ``noun``, ``verb``, ``prep``,
  ``det``, ``conj``, ``time``, ``unit`` (a number's scale or unit), ``part`` (a particle: dropped).
"""

from __future__ import annotations

import re

Entry = tuple[str, str]

QUESTION: dict[str, Entry] = {
    "多少": ("how many", "wh"),
    "几": ("how many", "wh"),
    "哪些": ("which", "wh"),
    "哪几": ("which", "wh"),
    "哪个": ("which", "wh"),
    "哪一个": ("which", "wh"),
    "哪一": ("which", "wh"),
    "哪家": ("which", "wh"),
    "哪座": ("which", "wh"),
    "哪位": ("which", "wh"),
    "哪": ("which", "wh"),
    "什么": ("what", "wh"),
    "啥": ("what", "wh"),
    "谁": ("who", "wh"),
    "何时": ("when", "wh"),
    "什么时候": ("when", "wh"),
    "哪一天": ("when", "wh"),
    "哪天": ("when", "wh"),
    "哪年": ("which year", "wh"),
    "哪一年": ("which year", "wh"),
    "哪里": ("where", "wh"),
    "哪儿": ("where", "wh"),
    "何地": ("where", "wh"),
    "为什么": ("why", "wh"),
    "为何": ("why", "wh"),
    "怎么": ("how", "wh"),
    "怎样": ("how", "wh"),
    "如何": ("how", "wh"),
    "多大": ("how large", "wh"),
    "多高": ("how high", "wh"),
    "多久": ("how long", "wh"),
    "多长": ("how long", "wh"),
    "第几": ("what rank", "wh"),
    "是什么的缩写": ("what does * stand for", "wh"),
    "的缩写是什么": ("what does * stand for", "wh"),
    "是什么的简称": ("what does * stand for", "wh"),
    "代表什么": ("what does * stand for", "wh"),
    "是什么意思": ("what does * mean", "wh"),
    "指什么": ("what does * mean", "wh"),
    "多多少": ("how many more", "wh"),
    "多几": ("how many more", "wh"),
    "少多少": ("how many fewer", "wh"),
    "少几": ("how many fewer", "wh"),
}

MEASURE_WORDS = "家个座位名项种所条件次只台款份张篇处辆架艘头本册块户间栋"

OPERATORS: dict[str, Entry] = {
    "最多": ("the most", "op"),
    "最大": ("the largest", "op"),
    "最高": ("the highest", "op"),
    "最少": ("the fewest", "op"),
    "最小": ("the smallest", "op"),
    "最低": ("the lowest", "op"),
    "最早": ("the earliest", "op"),
    "最晚": ("the latest", "op"),
    "比": ("than", "op"),
    "一共": ("in total", "op"),
    "总共": ("in total", "op"),
    "合计": ("in total", "op"),
    "共计": ("in total", "op"),
    "总计": ("in total", "op"),
    "加起来": ("in total", "op"),
    "排名": ("rank", "op"),
    "排行": ("rank", "op"),
    "名次": ("rank", "op"),
    "位列": ("rank", "op"),
    "排": ("rank", "op"),
    "超过": ("more than", "op"),
    "多于": ("more than", "op"),
    "以上": ("more than", "op"),
    "少于": ("fewer than", "op"),
    "不到": ("fewer than", "op"),
    "以下": ("fewer than", "op"),
    "平均": ("average", "op"),
    "前": ("top", "op"),
    "并列": ("tied", "op"),
}

GRAMMAR: dict[str, Entry] = {
    "的": ("'s", "part"),
    "了": ("", "part"),
    "吗": ("", "part"),
    "呢": ("", "part"),
    "吧": ("", "part"),
    "啊": ("", "part"),
    "过": ("", "part"),
    "着": ("", "part"),
    "所": ("", "part"),
    "被": ("", "part"),
    "都": ("", "part"),
    "也": ("", "part"),
    "要": ("", "part"),
    "将": ("", "part"),
    "会": ("", "part"),
    "还": ("", "part"),
    "请问": ("", "part"),
    "能": ("", "part"),
    "能够": ("", "part"),
    "可以": ("", "part"),
    "可": ("", "part"),
    "这": ("the", "det"),
    "这个": ("the", "det"),
    "这份": ("the", "det"),
    "这家": ("the", "det"),
    "这些": ("the", "det"),
    "该": ("the", "det"),
    "此": ("the", "det"),
    "那": ("the", "det"),
    "那个": ("the", "det"),
    "各": ("each", "det"),
    "每": ("each", "det"),
    "其他": ("other", "det"),
    "和": ("and", "conj"),
    "与": ("and", "conj"),
    "及": ("and", "conj"),
    "以及": ("and", "conj"),
    "跟": ("and", "conj"),
    "或": ("or", "conj"),
    "或者": ("or", "conj"),
    "还是": ("or", "conj"),
    "是": ("is", "verb"),
    "为": ("is", "verb"),
    "有": ("have", "verb"),
    "拥有": ("have", "verb"),
    "在": ("in", "prep"),
    "于": ("in", "prep"),
    "位于": ("located in", "prep"),
    "来自": ("from", "prep"),
    "从": ("from", "prep"),
    "对": ("for", "prep"),
    "给": ("to", "prep"),
    "由": ("by", "prep"),
    "截至": ("by", "prep"),
    "到": ("to", "prep"),
    "至": ("to", "prep"),
    "之前": ("before", "prep"),
    "以前": ("before", "prep"),
    "之后": ("after", "prep"),
    "以后": ("after", "prep"),
    "期间": ("during", "prep"),
    "中": ("in", "prep"),
    "里": ("in", "prep"),
    "上": ("on", "prep"),
}

TIME: dict[str, Entry] = {
    "年底前": ("by the end of the year", "time"),
    "年底": ("the end of the year", "time"),
    "年末": ("the end of the year", "time"),
    "年初": ("the start of the year", "time"),
    "上半年": ("the first half of the year", "time"),
    "下半年": ("the second half of the year", "time"),
    "今年": ("this year", "time"),
    "去年": ("last year", "time"),
    "明年": ("next year", "time"),
    "年": ("year", "time"),
    "月": ("month", "time"),
    "日": ("day", "time"),
    "号": ("day", "time"),
    "季度": ("quarter", "time"),
}

UNITS: dict[str, Entry] = {
    "百分之": ("percent", "unit"),
    "%": ("%", "unit"),
    "万亿": ("trillion", "unit"),
    "亿": ("hundred million", "unit"),
    "千万": ("ten million", "unit"),
    "百万": ("million", "unit"),
    "万": ("ten thousand", "unit"),
    "千": ("thousand", "unit"),
    "元": ("yuan", "unit"),
    "人民币": ("yuan", "unit"),
    "美元": ("US dollars", "unit"),
    "欧元": ("euros", "unit"),
    "岁": ("years old", "unit"),
}

# Common words of questions about organisations, places, people, money and time.
WORDS: dict[str, Entry] = {
    **{w: ("companies", "noun") for w in ("公司", "企业", "厂商", "机构")},
    "城市": ("city", "noun"),
    "国家": ("country", "noun"),
    "地区": ("region", "noun"),
    "区域": ("region", "noun"),
    "省": ("province", "noun"),
    "省份": ("province", "noun"),
    "全国": ("national", "noun"),
    "全球": ("global", "noun"),
    "世界": ("world", "noun"),
    "人": ("people", "noun"),
    "人员": ("people", "noun"),
    "员工": ("employees", "noun"),
    "用户": ("users", "noun"),
    "学生": ("students", "noun"),
    "人才": ("talent", "noun"),
    "创始人": ("founder", "noun"),
    "首席执行官": ("CEO", "noun"),
    "总裁": ("president", "noun"),
    "董事长": ("chairman", "noun"),
    "主席": ("chairman", "noun"),
    "总经理": ("general manager", "noun"),
    "经理": ("manager", "noun"),
    "总监": ("director", "noun"),
    "主任": ("director", "noun"),
    "负责人": ("head", "noun"),
    "专家": ("expert", "noun"),
    "市场": ("market", "noun"),
    "营销": ("marketing", "noun"),
    "产品": ("products", "noun"),
    "服务": ("services", "noun"),
    "技术": ("technology", "noun"),
    "科技": ("technology", "noun"),
    "行业": ("industry", "noun"),
    "产业": ("industry", "noun"),
    "报告": ("report", "noun"),
    "榜单": ("list", "noun"),
    "名单": ("list", "noun"),
    "排行榜": ("ranking", "noun"),
    "数量": ("number", "noun"),
    "数目": ("number", "noun"),
    "规模": ("scale", "noun"),
    "收入": ("revenue", "noun"),
    "营收": ("revenue", "noun"),
    "利润": ("profit", "noun"),
    "成本": ("cost", "noun"),
    "价格": ("price", "noun"),
    "投资": ("investment", "noun"),
    "融资": ("funding", "noun"),
    "估值": ("valuation", "noun"),
    "比例": ("share", "noun"),
    "占比": ("share", "noun"),
    "份额": ("share", "noun"),
    "比重": ("share", "noun"),
    "百分比": ("percentage", "noun"),
    "增长率": ("growth rate", "noun"),
    "增速": ("growth rate", "noun"),
    "总部": ("headquarters", "noun"),
    "活动": ("event", "noun"),
    "会议": ("conference", "noun"),
    "大会": ("conference", "noun"),
    "计划": ("plan", "noun"),
    "目标": ("target", "noun"),
    "项目": ("project", "noun"),
    "政策": ("policy", "noun"),
    "政府": ("government", "noun"),
    "数据": ("data", "noun"),
    "模型": ("model", "noun"),
    "大学": ("university", "noun"),
    "学校": ("school", "noun"),
    "工厂": ("factories", "noun"),
    "全称": ("full name", "noun"),
    "缩写": ("abbreviation", "noun"),
    "简称": ("abbreviation", "noun"),
    "名字": ("name", "noun"),
    "名称": ("name", "noun"),
    "原因": ("reason", "noun"),
    "时间": ("time", "noun"),
    "日期": ("date", "noun"),
    "入选": ("selected", "verb"),
    "上榜": ("on the list", "verb"),
    "入围": ("selected", "verb"),
    "发布": ("released", "verb"),
    "公布": ("released", "verb"),
    "发表": ("published", "verb"),
    "出版": ("published", "verb"),
    "成立": ("founded", "verb"),
    "创立": ("founded", "verb"),
    "创办": ("founded", "verb"),
    "建设": ("build", "verb"),
    "建立": ("build", "verb"),
    "建造": ("build", "verb"),
    "打造": ("build", "verb"),
    "覆盖": ("cover", "verb"),
    "达到": ("reach", "verb"),
    "达": ("reach", "verb"),
    "新增": ("add", "verb"),
    "增加": ("increase", "verb"),
    "提高": ("increase", "verb"),
    "提升": ("increase", "verb"),
    "减少": ("reduce", "verb"),
    "降低": ("reduce", "verb"),
    "预计": ("expected", "verb"),
    "专注于": ("focus on", "verb"),
    "专注": ("focus on", "verb"),
    "聚焦": ("focus on", "verb"),
    "代表": ("stand for", "verb"),
    "意思": ("mean", "verb"),
    "指": ("mean", "verb"),
    "占": ("account for", "verb"),
    "占据": ("occupy", "verb"),
    "举办": ("held", "verb"),
    "举行": ("held", "verb"),
    "宣布": ("announced", "verb"),
    "收购": ("acquired", "verb"),
    "生产": ("produce", "verb"),
    "制造": ("make", "verb"),
    "开发": ("develop", "verb"),
    "研发": ("develop", "verb"),
    "推出": ("launch", "verb"),
    "提供": ("provide", "verb"),
    "使用": ("use", "verb"),
    "支持": ("support", "verb"),
    "获得": ("receive", "verb"),
    "领先": ("lead", "verb"),
    "负责": ("responsible for", "verb"),
    "担任": ("serve as", "verb"),
    "雇用": ("employ", "verb"),
    "销售": ("sell", "verb"),
    "卖": ("sell", "verb"),
    "出口": ("export", "verb"),
    "进口": ("import", "verb"),
    "增长": ("grow", "verb"),
    "下降": ("fall", "verb"),
    "开设": ("open", "verb"),
    "开放": ("open", "verb"),
    "关闭": ("close", "verb"),
    "种植": ("plant", "verb"),
    "访问": ("visit", "verb"),
    "参加": ("attend", "verb"),
    "提出": ("propose", "verb"),
    "叫": ("called", "verb"),
    "称为": ("called", "verb"),
    "国家级": ("national-level", "adj"),
    "省级": ("provincial", "adj"),
    "市级": ("municipal", "adj"),
    "新": ("new", "adj"),
    "主要": ("main", "adj"),
    "大": ("large", "adj"),
    "小": ("small", "adj"),
}

MEASURES: dict[str, Entry] = {ch: ("", "cl") for ch in MEASURE_WORDS}

TABLE: dict[str, Entry] = {**MEASURES, **WORDS, **TIME, **UNITS, **GRAMMAR, **OPERATORS, **QUESTION}
LONGEST = max(len(k) for k in TABLE)

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SCALES = {"十": 10, "百": 100, "千": 1000}
BIG = {"万": 10_000, "亿": 100_000_000}
NUMERAL_RE = re.compile(r"[零〇一二两三四五六七八九十百千]+")
CARDINALS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def numeral(text: str) -> int | None:
    """The value of a Chinese numeral under ten thousand ("三" 3, "二十七" 27, "一百零五" 105)."""
    if not text or not NUMERAL_RE.fullmatch(text):
        return None
    total, digit = 0, None
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * SCALES[ch]
            digit = None
    return total + (digit or 0)


def scaled(value: float, unit: str) -> str:
    """A number with a Chinese scale word in English ("3.4" "万亿" is "3.4 trillion", "8" "千" is "8,000")."""
    factor = {"万亿": 1e12, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3}[unit]
    amount = value * factor
    for name, size in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
        if amount >= size:
            figure = amount / size
            return f"{figure:g} {name}"
    return f"{amount:,.0f}"


def ordinal(n: int) -> str:
    return ORDINALS[n - 1] if 1 <= n <= len(ORDINALS) else f"{n}th"
