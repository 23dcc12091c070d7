"""How much of the reported network the dataset documents, by level and by decade."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .dataset import DATA_DIR

# Reported in April 2022 (CPAFFC–Sister Cities International dialogue) and repeated, as the
# total, at the 5th conference in Suzhou, November 2023.
REPORTED_TOTAL = 284
REPORTED_PROVINCE_STATE = 50
REPORTED_CITY = 234
REPORTED_SOURCE = "https://mongoltime.com/?p=462"
REPORTED_TOTAL_SOURCE = "https://www.ecns.cn/news/politics/2023-11-03/detail-ihcunyxi9342124.shtml"


def dataset_version(data_dir: Path = DATA_DIR) -> str:
    try:
        return (data_dir / "VERSION").read_text(encoding="utf-8").strip()
    except OSError:
        return "unversioned"


def by_level(pairs: pd.DataFrame) -> pd.DataFrame:
    """Documented sister pairs against the reported counts; friendship ties shown apart,
    since the reported 284 counts sister relationships."""
    sister = pairs[pairs["relation"] == "sister"]
    province_state = int((sister["level"] == "province-state").sum())
    cities = int(sister["level"].isin(["city", "mixed"]).sum())
    rows = [
        ("province-state", "Province–state (sister)", province_state, REPORTED_PROVINCE_STATE),
        ("city", "City and mixed (sister)", cities, REPORTED_CITY),
        ("all", "All sister pairs", province_state + cities, REPORTED_TOTAL),
        ("friendship", "Friendship ties (not in the 284)",
         int((pairs["relation"] == "friendship").sum()), None),
    ]
    frame = pd.DataFrame(rows, columns=["key", "what", "documented", "reported"])
    frame["share"] = [f"{d / r:.0%}" if pd.notna(r) else "—"
                      for d, r in zip(frame["documented"], frame["reported"])]
    frame["reported"] = frame["reported"].astype("Int64")
    return frame


def by_decade(pairs: pd.DataFrame) -> pd.DataFrame:
    """Pairs signed per decade and level; unknown years in their own row."""
    decade = pairs["year"].map(lambda y: "year unknown" if pd.isna(y) else f"{int(y) // 10 * 10}s")
    table = pd.crosstab(decade, pairs["level"]).reindex(columns=["province-state", "city", "mixed"],
                                                        fill_value=0)
    table["total"] = table.sum(axis=1)
    table = table.rename(columns={"province-state": "Province–state", "city": "City",
                                  "mixed": "Mixed", "total": "Total"})
    return table.rename_axis("Decade").reset_index().rename_axis(None, axis=1)


def markdown(pairs: pd.DataFrame) -> str:
    """The datasheet's coverage section, generated so it cannot drift from the data."""
    sister = int((pairs["relation"] == "sister").sum())
    lines = [
        f"{sister} of the {REPORTED_TOTAL} reported sister pairs are documented "
        f"({sister / REPORTED_TOTAL:.0%}), plus {len(pairs) - sister} friendship ties; "
        f"{int(pairs['year'].notna().sum())} of {len(pairs)} pairs ({pairs['year'].notna().mean():.0%}) "
        f"have a known year, {int(pairs['date'].ne('').sum())} an exact date; "
        f"{int((pairs['status'] != 'active').sum())} are recorded as ended.",
        "",
        "| Level | Documented | Reported | Share |",
        "| --- | ---: | ---: | ---: |",
    ]
    for row in by_level(pairs).itertuples(index=False):
        reported = "—" if pd.isna(row.reported) else str(row.reported)
        lines.append(f"| {row.what} | {row.documented} | {reported} | {row.share} |")
    decades = by_decade(pairs)
    lines += ["", "| " + " | ".join(decades.columns) + " |",
              "| --- |" + " ---: |" * (len(decades.columns) - 1)]
    for row in decades.itertuples(index=False):
        lines.append("| " + " | ".join(str(v) for v in row) + " |")
    return "\n".join(lines) + "\n"
