"""Rewrite the coverage section of data/README.md from the data (python scripts/update_datasheet.py)."""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sistercities.coverage import markdown  # noqa: E402
from sistercities.dataset import DATA_DIR, load_pairings  # noqa: E402

path = DATA_DIR / "README.md"
text = path.read_text(encoding="utf-8")
section = "<!-- coverage:start -->\n" + markdown(load_pairings().pairs) + "<!-- coverage:end -->"
path.write_text(re.sub(r"<!-- coverage:start -->\n.*?<!-- coverage:end -->", lambda _: section,
                       text, flags=re.S), encoding="utf-8")
print(f"updated {path}")
