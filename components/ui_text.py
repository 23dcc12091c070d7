"""Interface strings in English and Simplified Chinese; the language is part of the view."""

from __future__ import annotations

import re

import streamlit as st

from sistercities.i18n import t, t_count

from . import keys

TEXT: dict[str, tuple[str, str]] = {
    # (English, 简体中文)
    "nav_overview": ("Overview", "总览"),
    "nav_provinces": ("Provinces", "中国省份"),
    "nav_states": ("States", "美国各州"),
    "nav_sources": ("Sources & coverage", "来源与覆盖"),
    "language": ("Language", "语言"),
    "show": ("Show", "显示"),
    "mode_signed": ("Signed in range", "期间缔结"),
    "mode_standing": ("As of end year", "截至结束年份"),
    "mode_help": ("Signed in range: pairs signed between the two years. As of end year: the "
                  "whole network as it stood at the end year, ended ties greyed.",
                  "期间缔结：两个年份之间缔结的关系。截至结束年份：到结束年份为止的全部关系，已终止的显示为灰色。"),
    "level": ("Level", "级别"),
    "all_levels": ("All levels", "全部级别"),
    "relation": ("Relation", "关系"),
    "all_relations": ("All relations", "全部关系"),
    "search": ("Search a place", "搜索地点"),
    "search_placeholder": ("Suzhou, 苏州, St. Louis…", "苏州、Suzhou、圣路易斯（St. Louis）…"),
    "search_help": ("English name, pinyin or Chinese characters; matching pairs are highlighted "
                    "on the map and listed under it.",
                    "英文名、拼音或汉字；匹配的关系在地图上高亮，并列在地图下方。"),
    "search_matches": ("{n} of {total} pairs in view match “{q}”: highlighted on the map and "
                       "listed below.",
                       "视图中 {total} 对里有 {n} 对匹配“{q}”：已在地图上高亮，并列在下方。"),
    "search_matches_one": ("1 of {total} pairs in view matches “{q}”: highlighted on the map and "
                           "listed below.",
                           "视图中 {total} 对里有 1 对匹配“{q}”：已在地图上高亮，并列在下方。"),
    "search_none": ("No pair in view matches “{q}”. Check the spelling, or widen the filters.",
                    "视图中没有与“{q}”匹配的关系。请检查拼写或放宽筛选条件。"),
    "years": ("Years", "年份"),
    "years_help": ("Drag either end (pause playback first). The years filter the pairs whose "
                   "signing year is known; pairs with no known year are drawn hollow in every "
                   "range, unless “Include pairs with no known year” is off.",
                   "拖动两端选择年份（播放时请先暂停）。年份只筛选已知缔结年份的关系；"
                   "年份不详的关系在任何范围内都以空心弧线显示，除非关闭“包括年份不详的关系”。"),
    "include_undated": ("Include pairs with no known year", "包括年份不详的关系"),
    "include_undated_help": ("On: pairs whose signing year no source gives are on the map "
                             "(hollow arcs), in the figures and in the table, whatever the years. "
                             "Off: only pairs with a known year.",
                             "开启：没有来源给出缔结年份的关系也显示在地图（空心弧线）、数字和表格中，"
                             "不受年份筛选影响。关闭：只显示已知年份的关系。"),
    "year_back": ("Previous year", "上一年"),
    "year_forward": ("Next year", "下一年"),
    "play": ("Play", "播放"),
    "pause": ("Pause", "暂停"),
    "play_help": ("Play the network's growth year by year", "逐年播放网络的发展"),
    "pause_help": ("Pause the timeline at this year", "在当前年份暂停"),
    "fit": ("Fit to data", "适应数据"),
    "fit_help": ("Move the map back to show every pair of this page", "将地图复位以显示本页全部关系"),
    "speed_slow": ("Slow", "慢速"),
    "speed_normal": ("Normal", "中速"),
    "speed_fast": ("Fast", "快速"),
    "kpi_years": ("Years", "年份"),
    "kpi_pairs": ("Pairs shown", "显示的关系"),
    "kpi_provinces": ("Provinces", "省份"),
    "kpi_states": ("States", "州"),
    "kpi_cn_cities": ("Chinese cities", "中国城市"),
    "kpi_us_cities": ("US cities", "美国城市"),
    "undated_shown": ("{n} of these pairs have no known year: drawn hollow on the map, not in "
                      "the chart, which counts signing years.",
                      "其中 {n} 对年份不详：在地图上以空心弧线显示，不计入按缔结年份统计的图表。"),
    "undated_shown_one": ("1 of these pairs has no known year: drawn hollow on the map, not in "
                          "the chart, which counts signing years.",
                          "其中 1 对年份不详：在地图上以空心弧线显示，不计入按缔结年份统计的图表。"),
    "undated_hidden": ("{n} pairs with no known year are hidden (“Include pairs with no known "
                       "year” is off).", "{n} 对年份不详的关系已隐藏（“包括年份不详的关系”已关闭）。"),
    "undated_hidden_one": ("1 pair with no known year is hidden (“Include pairs with no known "
                           "year” is off).", "1 对年份不详的关系已隐藏（“包括年份不详的关系”已关闭）。"),
    "kpi_undated": ("{n} year unknown", "{n} 对年份不详"),
    "no_pairs": ("No pairs match these filters.", "没有符合这些筛选条件的关系。"),
    "reset_filters": ("Reset filters", "重置筛选"),
    "all_undated": ("All {n} pairs of {place} have no known year, and pairs with no known year "
                    "are hidden.", "{place}的全部 {n} 对关系都没有已知年份，而年份不详的关系目前被隐藏。"),
    "all_undated_one": ("The one pair of {place} has no known year, and pairs with no known year "
                        "are hidden.", "{place}唯一的一对关系没有已知年份，而年份不详的关系目前被隐藏。"),
    "show_undated": ("Show pairs with no known year", "显示年份不详的关系"),
    "map_two_fingers": ("Use two fingers to move the map, or tap it first",
                        "用两根手指移动地图，或先轻点地图"),
    "map_active": ("Map active: one finger moves it. Touch outside to scroll.",
                   "地图已激活：单指可移动地图。触碰地图外区域即可滚动页面。"),
    "pairs_in_view": ("Pairs in view", "视图中的关系"),
    "table_in_view": ("{n} pairs, as on the map; click a column to sort. Every source is the "
                      "page the pair was read from.",
                      "共 {n} 对，与地图一致；点击列标题排序。每个来源都是读取该关系的网页。"),
    "table_in_view_one": ("1 pair, as on the map. The source is the page the pair was read from.",
                          "共 1 对，与地图一致。来源是读取该关系的网页。"),
    "table_matching": ("{n} of the {total} pairs in view match “{q}”; click a column to sort.",
                       "视图中 {total} 对里有 {n} 对匹配“{q}”；点击列标题排序。"),
    "table_matching_one": ("1 of the {total} pairs in view matches “{q}”.",
                           "视图中 {total} 对里有 1 对匹配“{q}”。"),
    "table_first": ("The first {n} of {total} in reading order; the CSV export (Export this "
                    "view) lists them all.", "按阅读顺序列出前 {n} 对（共 {total} 对）；"
                    "“保存当前视图”中的 CSV 含全部。"),
    "col_year_basis": ("Year from", "年份依据"),
    "basis_stated": ("stated on the page", "网页写明"),
    "basis_anniversary": ("an anniversary report", "周年报道推算"),
    "basis_list": ("a dated list", "带日期的名录"),
    "legend_label": ("Map legend", "地图图例"),
    "legend_cn_place": ("Chinese place", "中国地点"),
    "legend_us_place": ("US place", "美国地点"),
    "unlocated": ("{n} pair(s) not on the map because a place has no coordinates yet: {names}.",
                  "{n} 对关系因地点暂无坐标未显示在地图上：{names}。"),
    "legend_ended": ("Ended", "已终止"),
    "bundled": ("{pairs:,} pairs in view, more than {limit:,}: drawn as {arcs:,} arcs bundled by "
                "province and state. Narrow the filters to see single pairs.",
                "视图中有 {pairs:,} 对，超过 {limit:,} 对：按省州合并为 {arcs:,} 条弧线。"
                "缩小筛选范围可查看单对关系。"),
    "legend_hint": ("Tap a place or an arc to open its page.", "轻点地点或弧线打开其页面。"),
    "legend_hint_hover": ("Point at a place to light up its pairs; click it to open its page.",
                          "指向地点可高亮其关系；点击可打开其页面。"),
    "map_alt": ("Map of {n} China–US sister relationships, {start}–{end}: arcs across the Pacific "
                "from {p} Chinese provinces to {s} US states, coloured by level.",
                "{start}–{end}年 {n} 对中美友好关系地图：从 {p} 个中国省份"
                "跨越太平洋到 {s} 个美国州的弧线，按级别着色。"),
    "go_to_province": ("Go to another province", "转到其他省份"),
    "go_to_state": ("Go to another state", "转到其他州"),
    "choose_province": ("Choose a province…", "选择省份…"),
    "choose_state": ("Choose a state…", "选择州…"),
    "province_pages": ("Province pages", "中国省份页面"),
    "state_pages": ("State pages", "美国各州页面"),
    "unknown_name": ("No {kind} called “{name}” has pairs in the Atlas. Choose one below.",
                     "地图中没有名为“{name}”的{kind}。请在下面选择。"),
    "kind_province": ("province", "省份"),
    "kind_state": ("state", "州"),
    "summary": ("All years: {n} documented pairs with {partners} {partner_noun} ({levels}).",
                "全部年份：已记录 {n} 对关系，涉及 {partners} 个{partner_noun}（{levels}）。"),
    "summary_one": ("All years: 1 documented pair with {partners} {partner_noun} ({levels}).",
                    "全部年份：已记录 1 对关系，涉及 {partners} 个{partner_noun}（{levels}）。"),
    "summary_undated": (" {n} of them have no known year.", "其中 {n} 对年份不详。"),
    "summary_undated_one": (" 1 has no known year.", "其中 1 对年份不详。"),
    "summary_level": ("{n} {level}", "{level} {n} 对"),
    "summary_level_separator": ("; ", "，"),
    "partner_us": ("US states", "美国州"),
    "partner_us_one": ("US state", "美国州"),
    "partner_cn": ("Chinese provinces", "中国省份"),
    "partner_cn_one": ("Chinese province", "中国省份"),
    "partners_us": ("Partner US states", "美国伙伴州"),
    "partners_cn": ("Partner Chinese provinces", "中国伙伴省份"),
    "pairs_sources": ("Pairs and sources", "关系与来源"),
    "pairs_caption": ("{n} pairs; every source is the page the pair was read from.",
                      "{n} 对；每个来源都是读取该关系的网页。"),
    "col_place": ("Place", "地点"),
    "col_partner": ("Partner", "伙伴"),
    "col_level": ("Level", "级别"),
    "col_relation": ("Relation", "关系"),
    "col_year": ("Year", "年份"),
    "col_status": ("Status", "状态"),
    "col_distance": ("Distance (km)", "距离（公里）"),
    "col_source": ("Source", "来源"),
    "col_notes": ("Notes", "备注"),
    "unknown": ("unknown", "不详"),
    "sources_title": ("Sources & coverage", "来源与覆盖"),
    "coverage_line": ("**{sister} of the {total} reported sister pairs documented**, plus "
                      "{friendship} friendship ties; {dated} with a known year. Dataset version "
                      "{version}. The {total} is the count reported at the 5th China-US Sister "
                      "Cities Conference ([source]({total_source})); its split by level was "
                      "reported in 2022 ([source]({split_source})).",
                      "**已记录报告的 {total} 对友好关系中的 {sister} 对**，"
                      "另有友好交流关系 {friendship} 对；"
                      "{dated} 有已知年份。数据版本 {version}。{total} 对是第五届中美友城大会公布的数字"
                      "（[来源]({total_source})）；按级别的划分于2022年公布（[来源]({split_source})）。"),
    "every_pair": ("Every pair and its source", "全部关系及来源"),
    "pairs_listed": ("Every one of the {n} pairs, whatever the filters.",
                     "全部 {n} 对，不受筛选条件影响。"),
    "pairs_listed_one": ("The one pair.", "共 1 对。"),
    "pairs_filtered": ("{n} of the {total} pairs: those the filters let through ({filters}). "
                       "Switch on “List every pair” to see them all.",
                       "{total} 对中的 {n} 对：符合筛选条件（{filters}）的关系。"
                       "开启“列出全部关系”可查看全部。"),
    "pairs_filtered_one": ("1 of the {total} pairs: the one the filters let through ({filters}). "
                           "Switch on “List every pair” to see them all.",
                           "{total} 对中的 1 对：符合筛选条件（{filters}）的关系。"
                           "开启“列出全部关系”可查看全部。"),
    "sources_all": ("List every pair", "列出全部关系"),
    "sources_all_help": ("Off: the table follows the filters and the search of the other pages "
                         "(the years too). On: every documented pair.",
                         "关闭：表格与其他页面的筛选和搜索（包括年份）一致。开启：列出全部已记录的关系。"),
    "without_undated": ("without pairs of unknown year", "不含年份不详的关系"),
    "undated_list": ("{n} pairs whose year is unknown", "{n} 对年份不详"),
    "undated_list_one": ("1 pair whose year is unknown", "1 对年份不详"),
    "ended_list": ("{n} pairs ended, suspended or downgraded", "{n} 对已终止、暂停或降级"),
    "ended_list_one": ("1 pair ended, suspended or downgraded", "1 对已终止、暂停或降级"),
    "data_issues": ("{n} data issues", "{n} 个数据问题"),
    "data_issues_one": ("1 data issue", "1 个数据问题"),
    "col_cn_place": ("Chinese place", "中国地点"),
    "col_province": ("Province", "省份"),
    "col_us_place": ("US place", "美国地点"),
    "col_state": ("State", "州"),
    "col_date": ("Date", "日期"),
    "col_source_title": ("Source title", "来源标题"),
    "cov_province-state": ("Province–state (sister)", "友好省州"),
    "cov_city": ("City and mixed (sister)", "友好城市（含混合）"),
    "cov_all": ("All sister pairs", "全部友好关系"),
    "cov_friendship": ("Friendship ties (not in the 284)", "友好交流关系（不计入284对）"),
    "col_decade": ("Decade", "年代"),
    "decade_unknown": ("year unknown", "年份不详"),
    "decade_caption": ("All {n} documented pairs by decade signed, the {friendship} friendship "
                       "ties included.", "全部 {n} 对按缔结年代统计，含 {friendship} 对友好交流关系。"),
    "col_total": ("Total", "合计"),
    "col_us_zh": ("US place in Chinese", "美方中文名"),
    "col_kind": ("Source kind", "来源类型"),
    "col_status_source": ("Status source", "状态来源"),
    "col_pairs": ("Pairs", "对数"),
    "trust_status": ("Status", "状态"),
    "trust_basis": ("How the year is known", "年份依据"),
    "trust_kind": ("What the sources are", "来源类型"),
    "trust_caption": ("\"Active\" is said only where a page from {recent} or later shows the tie "
                      "alive; endings, suspensions and downgrades cite the page that reports them.",
                      "仅当 {recent} 年及以后的页面显示关系仍在时才称“有效”；"
                      "终止、暂停和降级均注明报道来源。"),
    "status_seen_recent": ("active, seen since {recent}", "有效，{recent}年后仍见报道"),
    "status_not_seen": ("active, unconfirmed since {recent}", "有效，{recent}年后未见报道"),
    "basis_unknown": ("year unknown", "年份不详"),
    "kind_official": ("official", "官方"),
    "kind_news": ("news", "新闻"),
    "kind_association": ("sister-city association", "友城协会"),
    "kind_encyclopedia": ("encyclopedia", "百科"),
    "kind_list": ("compiled list", "汇编名录"),
    "kind_other": ("other", "其他"),
    "changes_title": ("What changed in version {version}", "版本 {version} 的更改"),
    "changes_caption": ("From data/CHANGELOG.md, with the page read for every change.",
                        "摘自 data/CHANGELOG.md（英文），每项更改均附所读页面。"),
    "col_documented": ("Documented", "已记录"),
    "col_reported": ("Reported", "报告数"),
    "col_share": ("Share", "比例"),
    "nav_upload": ("Check your CSV", "检查你的CSV"),
    "upload_title": ("Check and map your own pairings CSV", "检查并绘制你自己的配对CSV"),
    "upload_help": ("Same columns as the Atlas' data/pairings.csv ({columns}). UTF-8, at most "
                    "{mb} MB. Your file stays in this browser session: the bundled data is never "
                    "changed. Places are placed with the Atlas' own coordinates; others are listed.",
                    "列与本地图的 data/pairings.csv 相同（{columns}）。UTF-8 编码，最大 {mb} MB。"
                    "文件只保留在本次浏览会话中，不会修改内置数据。地点使用本地图已有的坐标，其余列出。"),
    "upload_label": ("Pairings CSV", "配对CSV文件"),
    "upload_rejected": ("This file cannot be used: {reason}", "无法使用此文件：{reason}"),
    "upload_summary": ("{valid} valid pairs; {rows} ({problems}); {warnings} warning(s); "
                       "{unlocated} pair(s) with a place the Atlas cannot place yet.",
                       "有效配对 {valid} 对；{rows}（{problems}）；警告 {warnings} 个；"
                       "{unlocated} 对含有本地图暂无坐标的地点。"),
    "upload_bad_rows": ("{n} rows with problems", "{n} 行有问题"),
    "upload_bad_rows_one": ("1 row with problems", "1 行有问题"),
    "upload_problems": ("{n} problems in all", "共 {n} 个问题"),
    "upload_problems_one": ("1 problem", "1 个问题"),
    "upload_issues": ("Rows with problems: what the row holds, and each problem",
                      "有问题的行：该行内容及每个问题"),
    "upload_template": ("Download a template (the header and one example row)",
                        "下载模板（表头和一行示例）"),
    "upload_lost": ("**{name}** is not loaded any more: the server that held it has stopped (or "
                    "this link was opened in another browser). Nothing was lost from the Atlas; "
                    "upload the file again to check it.",
                    "**{name}** 已不在当前会话中：保存它的服务器已停止（或此链接在另一浏览器中打开）。"
                    "Atlas 的数据没有丢失；请重新上传该文件以检查。"),
    "severity_warning": ("warning", "警告"),
    "col_row": ("Row", "行"),
    "col_problem": ("Problems", "问题"),
    "present": ("Presenter mode", "演示模式"),
    "present_help": ("Large type, no sidebar, high contrast, the timeline playing; step through "
                     "saved views with ← and →.",
                     "大字体、无侧栏、高对比度、自动播放；用 ← 和 → 切换保存的视图。"),
    "start_deck": ("Start a saved presentation", "开始保存的演示"),
    "previous": ("Previous", "上一页"),
    "next": ("Next", "下一页"),
    "exit_present": ("Exit presenter mode", "退出演示模式"),
    "share_button": ("QR code", "二维码"),
    "share_help": ("The view's link as a QR code, for the room to open on their phones.",
                   "以二维码显示当前视图的链接，观众可用手机打开。"),
    "share_title": ("Open this view on your phone", "用手机打开此视图"),
    "share_caption": ("Scan the code or type the address: the same view, without presenter "
                      "mode.", "扫描二维码或输入网址：同一视图，不含演示模式。"),
    "share_local": ("This address is this computer's own: phones in the room cannot open it. "
                    "Start the Atlas with {env} set to the address the room reaches it at, "
                    "for example `http://192.168.1.20:8501`.",
                    "此网址仅指向本机，观众的手机无法打开。请在启动 Atlas 时把 {env} "
                    "设为观众可访问的地址，例如 `http://192.168.1.20:8501`。"),
    "share_png": ("Download the code (PNG)", "下载二维码（PNG）"),
}


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: object) -> str:
    """Text from data or the URL, made literal for Streamlit's Markdown (no links, images,
    emphasis or HTML can come from it)."""
    return _MARKDOWN.sub(r"\\\1", str(text))


def lang() -> str:
    """The view's language; before the page has read the view (the page list is built
    first), the URL's."""
    if keys.VIEW in st.session_state:
        return st.session_state[keys.VIEW]["lang"]
    return "zh" if st.query_params.get("lang") == "zh" else "en"


def tr_count(key: str, n: int, **values) -> str:
    """`key`'s string for `n` things: its `_one` form when n is 1 and one exists."""
    if key not in TEXT:
        return t_count(key, lang(), n, **values)
    one = f"{key}_one"
    return tr(one if n == 1 and one in TEXT else key, n=n, **values)


def tr(key: str, **values) -> str:
    """An interface string; strings shared with exports (levels, relations, titles) live in
    sistercities.i18n."""
    return word(key, lang(), **values)


def word(key: str, language: str, **values) -> str:
    """`key`'s string in `language`, whatever the view's: for what is built once and shared
    by sessions (their view is not known there)."""
    if key not in TEXT:
        return t(key, language, **values)
    english, chinese = TEXT[key]
    return (chinese if language == "zh" else english).format(**values)
