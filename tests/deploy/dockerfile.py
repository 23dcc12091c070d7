"""Read the Dockerfile and .dockerignore as Docker does, enough to lay out the image's files
without a Docker engine (there is none on the test machines)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from tests.conftest import ROOT

DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"


def instructions(text: str | None = None) -> list[tuple[str, str]]:
    """(KEYWORD, arguments) per instruction: comments dropped, continued lines joined."""
    text = DOCKERFILE.read_text() if text is None else text
    joined, pending = [], ""
    for line in text.splitlines():
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        joined.append(pending + line)
        pending = ""
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1].strip()) for line in joined]


def exec_form(arguments: str) -> list[str]:
    """A JSON-array CMD or HEALTHCHECK CMD as its argv."""
    return json.loads(arguments[arguments.index("["):])


def _pattern(pattern: str) -> re.Pattern:
    """Docker's (Go filepath.Match) pattern, with `**` for any number of folders."""
    pattern = pattern.strip().strip("/")
    regex = ""
    for token in re.split(r"(\*\*/|\*\*|\*|\?)", pattern):
        regex += {"**/": "(?:.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}.get(token, re.escape(token))
    return re.compile(regex + r"\Z")


def ignore_rules(text: str | None = None) -> list[tuple[bool, re.Pattern]]:
    text = DOCKERIGNORE.read_text() if text is None else text
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [(line.startswith("!"), _pattern(line.lstrip("!"))) for line in lines]


def ignored(path: str, rules: list[tuple[bool, re.Pattern]]) -> bool:
    """Docker's rule: the last pattern matching the path or one of its parent folders wins."""
    parts = path.split("/")
    prefixes = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
    verdict = False
    for include, pattern in rules:
        if any(pattern.match(prefix) for prefix in prefixes):
            verdict = not include
    return verdict


def lay_out_image_files(target: Path) -> list[str]:
    """Every file the Dockerfile's COPY instructions put under WORKDIR, copied into `target`
    from the build context (the repository less .dockerignore); their relative paths."""
    rules, copied = ignore_rules(), []
    for keyword, arguments in instructions():
        if keyword != "COPY":
            continue
        *sources, destination = arguments.split()
        for source in sources:
            root = ROOT / source
            files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
            for file in files:
                relative = file.relative_to(ROOT).as_posix()
                if ignored(relative, rules):
                    continue
                inside = (Path(destination) / (file.name if root.is_file()
                                               else file.relative_to(root))).as_posix()
                (target / inside).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(file, target / inside)
                copied.append(inside)
    return copied
