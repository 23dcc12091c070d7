"""deploy/k8s rendered by kustomize (kubectl's, pinned) and checked against Kubernetes' schemas
(kubernetes-validate, offline), then for what the Atlas needs: health probes, resources, the
shared cookie secret, selectors that match, sticky websockets at the Ingress."""

import subprocess
import sys
import tomllib
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from tests.conftest import ROOT
from tests.deploy.dockerfile import exec_form, instructions

KUBECTL = Path(sys.executable).parent / "kubectl"
# The newest schemas kubernetes-validate ships, and an older release still in use.
VERSIONS = ("1.37.0", "1.30.0")
HEALTH = "/_stcore/health"


@pytest.fixture(scope="module")
def objects() -> dict[str, dict]:
    rendered = subprocess.run([str(KUBECTL), "kustomize", str(ROOT / "deploy" / "k8s")],
                              capture_output=True, text=True, timeout=60, check=True).stdout
    docs = [doc for doc in yaml.safe_load_all(rendered) if doc]
    return {doc["kind"]: doc for doc in docs}


def test_renders_the_five_objects(objects):
    assert set(objects) == {"Deployment", "Service", "Ingress", "HorizontalPodAutoscaler",
                            "PodDisruptionBudget"}


@pytest.mark.parametrize("version", VERSIONS)
def test_every_object_matches_the_kubernetes_schema_strictly(objects, version):
    for kind, obj in objects.items():
        try:
            kubernetes_validate.validate(obj, version, strict=True)
        except kubernetes_validate.ValidationError as exc:
            pytest.fail(f"{kind} against {version}: {exc.message} at {list(exc.path)}")


def container(objects) -> dict:
    containers = objects["Deployment"]["spec"]["template"]["spec"]["containers"]
    assert len(containers) == 1
    return containers[0]


def test_probes_ask_streamlit_health_on_the_served_port(objects):
    atlas = container(objects)
    ports = {port["name"]: port["containerPort"] for port in atlas["ports"]}
    cmd = exec_form(dict(instructions())["CMD"])
    assert f"--server.port={ports['http']}" in cmd, "the pod's port is not the image's"
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        check = atlas[probe]["httpGet"]
        assert check["path"] == HEALTH and check["port"] == "http", probe


def test_requests_and_limits_for_cpu_and_memory(objects):
    resources = container(objects)["resources"]
    for bound in ("requests", "limits"):
        assert {"cpu", "memory"} <= set(resources[bound]), bound


def test_cookie_secret_comes_from_a_secret_not_the_manifests(objects):
    env = {item["name"]: item for item in container(objects)["env"]}
    secret = env["STREAMLIT_SERVER_COOKIE_SECRET"]["valueFrom"]["secretKeyRef"]
    assert secret["name"] and secret["key"]
    assert "value" not in env["STREAMLIT_SERVER_COOKIE_SECRET"]


def test_runs_as_the_images_non_root_user(objects):
    pod = objects["Deployment"]["spec"]["template"]["spec"]
    user = [arguments for keyword, arguments in instructions() if keyword == "USER"][-1]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert str(pod["securityContext"]["runAsUser"]) == user
    assert container(objects)["securityContext"]["allowPrivilegeEscalation"] is False


def test_selectors_pick_the_atlas_pods(objects):
    deployment = objects["Deployment"]
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    selectors = [deployment["spec"]["selector"]["matchLabels"],
                 objects["Service"]["spec"]["selector"],
                 objects["PodDisruptionBudget"]["spec"]["selector"]["matchLabels"]]
    selectors += [spread["labelSelector"]["matchLabels"]
                  for spread in deployment["spec"]["template"]["spec"]["topologySpreadConstraints"]]
    for selector in selectors:
        assert selector and selector.items() <= labels.items(), selector


def test_autoscaler_scales_the_deployment_on_cpu(objects):
    spec = objects["HorizontalPodAutoscaler"]["spec"]
    assert spec["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment",
                                      "name": objects["Deployment"]["metadata"]["name"]}
    assert spec["minReplicas"] >= 2 and spec["maxReplicas"] > spec["minReplicas"]
    assert [m["resource"]["name"] for m in spec["metrics"]] == ["cpu"]
    budget = objects["PodDisruptionBudget"]["spec"]
    assert budget.get("maxUnavailable", 0) < spec["minReplicas"] or budget.get("minAvailable", 0) >= 1


def test_ingress_keeps_each_browser_on_its_pod_with_long_websocket_timeouts(objects):
    ingress = objects["Ingress"]
    notes = ingress["metadata"]["annotations"]
    prefix = "nginx.ingress.kubernetes.io/"
    assert notes[prefix + "affinity"] == "cookie"
    assert notes[prefix + "session-cookie-name"]
    assert notes[prefix + "session-cookie-change-on-failure"] == "true"
    for timeout in ("proxy-read-timeout", "proxy-send-timeout"):
        assert int(notes[prefix + timeout]) >= 3600, timeout
    # Uploads as large as Streamlit accepts must get through the proxy.
    limit_mb = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]["maxUploadSize"]
    assert int(notes[prefix + "proxy-body-size"].removesuffix("m")) > limit_mb
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    service = objects["Service"]
    assert backend["name"] == service["metadata"]["name"]
    assert backend["port"]["name"] in {port["name"] for port in service["spec"]["ports"]}
    assert service["spec"]["ports"][0]["targetPort"] in {port["name"] for port in container(objects)["ports"]}
