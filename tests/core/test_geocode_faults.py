"""Geocoder faults from a local fake Nominatim: reported per place, earlier coordinates kept,
places.csv never half-written."""

import shutil
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pandas as pd
import pytest

from sistercities.dataset import empty_places, load_places
from sistercities.geocode import geocode_places, online_geocoder, write_places
from tests.conftest import ROOT


class SlowNominatim(BaseHTTPRequestHandler):
    delay = 0.0
    calls = 0

    def do_GET(self):  # noqa: N802 (http.server's name)
        SlowNominatim.calls += 1
        time.sleep(self.delay)
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'[{"lat": "1.0", "lon": "2.0", "display_name": "x", "place_id": 1}]')
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting: that is the point of the test

    def log_message(self, *args):
        pass


@pytest.fixture
def slow_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), SlowNominatim)
    SlowNominatim.calls = 0
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def test_a_timeout_is_reported_for_the_place_and_its_coordinates_kept(slow_server):
    SlowNominatim.delay = 1.5
    lookup = online_geocoder(domain=f"127.0.0.1:{slow_server.server_address[1]}", scheme="http",
                             timeout=0.3, min_delay_seconds=0)
    existing = pd.DataFrame([{"country": "US", "admin": "Ohio", "place": "Akron", "lat": 41.08,
                              "lon": -81.52, "method": "gazetteer", "geonameid": "", "detail": ""}])
    pairs = pd.DataFrame({"province": ["Jiangsu"], "place_cn": ["Nanjing"], "state": ["Ohio"],
                          "place_us": ["Akron"]})
    report = geocode_places(pairs, existing, empty_places(), [lookup], refresh=True)
    akron = report.places.set_index("place").loc["Akron"]
    assert (akron["lat"], akron["lon"]) == (41.08, -81.52)
    assert "Akron (Ohio, US): geocoder failed (no answer within the timeout); kept earlier " \
           "coordinates" in report.failures


def test_a_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    target = tmp_path / "places.csv"
    shutil.copy(ROOT / "data" / "places.csv", target)
    before = target.read_bytes()

    def half_then_crash(self, handle, **kwargs):
        handle.write("country,admin,place,lat\nCN,Jiangsu,Nan")
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_csv", half_then_crash)
    with pytest.raises(OSError, match="disk full"):
        write_places(load_places(target), target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["places.csv"]


def test_killing_a_refresh_midway_leaves_a_valid_places_file(tmp_path, slow_server):
    SlowNominatim.delay = 0.2
    pairings = tmp_path / "pairings.csv"
    pairings.write_text(
        "level,relation,province,province_zh,place_cn,place_cn_zh,state,place_us,year,date,status,"
        "status_year,source,source_title,notes\n"
        + "".join(f"city,sister,Jiangsu,,Nowhere {n},,Ohio,Noplace {n},1990,,,,https://example.org/{n},,\n"
                  for n in range(30)), encoding="utf-8")
    places = tmp_path / "places.csv"
    shutil.copy(ROOT / "data" / "places.csv", places)
    before = places.read_bytes()
    overrides = tmp_path / "overrides.csv"
    overrides.write_text("country,admin,place,lat,lon,method,geonameid,detail\n", encoding="utf-8")
    command = [sys.executable, "-m", "sistercities", "--pairings", str(pairings), "--places",
               str(places), "geocode", "--overrides", str(overrides), "--online", "--refresh",
               "--domain", f"127.0.0.1:{slow_server.server_address[1]}", "--scheme", "http",
               "--min-delay", "0"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while SlowNominatim.calls < 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.kill()
    process.wait(timeout=10)
    assert SlowNominatim.calls >= 5, "the refresh had started asking the geocoder"
    assert places.read_bytes() == before
    assert len(load_places(places)) > 300
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
