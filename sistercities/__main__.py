"""Command line: python -m sistercities validate | coverage | geocode [--online] | export."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .dataset import PAIRINGS_FILE, PLACES_FILE, DatasetError, load_pairings, load_places
from .geocode import OVERRIDES_FILE, geocode_places, offline_geocoders, online_geocoder, write_places


def cmd_validate(args: argparse.Namespace) -> int:
    from .checks import check_files

    problems, warnings, summary = check_files(Path(args.pairings), Path(args.places))
    for problem in problems:
        print(problem)
    for warning in warnings:
        print(f"warning: {warning}")
    print(summary)
    return 1 if problems else 0


def cmd_geocode(args: argparse.Namespace) -> int:
    pairings = load_pairings(Path(args.pairings))
    for issue in pairings.errors:
        print(issue, file=sys.stderr)
    geocoders = offline_geocoders()
    if args.online:
        geocoders.append(online_geocoder(domain=args.domain, scheme=args.scheme,
                                         min_delay_seconds=args.min_delay))
    report = geocode_places(pairings.pairs, load_places(Path(args.places)),
                            load_places(Path(args.overrides)), geocoders, refresh=args.refresh)
    write_places(report.places, Path(args.places))
    print(", ".join(f"{n} {what}" for what, n in report.counts.items()) + f" -> {args.places}")
    if report.failures:
        print(f"{len(report.failures)} place(s) without coordinates (add them to "
              f"{Path(args.overrides).name} or try --online):")
        for failure in report.failures:
            print(f"  - {failure}")
        return 1
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    from .coverage import markdown

    print(markdown(load_pairings(Path(args.pairings)).pairs), end="")
    return 0


EXPORTS = ("map", "chart", "timeline-gif", "csv", "geojson")


def parse_years(text: str) -> tuple[int, int]:
    """"1979-2023" (or one year, "2001") as a (start, end) pair."""
    parts = text.replace("–", "-").split("-")
    if len(parts) not in (1, 2) or not all(p.strip().isdigit() for p in parts):
        raise argparse.ArgumentTypeError(f"expected years like 1979-2023, got {text!r}")
    years = [int(p) for p in parts]
    return years[0], years[-1]


def cmd_export(args: argparse.Namespace) -> int:
    """The same view the app builds from the same filters, written as one file."""
    from . import export
    from .atlas import load_atlas
    from .schema import canonical_province, canonical_state
    from .timeline import YearWindow, clamp_years
    from .view import Filters, apply_filters

    province = canonical_province(args.province) if args.province else None
    if args.province and province is None:
        raise export.ExportError(f"no province called {args.province!r} (try e.g. Jiangsu or 江苏)")
    state = canonical_state(args.state) if args.state else None
    if args.state and state is None:
        raise export.ExportError(f"no US state called {args.state!r} (try e.g. Ohio or OH)")
    output = Path(args.output)
    fmt = args.format or ("svg" if output.suffix.lower() == ".svg" else "png")
    if args.format and args.what not in ("map", "chart"):
        raise export.ExportError("--format applies to --what map and chart only")
    atlas = load_atlas(Path(args.pairings), Path(args.places))
    start, end = args.years or atlas.bounds
    if clamp_years(start, end, atlas.bounds) != (min(start, end), max(start, end)):
        raise export.ExportError(f"years must lie within {atlas.bounds[0]}-{atlas.bounds[1]}, "
                                 f"the years in the data")
    start, end = clamp_years(start, end, atlas.bounds)
    filters = Filters(YearWindow(start, end, args.mode, not args.no_undated),
                      levels=tuple(args.level or ()),
                      relations=tuple(args.relation or ()), province=province, state=state)
    view = apply_filters(atlas.located, filters)
    if view.empty:
        print("note: no pairs match these filters; the export is empty", file=sys.stderr)
    label = export.with_filters(export.scope_title(province, state, args.lang),
                                tuple(args.level or ()), tuple(args.relation or ()), args.lang)
    if args.what == "map":
        data = export.map_image(view, start, end, fmt, args.scale, args.transparent, args.lang, label)
    elif args.what == "chart":
        # The chart shows the page's every pair (all levels, all years), as on screen.
        scope = atlas.pairs
        if province:
            scope = scope[scope["province"] == province]
        if state:
            scope = scope[scope["state"] == state]
        data = export.chart_image(scope, atlas.bounds, (start, end), atlas.events, fmt,
                                  args.scale, args.transparent, args.lang)
    elif args.what == "timeline-gif":
        first = start if args.mode == "signed" else atlas.bounds[0]
        data = export.timeline_gif(view, end, args.scale, args.lang, label, first=first)
    elif args.what == "csv":
        data = export.pairs_csv(view, args.lang)
    else:
        data = export.pairs_geojson(view, args.lang)
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise export.ExportError(f"cannot write {output}: {exc.strerror or exc}") from exc
    print(f"{len(view)} pairs -> {output} ({len(data):,} bytes)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sistercities",
                                     description="Sister Cities Atlas data tools.")
    parser.add_argument("--pairings", default=str(PAIRINGS_FILE))
    parser.add_argument("--places", default=str(PLACES_FILE))
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check the data files; exit 1 on any problem")
    sub.add_parser("coverage", help="print the coverage tables (Markdown) for data/README.md")
    geocode = sub.add_parser("geocode", help="write data/places.csv for every place in the pairs")
    geocode.add_argument("--overrides", default=str(OVERRIDES_FILE))
    geocode.add_argument("--online", action="store_true",
                         help="after the offline gazetteer, ask Nominatim (needs the network)")
    geocode.add_argument("--refresh", action="store_true",
                         help="geocode again places that already have coordinates")
    geocode.add_argument("--domain", default="nominatim.openstreetmap.org")
    geocode.add_argument("--scheme", default="https", choices=("http", "https"))
    geocode.add_argument("--min-delay", type=float, default=1.0,
                         help="seconds between online requests (Nominatim's policy: 1)")
    add_export_parser(sub)
    args = parser.parse_args(argv)
    from .export import ExportError

    try:
        return {"validate": cmd_validate, "geocode": cmd_geocode, "coverage": cmd_coverage,
                "export": cmd_export}[args.command](args)
    except (DatasetError, ExportError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def add_export_parser(sub: argparse._SubParsersAction) -> None:
    from .schema import LEVELS, RELATIONS
    from .timeline import MODES, SIGNED

    export = sub.add_parser("export", help="write the map, chart, timeline GIF, CSV or GeoJSON "
                            "of a view", description="Export a view as the app shows it, e.g. "
                            "export --what map --years 1979-2023 --province Jiangsu -o jiangsu.png")
    export.add_argument("--what", required=True, choices=EXPORTS)
    export.add_argument("--years", type=parse_years, help="start-end, e.g. 1979-2023 "
                        "(default: every year in the data)")
    export.add_argument("--province", help="only this Chinese province (English or 汉字)")
    export.add_argument("--state", help="only this US state (name or postal code)")
    export.add_argument("--level", action="append", choices=LEVELS, help="repeat for several")
    export.add_argument("--relation", action="append", choices=RELATIONS, help="repeat for several")
    export.add_argument("--mode", choices=MODES, default=SIGNED,
                        help="signed: signed within the years; standing: all signed by the end year")
    export.add_argument("--no-undated", action="store_true",
                        help="leave out pairs whose year is unknown (the app's default shows them)")
    export.add_argument("--format", choices=("png", "svg"),
                        help="for map and chart (default: from the output's suffix, else png)")
    export.add_argument("--scale", type=int, choices=(1, 2, 4), default=1,
                        help="pixel scale of PNGs and the GIF (GIF: 1 or 2)")
    export.add_argument("--transparent", action="store_true",
                        help="no page background or ocean (map, chart), for slides")
    export.add_argument("--lang", choices=("en", "zh"), default="en")
    export.add_argument("-o", "--output", required=True, help="the file to write")


if __name__ == "__main__":
    sys.exit(main())
