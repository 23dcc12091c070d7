"""Session-state keys: one name per widget, shared by dashboard.py and the components."""

YEARS = "years"
LEVELS = "level"
RELATIONS = "relation"
MAP = "map"
