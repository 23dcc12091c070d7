"""The container image: lint-clean, pinned, non-root, healthy, and complete with no network.

There is no Docker engine on the test machines: the image's files are laid out from the
Dockerfile's COPY lines and .dockerignore, and its CMD and HEALTHCHECK run on them."""

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.deploy.dockerfile import DOCKERFILE, exec_form, instructions, lay_out_image_files

BIN = Path(sys.executable).parent


def test_hadolint_finds_nothing():
    result = subprocess.run([str(BIN / "hadolint"), "--no-color", str(DOCKERFILE)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr


def test_base_image_is_slim_python_311_pinned_by_tag():
    base = [arguments for keyword, arguments in instructions() if keyword == "FROM"]
    assert len(base) == 1
    assert re.fullmatch(r"python:3\.11\.\d+-slim-\w+", base[0]), base[0]


def test_runs_as_a_non_root_user_after_every_install():
    steps = instructions()
    users = [i for i, (keyword, _) in enumerate(steps) if keyword == "USER"]
    assert users, "no USER: the app would run as root"
    user = steps[users[-1]][1]
    assert user not in ("root", "0") and not user.startswith("0:")
    assert all(keyword != "RUN" for keyword, _ in steps[users[-1]:]), "RUN as the app's user"


def test_app_requirements_are_pinned():
    lines = [line.split("#")[0].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()]
    assert all("==" in line for line in lines if line), lines
    assert ("COPY", "requirements.txt ./") in instructions()
    assert any(keyword == "RUN" and "pip install --no-cache-dir -r requirements.txt" in arguments
               for keyword, arguments in instructions())


def test_serves_streamlit_on_the_exposed_port_with_a_health_check():
    steps = dict(instructions())
    cmd = exec_form(steps["CMD"])
    assert cmd[:3] == ["streamlit", "run", "dashboard.py"]
    assert "--server.port=8501" in cmd and "--server.address=0.0.0.0" in cmd
    assert steps["EXPOSE"] == "8501"
    check = exec_form(steps["HEALTHCHECK"])
    assert "http://127.0.0.1:8501/_stcore/health" in " ".join(check)


def test_the_image_holds_the_app_its_data_and_static_files_and_nothing_else(tmp_path):
    files = lay_out_image_files(tmp_path)
    top = {path.split("/")[0] for path in files}
    # Everything the app reads at run time; none of the tests, bench, scripts or virtualenv.
    assert top == {"requirements.txt", "dashboard.py", ".streamlit", "pages", "components",
                   "sistercities", "data", "static"}
    assert "data/pairings.csv" in files and "static/fonts/atlas-cjk.woff2" in files
    assert not [path for path in files if "__pycache__" in path]


def test_config_the_image_copies_keeps_usage_stats_off():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["headless"] is True


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("unshare") or not shutil.which("ip"),
                    reason="needs root, unshare and ip to make a network namespace")
def test_the_image_files_serve_every_page_with_no_network(tmp_path):
    image = tmp_path / "app"
    lay_out_image_files(image)
    script = ROOT / "tests" / "deploy" / "image_run.py"
    command = f"ip link set lo up && exec {sys.executable} {script} {image}"
    result = subprocess.run(["unshare", "--net", "sh", "-c", command], cwd=tmp_path, timeout=300,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["healthy"], "HEALTHCHECK never passed"
    assert len(report["pages"]) == 5
    for page, seen in report["pages"].items():
        image, repo = seen["image"], seen["repo"]
        assert image["errors"] == 0 and repo["errors"] == 0, (page, image, repo)
        # A file missing from the image shows: the app draws something else (a notice, no map).
        assert image["elements"] == repo["elements"], page
    assert "deck_gl_json_chart" in report["pages"]["/"]["image"]["elements"]
    for path, (status, size) in report["static"].items():
        assert status == 200 and size == (ROOT / path.removeprefix("/app/")).stat().st_size, path
