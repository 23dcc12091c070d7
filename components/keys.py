"""Session-state keys: one name per widget or flag, shared by dashboard.py and the components."""

# The view (years, mode, levels, relations, search, language, presenter): the URL mirrors it.
VIEW = "view"
BOUNDS = "year_bounds"  # the data's first and last year, for URL writes from callbacks
# Widgets that edit the view.
YEARS = "years"
MODE = "w_mode"
LEVELS = "w_level"
RELATIONS = "w_relation"
SEARCH = "w_q"
LANG = "w_lang"
PRESENT = "w_present"
UNDATED = "w_undated"
# Transient UI state.
MAP = "map"
MAP_CLIENT = "map_client"  # the map's browser side
MAP_SIZE = "map_size"  # the map's size as the browser last measured it
PLAYING = "playing"
SPEED = "speed"
APP_RERUN = "app_rerun"  # a fragment asks for a full rerun (to start or stop its timer)
URLS_WRITTEN = "urls_written"  # the views this session last wrote to the URL
FIT = "fit_count"  # bumped by "Fit to data" to move the camera back
AUTOPLAYED = "autoplayed"  # the (deck, slide) whose autoplay has started
OPENED_SLIDE = "opened_slide"  # the (deck, slide) whose view was last applied
SHARING = "sharing"  # the QR code dialog was asked for (opened on the next page run)
UPLOAD_GENERATION = "upload_generation"  # bumped for a fresh uploader (its key changes)
UPLOAD_LOST = "upload_lost"  # the file name last announced as lost with its server
