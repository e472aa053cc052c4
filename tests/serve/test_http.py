"""``cantine-rules serve --http``: the real uvicorn server on a loopback port, a real client."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from cantine_rules.serve import EXTRA_MISSING, HttpSettings, Service
from cantine_rules.serve._http import application, listen
from tests.serve._oneshot import MA_COMMUNE, ROOT, SCENARIOS, one_shot

DECIDE = {
    "commune": "saint-just-d-avray",
    "service": "repas",
    "day": "2024-09-23",
    "action": "add",
    "at": "2024-09-19T17:00",
}


class Server:
    """``cantine-rules serve --http`` as its own process, on a free loopback port."""

    def __init__(self, *options: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cantine_rules", "serve", "--http", "--port", "0", *options],
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        assert self.process.stderr is not None
        first = self.process.stderr.readline()
        assert first.startswith("cantine-rules serve: listening on http://127.0.0.1:"), first
        self.url = first.split()[-1]
        self.client = httpx.Client(base_url=self.url, timeout=30)

    def post(self, command: str, body: object) -> httpx.Response:
        return self.client.post(f"/v1/{command}", json=body)

    def stop(self, how: signal.Signals = signal.SIGTERM) -> tuple[int, str]:
        self.client.close()
        self.process.send_signal(how)
        code = self.process.wait(timeout=30)
        assert self.process.stderr is not None
        rest = self.process.stderr.read()
        self.process.stderr.close()
        return code, rest


def started(folder: Path) -> tuple[Server, Path]:
    """A server with a copy of ``ma-commune.toml`` in *folder* and the example scenarios."""
    policy = folder / "ma-commune.toml"
    shutil.copy(MA_COMMUNE, policy)
    scenarios = str(ROOT / "examples" / "scenarios")
    return Server("--policy", str(policy), "--data-dir", scenarios), policy


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Path]]:
    # One server for the tests that do not change its policy file: each start takes a while.
    server, policy = started(tmp_path_factory.mktemp("policies"))
    yield server, policy
    if server.process.poll() is None:
        server.stop()


@pytest.fixture
def server(running: tuple[Server, Path]) -> Server:
    return running[0]


@pytest.fixture
def policy(running: tuple[Server, Path]) -> Path:
    return running[1]


def test_health_lists_the_policy_files(server: Server, policy: Path) -> None:
    answer = server.client.get("/health")
    assert answer.status_code == 200
    assert answer.json() == {
        "status": "ok",
        "policies": [{"path": str(policy), "ok": True, "commune": "ma-commune", "error": None}],
    }


def test_communes_by_get_and_by_post(server: Server) -> None:
    by_get = server.client.get("/v1/communes")
    by_post = server.client.post("/v1/communes")
    assert by_get.status_code == by_post.status_code == 200
    assert by_get.json() == by_post.json() == {"id": None, **one_shot({"command": "communes"})}


@pytest.mark.parametrize(
    "request_",
    [
        {"command": "decide", **DECIDE},
        {"command": "decide", **DECIDE, "lang": "en", "channel": "office", "qf": "812"},
        {"command": "explain", "commune": "paris", "lang": "en"},
        {"command": "calendar", "commune": "paris", "from": "2024-05-06", "to": "2024-05-12"},
        {"command": "planning", "commune": "paris", "service": "repas", "month": "2024-10"}
        | {"at": "2024-10-01T10:00"},
        {"command": "price", "commune": "paris", "service": "repas", "qf": "235"}
        | {"day": "2020-10-05"},
        {"command": "bill", "scenario": str(SCENARIOS[0])},
    ],
)
def test_each_command_answers_as_the_one_shot_command(
    server: Server, request_: dict[str, Any]
) -> None:
    command = request_["command"]
    body = {key: value for key, value in request_.items() if key != "command"}
    answer = server.post(command, {"id": f"r-{command}", **body})
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json"
    assert answer.json() == {"id": f"r-{command}", **one_shot(request_)}


def test_a_policy_file_given_at_start_answers(server: Server, policy: Path) -> None:
    answer = server.post("check", {"policy": str(policy), "cost": "3.50"})
    assert answer.status_code == 200
    assert answer.json()["result"]["commune"] == "ma-commune"
    request = {"command": "price", "commune": str(policy), "service": "repas", "day": "2025-03-20"}
    answer = server.post("price", request)
    assert answer.json() == {"id": None, **one_shot(request)}


def test_bad_input_is_400_with_the_command_s_error(server: Server) -> None:
    request = {**DECIDE, "day": "2024-13-45", "id": 9}
    answer = server.post("decide", request)
    assert answer.status_code == 400
    assert answer.json() == {"id": 9, **one_shot({"command": "decide", **request})}
    assert answer.json()["error"]["field"] == "--day"


def test_a_request_that_is_no_command_is_refused(server: Server) -> None:
    unknown = server.post("dance", {"id": 1})
    assert unknown.status_code == 404
    assert unknown.json()["error"]["field"] == "command"
    other = server.post("decide", {**DECIDE, "command": "price"})
    assert other.status_code == 400
    assert other.json()["error"]["field"] == "command"
    not_json = server.client.post("/v1/decide", content=b"{oops")
    assert not_json.status_code == 400
    assert not_json.json()["error"]["message"].startswith("request: is not JSON")
    array = server.client.post("/v1/decide", content=b"[]")
    assert array.status_code == 400
    assert server.client.get("/v1/decide").status_code == 405
    missing = server.client.get("/v2/nothing")
    assert missing.status_code == 404
    assert missing.json()["ok"] is False


def test_a_file_outside_the_policies_and_data_dirs_is_refused(server: Server) -> None:
    answer = server.post("check", {"policy": str(MA_COMMUNE)})
    assert answer.status_code == 400
    assert answer.json()["error"]["field"] == "policy"
    answer = server.post("decide", {**DECIDE, "commune": "/etc/../etc/hostname.toml"})
    assert answer.status_code == 400
    assert answer.json()["error"]["field"] == "commune"


def test_a_body_over_the_limit_is_413(server: Server) -> None:
    big = {**DECIDE, "service": "x" * 70_000}
    assert server.post("decide", big).status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: the body is counted as it comes
        yield b'{"service": "'
        for _ in range(100):
            yield b"x" * 1_000
        yield b'"}'

    chunked = server.client.post("/v1/decide", content=chunks())
    assert chunked.status_code == 413
    assert chunked.json()["error"]["message"] == "request: larger than 65536 bytes"
    # The server goes on.
    assert server.post("decide", DECIDE).status_code == 200


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    server, policy = started(tmp_path)
    yield server, policy
    if server.process.poll() is None:
        server.stop()


def test_a_policy_file_is_loaded_again_when_it_changes(fresh: tuple[Server, Path]) -> None:
    server, policy = fresh
    # « add: weekday_before thursday 10:00 »: half an hour late, then on time once the
    # commune moves its cutoff to 11:00.
    late = {**DECIDE, "commune": str(policy), "day": "2025-03-20", "at": "2025-03-13T10:30+01:00"}
    assert server.post("decide", late).json()["result"]["status"] == "refused"
    text = policy.read_text(encoding="utf-8")
    policy.write_text(text.replace('cutoff = "10:00"', 'cutoff = "11:00"', 1), encoding="utf-8")
    stamp = policy.stat().st_mtime_ns + 1_000_000_000
    os.utime(policy, ns=(stamp, stamp))
    assert server.post("decide", late).json()["result"]["status"] == "accepted"
    policy.write_text(text.replace('name = "Ma Commune"', "name = 3"), encoding="utf-8")
    broken = server.post("decide", late)
    assert broken.status_code == 400
    assert broken.json()["error"]["kind"] == "PolicyError"
    health = server.client.get("/health")
    assert health.status_code == 503
    assert health.json()["policies"][0]["error"]["kind"] == "PolicyError"
    assert server.stop() == (0, "")


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT])
def test_the_server_stops_quietly(how: signal.Signals) -> None:
    server = Server()
    try:
        assert server.client.get("/health").json() == {"status": "ok", "policies": []}
    finally:
        code, rest = server.stop(how)
    assert code == 0
    assert "Traceback" not in rest


def refused_start(*options: str) -> subprocess.CompletedProcess[str]:
    """``serve --http`` with options that must stop it at start."""
    return subprocess.run(
        [sys.executable, "-m", "cantine_rules", "serve", "--http", *options],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=60,
    )


def test_a_busy_port_is_bad_input_in_one_line() -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        done = refused_start("--port", str(taken.getsockname()[1]))
    assert done.returncode == 2
    assert done.stderr.startswith("error: --port: cannot be listened on (")
    assert done.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--port", "70000"), "error: --port: must be between 0 and 65535 (got '70000')"),
        (("--port", "８０"), "error: --port: is not a whole number (got '８０')"),
        (("--timeout", "0"), "error: --timeout: must be above 0 and at most 3600 (got '0')"),
        (("--max-body", "1e3"), "error: --max-body: is not a whole number (got '1e3')"),
        (("--policy", "nowhere.toml"), "error: --policy: cannot be read"),
    ],
)
def test_bad_http_options_are_bad_input(options: tuple[str, ...], message: str) -> None:
    done = refused_start(*options)
    assert done.returncode == 2
    assert done.stderr.startswith(message)


def test_without_the_extra_the_package_imports_and_http_says_what_to_install() -> None:
    script = (
        "import sys\n"
        "sys.modules['starlette'] = sys.modules['uvicorn'] = None\n"
        "import cantine_rules.serve\n"
        "from cantine_rules.cli import main\n"
        "sys.exit(main(['serve', '--http']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 2
    assert done.stderr == f"error: {EXTRA_MISSING}\n"


class SlowService(Service):
    """A service whose answers take a second, to meet the time limit."""

    def answer(self, request: object, command: str | None = None) -> Any:
        time.sleep(1)
        return super().answer(request, command)


def test_a_request_over_the_time_limit_is_504_and_the_server_goes_on() -> None:
    settings = HttpSettings(port=0, timeout=0.2)
    server_socket = listen(settings)
    server = uvicorn.Server(
        uvicorn.Config(application(SlowService(), settings), lifespan="off", log_level="warning")
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [server_socket]})
    thread.start()
    try:
        port = server_socket.getsockname()[1]
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            for _ in range(100):
                if server.started:
                    break
                time.sleep(0.05)
            started = time.monotonic()
            answer = client.post("/v1/communes", json={"id": "slow"})
            assert time.monotonic() - started < 0.9
            assert answer.status_code == 504
            assert answer.json() == {
                "id": "slow",
                "ok": False,
                "error": {
                    "kind": "TimeoutError",
                    "message": "request: took longer than 0.2 s",
                    "field": None,
                },
            }
            assert client.get("/health").status_code == 200
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        server_socket.close()
    assert not thread.is_alive()


def test_responses_are_json_a_php_portal_reads(server: Server) -> None:
    raw = server.client.post("/v1/decide", content=json.dumps({**DECIDE, "lang": "fr"}).encode())
    assert raw.status_code == 200
    assert "Ajout refusé" in raw.content.decode("utf-8")
