"""Geocoding on real names with the real gazetteer, and Nominatim against a local server."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest

from sistercities.dataset import empty_places, load_places
from sistercities.geocode import (
    BoundaryGeocoder,
    GazetteerGeocoder,
    Query,
    geocode_places,
    name_variants,
    offline_geocoders,
    online_geocoder,
    write_places,
)
from sistercities.schema import PROVINCES


@pytest.fixture(scope="module")
def gazetteer():
    return GazetteerGeocoder()


@pytest.mark.parametrize(("city", "admin", "country", "lat", "lon"), [
    ("Suzhou", "Jiangsu", "CN", 31.3, 120.6),     # not Suzhou, Anhui (33.6, 116.9)
    ("Suzhou", "Anhui", "CN", 33.6, 117.0),
    ("Columbia", "South Carolina", "US", 34.0, -81.0),  # not Columbia, Missouri
    ("Columbia", "Missouri", "US", 38.95, -92.33),
    ("St. Louis", "Missouri", "US", 38.63, -90.2),
    ("Saint Louis", "Missouri", "US", 38.63, -90.2),
    ("Xi'an", "Shaanxi", "CN", 34.26, 108.93),
    ("Urumqi", "Xinjiang", "CN", 43.8, 87.6),
    ("苏州", "Jiangsu", "CN", 31.3, 120.6),
])
def test_same_named_places_resolve_inside_their_own_province_or_state(
        gazetteer, city, admin, country, lat, lon):
    location = gazetteer.geocode({"city": city, "state": admin, "country": country})
    assert location.latitude == pytest.approx(lat, abs=0.3)
    assert location.longitude == pytest.approx(lon, abs=0.3)
    assert location.raw["method"] == "gazetteer"


def test_an_unknown_place_is_none_not_a_guess(gazetteer):
    assert gazetteer.geocode("Atlantis, Jiangsu, CN") is None


@pytest.mark.parametrize(("capital", "province"), [
    ("Hefei", "Anhui"), ("Hangzhou", "Zhejiang"), ("Nanchang", "Jiangxi"), ("Nanjing", "Jiangsu"),
    ("Changchun", "Jilin"), ("Xining", "Qinghai"), ("Fuzhou", "Fujian"), ("Harbin", "Heilongjiang"),
    ("Zhengzhou", "Henan"), ("Shijiazhuang", "Hebei"), ("Changsha", "Hunan"), ("Wuhan", "Hubei"),
    ("Urumqi", "Xinjiang"), ("Lhasa", "Tibet"), ("Lanzhou", "Gansu"), ("Nanning", "Guangxi"),
    ("Guiyang", "Guizhou"), ("Shenyang", "Liaoning"), ("Hohhot", "Inner Mongolia"),
    ("Yinchuan", "Ningxia"), ("Beijing", "Beijing"), ("Shanghai", "Shanghai"), ("Taiyuan", "Shanxi"),
    ("Jinan", "Shandong"), ("Xi'an", "Shaanxi"), ("Tianjin", "Tianjin"), ("Kunming", "Yunnan"),
    ("Guangzhou", "Guangdong"), ("Haikou", "Hainan"), ("Chengdu", "Sichuan"),
    ("Chongqing", "Chongqing"),
])
def test_the_province_code_table_matches_geonames_capitals(gazetteer, capital, province):
    """Each checked GeoNames admin1 code finds the province's capital as its largest match."""
    location = gazetteer.geocode({"city": capital, "state": province, "country": "CN"})
    assert location is not None, f"{capital} not under code {PROVINCES[province][1]}"
    assert location.raw["population"] > 100_000


def test_every_province_has_a_code_and_codes_are_unique():
    codes = [code for _, code in PROVINCES.values()]
    assert len(PROVINCES) == 31
    assert len(set(codes)) == 31


def test_a_province_is_a_point_inside_its_boundary_but_a_municipality_is_its_city():
    boundary = BoundaryGeocoder()
    hubei = boundary.geocode("Hubei, Hubei, CN")
    assert 29 < hubei.latitude < 33.5 and 108 < hubei.longitude < 116.5
    assert boundary.geocode("Beijing, Beijing, CN") is None
    assert boundary.geocode("Wuhan, Hubei, CN") is None


def test_name_variants_drop_qualifiers_and_chinese_suffixes_but_not_us_counties():
    assert name_variants("Wuzhong District (Suzhou)", "CN") == [
        "wuzhong district (suzhou)", "wuzhong district", "wuzhong"]
    assert "orange" not in name_variants("Orange County", "US")


def test_offline_chain_places_counties_districts_and_provinces():
    pairs = pd.DataFrame({
        "province": ["Hubei", "Guangdong"], "place_cn": ["Hubei", "Haizhu District (Guangzhou)"],
        "state": ["Ohio", "California"], "place_us": ["Ohio", "Orange County"],
    })
    report = geocode_places(pairs, empty_places(), empty_places(), offline_geocoders())
    methods = dict(zip(report.places["place"], report.places["method"]))
    assert methods == {"Hubei": "boundary", "Haizhu District (Guangzhou)": "parent city (approximate)",
                       "Ohio": "boundary", "Orange County": "county boundary"}
    assert report.failures == ()


class FakeNominatim(BaseHTTPRequestHandler):
    """Speaks Nominatim's /search JSON; the test sets what each city answers."""

    answers: dict = {}
    requests: list = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        query = parse_qs(urlparse(self.path).query)
        FakeNominatim.requests.append(query)
        city = query.get("city", [""])[0]
        status, body = self.answers.get(city, (200, "[]"))
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def nominatim():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeNominatim)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeNominatim.requests = []
    yield server
    server.shutdown()
    server.server_close()


def lookup_at(server):
    return online_geocoder(domain=f"127.0.0.1:{server.server_address[1]}", scheme="http",
                           timeout=2, min_delay_seconds=0)


def test_nominatim_is_asked_a_structured_query_and_its_answer_is_used(nominatim):
    FakeNominatim.answers = {"Brooklyn": (200, json.dumps([{
        "lat": "40.6501", "lon": "-73.9496", "display_name": "Brooklyn, New York, United States",
        "place_id": 1, "osm_type": "relation", "osm_id": 1}]))}
    location = lookup_at(nominatim)(Query("US", "New York", "Brooklyn"))
    assert (location.latitude, location.longitude) == (40.6501, -73.9496)
    assert location.raw["method"] == "nominatim"
    sent = FakeNominatim.requests[0]
    assert sent["city"] == ["Brooklyn"] and sent["state"] == ["New York"]
    assert sent["countrycodes"] == ["us"]


@pytest.mark.parametrize(("answer", "reason"), [
    ((500, "oops"), "service error"), ((429, "slow down"), "rate-limited by the service (HTTP 429)"),
    ((200, "{not json"), "not valid JSON")])
def test_a_failing_geocoder_is_reported_per_place_and_earlier_coordinates_are_kept(
        nominatim, answer, reason):
    FakeNominatim.answers = {"Akron": answer, "Canton": answer}
    existing = pd.DataFrame([{"country": "US", "admin": "Ohio", "place": "Akron", "lat": 41.08,
                              "lon": -81.52, "method": "gazetteer", "geonameid": "", "detail": ""}])
    pairs = pd.DataFrame({"province": ["Jiangsu", "Jiangsu"], "place_cn": ["Nanjing", "Wuxi"],
                          "state": ["Ohio", "Ohio"], "place_us": ["Akron", "Canton"]})
    only_online = [lookup_at(nominatim)]
    report = geocode_places(pairs, existing, empty_places(), only_online, refresh=True)
    akron = report.places.set_index("place").loc["Akron"]
    assert (akron["lat"], akron["lon"]) == (41.08, -81.52)
    assert any(f.startswith("Akron (Ohio, US): geocoder failed") and reason in f
               for f in report.failures)
    assert any(f.startswith("Canton (Ohio, US): ") and reason in f for f in report.failures)
    assert report.counts["failed"] >= 2


def test_overrides_win_over_every_geocoder(nominatim):
    FakeNominatim.answers = {}
    override = pd.DataFrame([{"country": "US", "admin": "Ohio", "place": "Akron", "lat": 1.0,
                              "lon": 2.0, "method": "", "geonameid": "", "detail": "a cited page"}])
    pairs = pd.DataFrame({"province": ["Jiangsu"], "place_cn": ["Nanjing"], "state": ["Ohio"],
                          "place_us": ["Akron"]})
    report = geocode_places(pairs, empty_places(), override, offline_geocoders())
    akron = report.places.set_index("place").loc["Akron"]
    assert (akron["lat"], akron["lon"], akron["method"]) == (1.0, 2.0, "override")


def test_places_are_written_whole_and_read_back(tmp_path):
    places = pd.DataFrame([{"country": "CN", "admin": "Jiangsu", "place": "Suzhou, \"old\" town",
                            "lat": 31.3, "lon": 120.6, "method": "gazetteer", "geonameid": "1",
                            "detail": "a,b"}])
    target = tmp_path / "places.csv"
    write_places(places, target)
    back = load_places(target)
    assert back.loc[0, "place"] == 'Suzhou, "old" town'
    assert back.loc[0, "lat"] == 31.3
    assert list(tmp_path.iterdir()) == [target]
