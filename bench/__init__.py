"""`make bench`: how long a rerun takes, how many bytes it sends and how much memory it uses."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
