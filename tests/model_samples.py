"""Hand-built briefing models for renderer tests: every slide kind, in zh and en.

They exercise the renderers without the spec reader or the dataset, so a renderer test
fails only for the renderer's own reasons. The figures are real (from ../shared/sources).
"""

from __future__ import annotations

from briefgen.errors import Origin
from briefgen.format.labels import labels
from briefgen.model import (
    Briefing, Bullet, Bullets, Chart, ChartSeries, Column, Compare, Contact, Event, Figure,
    KpiCards, OnePager, Paragraph, Quote, Section, Slide, SourceNote, Table, Timeline,
)

SPEC = "specs/sample.yaml"


def _o(line: int) -> Origin:
    return Origin(SPEC, line, 5)


_PROFILE = {"zh": "江苏江阴—靖江工业园区简介", "en": "Profile of the Jiangsu Jiangyin–Jingjiang Industrial Park"}
_GDP = {"zh": "江阴GDP破5000亿元", "en": "Jiangyin's GDP passes RMB 500 billion"}


def _note(n: int, fid: str, quote: str, lang: str, src: dict, date: str) -> SourceNote:
    title = src[lang]
    text = (f"《{title}》，{date}：“{quote}”" if lang == "zh" else f"{title}, {date}: “{quote}”")
    source_id = "jjy-park-2024" if src is _PROFILE else "jy-gdp-5000"
    return SourceNote(n, (fid,), source_id, title, "", date, quote, text, original_title=src["zh"])


def notes(lang: str) -> tuple[SourceNote, ...]:
    """Return the numbered source notes the sample figures cite."""
    rows = [
        ("park.founded", "江苏江阴—靖江工业园区成立于2003年8月29日", _PROFILE, "2024"),
        ("park.target.output_2026", "为2026年园区工商开销达到千亿规模夯实基础", _PROFILE, "2024"),
        ("park.target.smes", "确保新增国家科技型中小企业入库20家以上", _PROFILE, "2024"),
        ("park.years", "21年来,靖江、江阴两地坚持产业共进", _PROFILE, "2024"),
        ("city.gdp", "对于奋进的江阴而言，GDP破5000亿元", _GDP, "2025-01"),
        ("city.port.teu_2024", "集装箱吞吐量累计完成65.06万标箱、同比增长14.13%", _GDP, "2025-01"),
        ("city.land.reclaimed", "已累计腾退盘活提升工业用地3.88万亩", _GDP, "2025-01"),
    ]
    return tuple(_note(i + 1, fid, q, lang, src, d) for i, (fid, q, src, d) in enumerate(rows))


def _fig(lang: str, fid: str, note: int, zh: tuple, en: tuple, value, unit) -> Figure:
    label, prefix, number, suffix, period, *detail = zh if lang == "zh" else en
    sep = "" if lang == "zh" else " "
    text = sep.join(p for p in (prefix, number, suffix) if p)
    return Figure(fid, label, text, prefix, number, suffix, period, note, value, unit, sep,
                  detail[0] if detail else "")


def figures(lang: str) -> tuple[Figure, ...]:
    """Return five formatted figures as the resolver would make them."""
    return (
        _fig(lang, "park.founded", 1, ("成立时间", "", "2003", "年", "2003-08-29"),
             ("Founded", "", "2003", "", "29 August 2003"), None, ""),
        _fig(lang, "park.target.output_2026", 2, ("园区工商开销目标", "", "千亿", "规模", "2026年"),
             ("Park business revenue target", "RMB", "100", "billion", "2026"), 1000, "亿元"),
        _fig(lang, "park.target.smes", 3, ("新增国家科技型中小企业", "", "20", "家以上", "2024年"),
             ("New national tech-based SMEs", "", "20", "or more", "2024"), 20, "家"),
        _fig(lang, "park.years", 4, ("跨江联动发展", "", "21", "年", "2024年"),
             ("Years of cross-river development", "", "21", "years", "2024"), 21, "年"),
        _fig(lang, "city.land.reclaimed", 7, ("累计腾退盘活工业用地", "", "3.88", "万亩", "2021—2024年"),
             ("Industrial land reclaimed", "about", "2,590", "ha", "2021–2024", "(38,800 mu)"), 3.88, "万亩"),
    )


def _t(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def charts(lang: str) -> tuple[Chart, Chart, Chart]:
    """Return a milestones column chart, a share chart and a target-against-actual chart."""
    gdp = Chart(
        kind="milestones",
        title=_t(lang, "江阴GDP跨越三个台阶", "Jiangyin's GDP: three milestones"),
        categories=("1993", "2007", "2024"),
        series=(ChartSeries(_t(lang, "地区生产总值", "GDP"),
                            (100.0, 1000.0, 5000.0) if lang == "zh" else (10.0, 100.0, 500.0),
                            _t(lang, "亿元", "RMB billion")),),
        number_format=_t(lang, '#,##0"亿元"', '"RMB "#,##0" bn"'),
        value_labels=_t(lang, ("100亿元", "1000亿元", "5000亿元"), ("RMB 10 bn", "RMB 100 bn", "RMB 500 bn")),
        highlight=2, derived=(True, True, False),
        source_line=_t(lang, "来源：《江阴GDP破5000亿元》，2025年1月", "Source: Jiangyin's GDP passes RMB 500 billion, January 2025"),
        alt_text=_t(lang, "柱形图：江阴GDP 1993年100亿元、2007年1000亿元、2024年5000亿元；1993年和2007年为推算年份。",
                    "Column chart: Jiangyin's GDP was RMB 10 billion in 1993, RMB 100 billion in 2007 and RMB 500 billion in 2024; 1993 and 2007 are derived years."),
        footnote=_t(lang, "1993、2007年由“改革开放以来用15年、14年”推算", "1993 and 2007 derived from “15 years, then 14 years” after 1978"),
        notes=(5,), series_ids=("city.gdp.milestones",), origin=_o(40),
    )
    share = Chart(
        kind="share",
        title=_t(lang, "江阴制造的全国份额", "Jiangyin's share of national output"),
        categories=_t(lang, ("高端汽车用钢", "风电整机", "芯片封测（全球）"),
                      ("High-end automotive steel", "Wind turbines", "Chip packaging & testing (world)")),
        series=(ChartSeries(_t(lang, "份额", "Share"), (75.0, 16.7, 10.0), "%"),),
        number_format='0"%"',
        value_labels=_t(lang, ("四分之三", "六分之一", "十分之一"), ("three quarters", "one sixth", "one tenth")),
        source_line=_t(lang, "来源：《江阴GDP破5000亿元》，2025年1月", "Source: Jiangyin's GDP passes RMB 500 billion, January 2025"),
        alt_text=_t(lang, "份额图：高端汽车用钢四分之三，风电整机六分之一，全球芯片封测十分之一。",
                    "Share chart: three quarters of high-end automotive steel, one sixth of wind turbines, one tenth of the world's chip packaging and testing."),
        notes=(5,), series_ids=("city.national_shares",), origin=_o(50),
    )
    target = Chart(
        kind="target",
        title=_t(lang, "高新技术产业产值占比：目标与基数", "High-tech share of industrial output: target and baseline"),
        categories=_t(lang, ("2021年（预计）", "2024年目标"), ("2021 (est.)", "2024 target")),
        series=(ChartSeries(_t(lang, "占规上工业产值比重", "Share of industrial output"), (39.0, 42.0), "%"),),
        number_format='0"%"',
        value_labels=("39%", "42%"), highlight=1,
        source_line=_t(lang, "来源：澎湃新闻，2022-02-08", "Source: The Paper, 8 February 2022"),
        alt_text=_t(lang, "柱形图：高新技术产业产值占比2021年预计39%，2024年目标42%。",
                    "Column chart: high-tech share of industrial output, 39% in 2021 (estimate) and a 42% target for 2024."),
        notes=(5,), series_ids=("city.kechuang.hitech_share",), origin=_o(60),
    )
    return gdp, share, target


def timeline(lang: str) -> Timeline:
    """Return the park's milestones as a timeline."""
    rows = [
        ("2003-08-29", 2003, "2003年8月29日", "江阴经济开发区靖江园区正式成立", "29 August 2003", "Jingjiang Park of the Jiangyin Economic Development Zone founded"),
        ("2005", 2005, "2005年", "首个超亿美元项目新扬子造船落户", "2005", "First project over US$100 million: New Yangzi Shipbuilding"),
        ("2006", 2006, "2006年", "明确为省级开发区，更名为江苏江阴—靖江工业园区", "2006", "Made a provincial development zone and renamed"),
        ("2007", 2007, "2007年", "扬子江船业在新加坡上市", "2007", "Yangzijiang Shipbuilding lists in Singapore"),
        ("2009", 2009, "2009年", "获评中国重钢结构产业基地", "2009", "Named China Heavy Steel Structure Industry Base"),
        ("2018", 2018, "2018年", "从联动开发迈入融合发展新阶段", "2018", "From joint development to integrated development"),
        ("2020", 2020, "2020年", "支持建设跨江融合发展试验区", "2020", "Backed as a cross-river integration pilot zone"),
        ("2024", 2024, "2024年", "园区党工委、管委会揭牌", "2024", "Park Party Working Committee and Administrative Committee unveiled"),
    ]
    return Timeline(
        tuple(Event(zd if lang == "zh" else ed, y, zt if lang == "zh" else et, 1, f"park.event.{iso}")
              for iso, y, zd, zt, ed, et in rows),
        heading=_t(lang, "大事记", "Milestones"), origin=_o(70))


def slides(lang: str) -> tuple[Slide, ...]:
    """Return one slide of every kind."""
    n = notes(lang)
    figs = figures(lang)
    gdp, share, target = charts(lang)
    industries = _t(lang, ("船舶制造", "高精钢构", "冶金新材料", "机械装备", "汽车零部件", "港口物流"),
                    ("Shipbuilding", "High-precision steel structures", "Metallurgical new materials",
                     "Machinery and equipment", "Auto parts", "Port logistics"))
    emerging = _t(lang, ("高端装备", "新能源", "智能制造", "节能环保"),
                  ("High-end equipment", "New energy", "Smart manufacturing", "Energy saving and environmental protection"))
    long_bullets = tuple(Bullet(t) for t in _t(lang, (
        "江苏江阴—靖江工业园区成立于2003年8月29日，处在国家沿海经济带和沿江经济带T字型的交汇点，是全国首个跨江、跨行政区域联动共建的开放园区。",
        "21年来，靖江、江阴两地坚持产业共进、设施共建、民生共享、生态共美发展理念，把一片江边滩涂建设成为一座现代化特色园区。",
        "立足船舶制造、特色冶金、高精钢构、机械装备、汽车零部件和港口物流“5+1”主导产业，推动传统企业做精做优。",
        "加快长强127特种钢管、350钢管、大明大型装备、骥鑫航空装备、均和产业园等一批重大项目建设步伐。",
        "着力打造以上海交大科创飞地、澄靖科创园、科技工业园为主的科创载体，大力引育科技型企业。",
        "聚焦全链条审批服务，着力实现园区项目审批事项“一网通办”和“园区事、园区办”。",
    ), (
        "Founded on 29 August 2003 where China's coastal and Yangtze River economic belts meet in a T, the park is the first open park in China jointly built across a river and across administrative boundaries.",
        "For 21 years Jingjiang and Jiangyin have shared industry, infrastructure, public services and ecology, turning a stretch of riverside mudflat into a modern industrial park.",
        "Six leading industries (“5+1”): shipbuilding, specialty metallurgy, high-precision steel structures, machinery, auto parts and port logistics.",
        "Major projects under way include Changqiang's 127 special steel pipe, the 350 steel pipe, Daming large equipment, Jixin aviation equipment and the Junhe industrial park.",
        "Innovation hubs: the Shanghai Jiao Tong University innovation enclave, the Chengjing Science Park and the Science and Technology Industrial Park.",
        "Full-chain approval services: one-stop online approval, and park matters handled in the park.",
    )))
    return (
        Slide("title", _t(lang, "江苏江阴—靖江工业园区", "Jiangsu Jiangyin–Jingjiang Industrial Park"),
              subtitle=_t(lang, "投资推介 · 2025", "Investor briefing · 2025"), origin=_o(10)),
        Slide("section", _t(lang, "园区概况", "The park at a glance"), subtitle=_t(lang, "跨江联动，融合发展", "Across the river, one park"), origin=_o(12)),
        Slide("kpis", _t(lang, "园区关键数字", "The park in figures"), (KpiCards(figs[:4], origin=_o(14)),),
              talking_points=(_t(lang, "园区是全国首个跨江联动共建的开放园区。", "The first park in China built jointly across a river."),),
              sources=n[:4], origin=_o(14)),
        Slide("bullets", _t(lang, "园区定位与发展", "Position and development"), (Bullets(long_bullets, origin=_o(20)),),
              talking_points=(_t(lang, "强调区位与产业基础。", "Stress location and industrial base."),), sources=n[:4], origin=_o(20)),
        Slide("chart", gdp.title, (gdp, Paragraph(_t(lang, "改革开放以来，江阴用15年突破100亿元，再用14年跃升至1000亿元，2024年迈上5000亿元台阶。",
                                                 "Since reform and opening-up Jiangyin took 15 years to pass RMB 10 billion, 14 more to reach RMB 100 billion, and passed RMB 500 billion in 2024."), (5,), _o(40))),
              talking_points=(_t(lang, "县级市GDP破5000亿元十分罕见。", "Few county-level cities pass RMB 500 billion."),), sources=(n[4],), origin=_o(40)),
        Slide("chart", share.title, (share,), sources=(n[4],), origin=_o(50)),
        Slide("chart", target.title, (target,), sources=(n[4],), origin=_o(60)),
        Slide("timeline", _t(lang, "园区大事记", "Milestones"), (timeline(lang),), sources=(n[0],), origin=_o(70)),
        Slide("table", _t(lang, "产业结构", "Industries"), (Table(
            (_t(lang, "类别", "Type"), _t(lang, "产业", "Industries")),
            ((_t(lang, "主导产业", "Leading"), _t(lang, "、", ", ").join(industries)),
             (_t(lang, "新兴产业", "Emerging"), _t(lang, "、", ", ").join(emerging))), origin=_o(80)),),
              sources=(n[0],), origin=_o(80)),
        Slide("compare", _t(lang, "两岸协同", "Two banks, one park"), (Compare(
            Column(_t(lang, "主导产业", "Leading industries"), tuple(Bullet(i) for i in industries)),
            Column(_t(lang, "新兴产业", "Emerging industries"), tuple(Bullet(i) for i in emerging)), origin=_o(90)),),
              sources=(n[0],), origin=_o(90)),
        Slide("quote", _t(lang, "发展目标", "Ambition"), (Quote(
            _t(lang, "全力建设实力雄厚的千亿园区、动力澎湃的科创新区、特色鲜明的亿吨港区、环境优良的营商特区、人民幸福的和美社区。",
               "A park of RMB 100 billion, a vibrant innovation district, a distinctive 100-million-tonne port, a first-class business environment and a happy community."),
            _t(lang, "园区简介，2024", "Park profile, 2024"), (2,), _o(100)),), sources=(n[1],), origin=_o(100)),
        Slide("closing", _t(lang, "欢迎投资澄靖", "Invest in the park"), (Contact(
            (_t(lang, "江苏江阴—靖江工业园区管委会", "Administrative Committee, Jiangsu Jiangyin–Jingjiang Industrial Park"),
             _t(lang, "投资促进局", "Investment Promotion Bureau")), origin=_o(110)),), origin=_o(110)),
    )


def onepager(lang: str) -> OnePager:
    """Return a one-pager with every section role."""
    gdp, share, _ = charts(lang)
    return OnePager(
        sections=(
            Section("kpis", KpiCards(figures(lang), origin=_o(120)), origin=_o(120)),
            Section("chart", gdp, origin=_o(125)),
            Section("chart", share, optional=True, origin=_o(126)),
            Section("timeline", timeline(lang), origin=_o(130)),
            Section("narrative", Paragraph(_t(lang,
                "江苏江阴—靖江工业园区成立于2003年，是全国首个跨江、跨行政区域联动共建的开放园区。园区立足“5+1”主导产业，建设三大科创载体，目标到2026年工商开销达到千亿规模。",
                "Founded in 2003, the park is the first in China built jointly across a river and across administrative boundaries. It builds on six leading industries and three innovation hubs, and aims at RMB 100 billion of business revenue by 2026."),
                (1, 2), _o(135)), origin=_o(135)),
            Section("contact", Contact((_t(lang, "园区管委会投资促进局", "Investment Promotion Bureau, Park Administrative Committee"),), _t(lang, "联系我们", "Contact"), origin=_o(140)), origin=_o(140)),
        ),
        notes=notes(lang), origin=_o(118))


def briefing(lang: str = "zh") -> Briefing:
    """Return the whole sample briefing in ``lang``."""
    return Briefing(
        lang=lang,
        title=_t(lang, "江苏江阴—靖江工业园区投资推介", "Jiangsu Jiangyin–Jingjiang Industrial Park: investor briefing"),
        subtitle=_t(lang, "跨江融合发展试验区", "A cross-river integration pilot zone"),
        entity="park",
        entity_name=_t(lang, "江苏江阴—靖江工业园区", "Jiangsu Jiangyin–Jingjiang Industrial Park"),
        issuer=_t(lang, "江苏江阴—靖江工业园区管委会", "Administrative Committee of the Jiangsu Jiangyin–Jingjiang Industrial Park"),
        audience=_t(lang, "投资者", "Investors"),
        subject=_t(lang, "园区投资推介", "Investor briefing on the park"),
        as_of=_t(lang, "2025年1月", "January 2025"),
        theme="park",
        slides=slides(lang),
        onepager=onepager(lang),
        notes=notes(lang),
        spec_path=SPEC,
        labels=labels(lang),
    )


def extra_charts() -> tuple[Chart, ...]:
    """Return the kinds the samples lack: a bar, a line and a two-series target chart."""
    o = Origin("tests/extra.yaml", 1, 1)
    return (
        Chart(kind="bar", title="主导产业产值", categories=("船舶制造", "高精钢构", "冶金新材料", "机械装备"),
              series=(ChartSeries("产值", (420.0, 310.5, 180.0, 95.0), "亿元"),),
              number_format='#,##0.0"亿元"', value_labels=("420亿元", "310.5亿元", "180亿元", "95亿元"),
              highlight=0, source_line="来源：测试", alt_text="条形图", origin=o),
        Chart(kind="line", title="Container throughput", categories=("2019", "2020", "2021", "2022", "2023", "2024"),
              series=(ChartSeries("TEU", (40.1, 45.2, 50.3, 52.0, 57.0, 65.06), "10,000 TEU"),),
              number_format='0.0', value_labels=("40.1", "45.2", "50.3", "52.0", "57.0", "65.06"),
              highlight=5, derived=(False, True, False, False, False, False),
              footnote="2020 derived", source_line="Source: test", alt_text="Line chart", origin=o),
        Chart(kind="target", title="科创目标", categories=("研发投入占比", "高新产值占比"),
              series=(ChartSeries("2021年", (3.2, 39.0), "%"), ChartSeries("2024年目标", (3.5, 42.0), "%")),
              number_format='0.0"%"', value_labels=("3.2%", "39.0%"), source_line="来源：测试",
              alt_text="柱形图", origin=o),
    )


def all_charts() -> list[tuple[str, Chart]]:
    """Return (id, chart) for every sample chart in zh and en, and the extra kinds."""
    out = [(f"{c.kind}-{lang}", c) for lang in ("zh", "en") for c in charts(lang)]
    return out + [(f"{c.kind}-extra", c) for c in extra_charts()]
