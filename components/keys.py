"""Session-state keys: one name per widget or flag, shared by dashboard.py and the components."""

# Widgets whose value is the view (kept in the URL).
YEARS = "years"
MODE = "mode"
LEVELS = "level"
RELATIONS = "relation"
SEARCH = "q"
# Transient UI state.
MAP = "map"
PLAYING = "playing"
SPEED = "speed"
VIEW_YEARS = "view_years"  # the range in view; the slider and the URL follow it
APP_RERUN = "app_rerun"  # a fragment asks for a full rerun (to start or stop its timer)
FIT = "fit_count"  # bumped by "Fit to data" to move the camera back
