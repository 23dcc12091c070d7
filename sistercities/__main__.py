"""Command line: python -m sistercities validate | coverage | geocode [--online]."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .dataset import PAIRINGS_FILE, PLACES_FILE, DatasetError, load_pairings, load_places
from .geocode import OVERRIDES_FILE, geocode_places, offline_geocoders, online_geocoder, write_places


def cmd_validate(args: argparse.Namespace) -> int:
    from .checks import check_files

    problems, summary = check_files(Path(args.pairings), Path(args.places))
    for problem in problems:
        print(problem)
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
    args = parser.parse_args(argv)
    try:
        return {"validate": cmd_validate, "geocode": cmd_geocode,
                "coverage": cmd_coverage}[args.command](args)
    except DatasetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
