"""How much of the reported network the dataset documents, by level and by decade."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .dataset import DATA_DIR
from .view import RECENT

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


def latest_changes(data_dir: Path = DATA_DIR) -> tuple[str, str] | None:
    """The newest version's section of CHANGELOG.md: (its heading, its Markdown body)."""
    try:
        text = (data_dir / "CHANGELOG.md").read_text(encoding="utf-8")
    except OSError:
        return None
    sections = text.split("\n## ")[1:]
    if not sections:
        return None
    heading, _, body = sections[0].partition("\n")
    return heading.strip(), body.strip()


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


BASIS_WORDS = {"stated": "stated (the page gives the year or date)",
               "anniversary": "anniversary (worked out from a dated anniversary report)",
               "list": "list (a dated list of ties)"}
KIND_WORDS = {"official": "official (government, legislature)",
              "news": "news (newspaper, news agency, or a copy of its report)",
              "association": "association (sister-city association or committee)",
              "encyclopedia": "encyclopedia (or a copy of one)",
              "list": "list (a compiled list)", "other": "other (company page, blog)"}


def by_basis(pairs: pd.DataFrame) -> pd.DataFrame:
    """How each pair's year is known: what its source says, an anniversary, a dated list."""
    basis = pairs["year_basis"].where(pairs["year"].notna(), "year unknown")
    counts = basis.value_counts()
    order = [*BASIS_WORDS, "year unknown"]
    return pd.DataFrame({"basis": order, "pairs": [int(counts.get(b, 0)) for b in order]})


def by_source_kind(pairs: pd.DataFrame) -> pd.DataFrame:
    """What kind of page each pair's source is, most common first."""
    counts = pairs["source_kind"].replace("", "not classified").value_counts()
    return counts.rename_axis("kind").reset_index(name="pairs")


def status_counts(pairs: pd.DataFrame, recent: int = RECENT) -> dict[str, int]:
    """Pairs per status: `seen` (active, a page from `recent` on shows it alive), `not_seen`
    (active, no such page found), then ended, suspended and downgraded."""
    active = pairs[pairs["status"] == "active"]
    seen = active["status_checked"].str[:4].replace("", "0").astype(int) >= recent
    return {"seen": int(seen.sum()), "not_seen": int((~seen).sum()),
            **{status: int((pairs["status"] == status).sum())
               for status in ("ended", "suspended", "downgraded")}}


def markdown(pairs: pd.DataFrame) -> str:
    """The datasheet's coverage section, generated so it cannot drift from the data."""
    sister = int((pairs["relation"] == "sister").sum())
    lines = [
        f"{sister} of the {REPORTED_TOTAL} reported sister pairs are documented "
        f"({sister / REPORTED_TOTAL:.0%}), plus {len(pairs) - sister} friendship ties; "
        f"{int(pairs['year'].notna().sum())} of {len(pairs)} pairs ({pairs['year'].notna().mean():.0%}) "
        f"have a known year, {int(pairs['date'].ne('').sum())} an exact date; "
        f"{int((pairs['status'] != 'active').sum())} are recorded as no longer active.",
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
    lines += ["", "| Status | Pairs |", "| --- | ---: |"]
    words = {"seen": f"active, seen since {RECENT}",
             "not_seen": f"active, unconfirmed since {RECENT}"}
    lines += [f"| {words.get(status, status)} | {count} |"
              for status, count in status_counts(pairs).items()]
    lines += ["", "| How the year is known | Pairs |", "| --- | ---: |"]
    lines += [f"| {BASIS_WORDS.get(row.basis, row.basis)} | {row.pairs} |"
              for row in by_basis(pairs).itertuples(index=False)]
    lines += ["", "| Source | Pairs |", "| --- | ---: |"]
    lines += [f"| {KIND_WORDS.get(row.kind, row.kind)} | {row.pairs} |"
              for row in by_source_kind(pairs).itertuples(index=False)]
    return "\n".join(lines) + "\n"
