"""Interface and export strings in English and Simplified Chinese, and place names per language."""

from __future__ import annotations

import pandas as pd

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"en": "Sister Cities Atlas", "zh": "中美友好城市地图"},
    "app_subtitle": {"en": "China–US sister provinces/states and cities since 1979, each pair "
                     "with its source.", "zh": "1979年以来的中美友好省州和友好城市，每一对都注明来源。"},
    "map_title": {"en": "China–US sister relationships, {start}–{end}",
                  "zh": "中美友好省州与友好城市，{start}–{end}年"},
    "map_title_scope": {"en": "{scope}: China–US sister relationships, {start}–{end}",
                        "zh": "{scope}：中美友好关系，{start}–{end}年"},
    "milestones_note": {"en": "Dashed lines mark sourced milestones; point at one to read it.",
                        "zh": "虚线标出有来源的重要事件；将指针移到线上即可查看。"},
    "map_title_with_friendship": {"en": "China–US sister and friendship ties, {start}–{end}",
                                  "zh": "中美友好省州、友好城市与友好交流关系，{start}–{end}年"},
    "map_title_with_friendship_scope": {
        "en": "{scope}: China–US sister and friendship ties, {start}–{end}",
        "zh": "{scope}：中美友好与友好交流关系，{start}–{end}年"},
    "caption": {"en": "Source: Sister Cities Atlas, {pairs} pairs, version {version}",
                "zh": "来源：中美友好城市地图，{pairs}对，数据版本 {version}"},
    "level_province-state": {"en": "Province–state", "zh": "友好省州"},
    "level_city": {"en": "City–city", "zh": "友好城市"},
    "level_mixed": {"en": "Mixed", "zh": "省市混合"},
    "ended": {"en": "Ended", "zh": "已终止"},
    "relation_sister": {"en": "Sister", "zh": "友好"},
    "relation_friendship": {"en": "Friendship", "zh": "友好交流"},
    "status_active": {"en": "active", "zh": "有效"},
    "status_ended": {"en": "ended", "zh": "已终止"},
    "status_suspended": {"en": "suspended", "zh": "已暂停"},
    "status_downgraded": {"en": "downgraded", "zh": "已降级"},
    "status_since": {"en": "{status} {year}", "zh": "{year}年{status}"},
    "status_since_unknown": {"en": "{status} (year unknown)", "zh": "{status}（年份不详）"},
    "status_seen": {"en": "active, seen {year}", "zh": "有效（{year}年仍见报道）"},
    "status_no_news": {"en": "active, no news since {year}", "zh": "有效（{year}年后未见消息）"},
    "status_unchecked": {"en": "active, no recent news found", "zh": "有效（近年未见消息）"},
    "tip_year_unknown": {"en": "year unknown", "zh": "年份不详"},
    "tip_signed": {"en": "signed {year}", "zh": "{year}年缔结"},
    "tip_km": {"en": "{km:,} km apart", "zh": "相距 {km:,} 公里"},
    "tip_pairs": {"en": "{n} pairs in view", "zh": "视图中 {n} 对"},
    "tip_pairs_one": {"en": "1 pair in view", "zh": "视图中 1 对"},
    "tip_open": {"en": "Click to open {admin}", "zh": "点击打开{admin}"},
    "tip_bundled": {"en": "{n:,} pairs in view, bundled by province and state",
                    "zh": "视图中 {n:,} 对，按省州合并"},
    "legend_title": {"en": "Level", "zh": "级别"},
    "chart_signed": {"en": "Pairs signed", "zh": "当年缔结"},
    "chart_total": {"en": "Total (line)", "zh": "累计（折线）"},
    "chart_title": {"en": "Pairs signed per year and in total", "zh": "每年缔结数与累计数"},
    "year": {"en": "Year", "zh": "年份"},
    "chart_tip_signed": {"en": "Signed", "zh": "缔结"},
    "chart_tip_total": {"en": "Total by then", "zh": "截至当年累计"},
    "chart_milestone": {"en": "Milestone", "zh": "大事记"},
    "basemap_credit": {"en": "Basemap: Natural Earth, US Census",
                       "zh": "底图：Natural Earth、美国人口普查局"},
    "gif_pairs": {"en": "{n} pairs", "zh": "{n} 对"},
    "gif_undated": {"en": " + {n} with year unknown (hollow)", "zh": " + {n} 对年份不详（空心）"},
    "year_unknown": {"en": "Year unknown", "zh": "年份不详"},
    "export_title": {"en": "Export this view", "zh": "保存当前视图"},
    "export_scale": {"en": "Image scale", "zh": "缩放"},
    "export_scale_help": {"en": "2x or 4x for projectors and print", "zh": "演示用 2x 或 4x"},
    "export_transparent": {"en": "Transparent background", "zh": "无底色"},
    "export_transparent_help": {"en": "No page background and no ocean, for slides",
                                "zh": "不显示页面底色和海洋，用于演示"},
    "export_hint": {"en": "Files are made when you click; the GIF takes a few seconds.",
                    "zh": "点击时生成。"},
    "export_map": {"en": "Map", "zh": "地图"},
    "export_chart": {"en": "Chart", "zh": "图表"},
    "export_gif": {"en": "Timeline GIF", "zh": "逐年动图 GIF"},
    "export_pairs": {"en": "Pairs", "zh": "关系"},
    # Data-file problems (schema.Issue), for the CSV checker and `validate`.
    "issue_empty": {"en": "is empty but required", "zh": "为空，但此列必填"},
    "issue_not_one_of": {"en": "{value!r} is not one of {allowed}",
                         "zh": "{value!r} 不是以下值之一：{allowed}"},
    "issue_not_province": {"en": "{value!r} is not a province, autonomous region or "
                                 "municipality of mainland China",
                           "zh": "{value!r} 不是中国大陆的省、自治区或直辖市"},
    "issue_not_state": {"en": "{value!r} is not a US state or the District of Columbia",
                        "zh": "{value!r} 不是美国的州或哥伦比亚特区"},
    "issue_not_year": {"en": "{value!r} is not a year between {first} and {last}",
                       "zh": "{value!r} 不是 {first} 至 {last} 之间的年份"},
    "issue_not_date": {"en": "{value!r} is not a date written YYYY-MM-DD",
                       "zh": "{value!r} 不是 YYYY-MM-DD 格式的日期"},
    "issue_date_not_in_year": {"en": "{value!r} is not in the year {year}",
                               "zh": "{value!r} 不在 {year} 年内"},
    "issue_not_url": {"en": "{value!r} is not a web address (http:// or https://)",
                      "zh": "{value!r} 不是网址（应以 http:// 或 https:// 开头）"},
    "issue_not_partial_date": {"en": "{value!r} is not a date written YYYY, YYYY-MM or YYYY-MM-DD",
                               "zh": "{value!r} 不是 YYYY、YYYY-MM 或 YYYY-MM-DD 格式的日期"},
    "issue_not_chinese": {"en": "{value!r} is not written in Chinese characters",
                          "zh": "{value!r} 不是用汉字书写的"},
    "issue_basis_missing": {"en": "is empty: the year {year} needs its basis (stated, "
                                  "anniversary or list)",
                            "zh": "为空：年份 {year} 需注明依据（stated、anniversary 或 list）"},
    "issue_status_unsourced": {"en": "is empty: a tie marked {status} needs the page that says so",
                               "zh": "为空：标为 {status} 的关系需注明说明此事的网页"},
    "issue_repeat_province": {"en": "{value!r} should repeat the province in a province-state pair",
                              "zh": "在友好省州关系中，{value!r} 应与省份相同"},
    "issue_repeat_state": {"en": "{value!r} should repeat the state in a province-state pair",
                           "zh": "在友好省州关系中，{value!r} 应与州相同"},
    "issue_end_undated": {"en": "no page read gives the year the tie was {status}; shown as "
                                "{status} in every view",
                          "zh": "没有已读网页给出该关系{status}的年份；在所有视图中均显示为{status}"},
    "issue_short_row": {"en": "has {fields} of {width} fields: a value or a comma is missing, so "
                              "the values after it may sit under the wrong columns",
                        "zh": "只有 {fields} 个字段（表头有 {width} 个）：缺少值或逗号，"
                              "其后的值可能错位到别的列"},
    "issue_missing_columns": {"en": "missing column(s): {columns}. Expected the header: {header}",
                              "zh": "缺少列：{columns}。表头应为：{header}"},
    "issue_extra_columns": {"en": "column(s) not in the schema were ignored: {columns}",
                            "zh": "以下不属于本格式的列已被忽略：{columns}"},
    "issue_duplicate": {"en": "duplicate of row {row} ({pair})", "zh": "与第 {row} 行重复（{pair}）"},
}


def template(key: str, lang: str = "en") -> str:
    """The unformatted string for `key` in `lang` (English when a translation is missing)."""
    entry = STRINGS[key]
    return entry.get(lang, entry["en"])


def t(key: str, lang: str = "en", **values) -> str:
    return template(key, lang).format(**values)


def t_count(key: str, lang: str, n: int, **values) -> str:
    """`key`'s string for `n` things: its `_one` form when n is 1 and one exists."""
    one = f"{key}_one"
    return t(one if n == 1 and one in STRINGS else key, lang, n=n, **values)


def place_names(pairs: pd.DataFrame, lang: str = "en") -> tuple[pd.Series, pd.Series]:
    """(Chinese side, US side) names to show: characters for both in Chinese where the data
    has them (`place_cn_zh`, `place_us_zh`), the English name otherwise."""
    if lang != "zh":
        return pairs["place_cn"], pairs["place_us"]
    cn = pairs["place_cn_zh"].where(pairs["place_cn_zh"].ne(""), pairs["place_cn"])
    if "place_us_zh" not in pairs:
        return cn, pairs["place_us"]
    us = pairs["place_us_zh"].fillna("")
    return cn, us.where(us.ne(""), pairs["place_us"])
