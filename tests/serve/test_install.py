"""``serve`` runs from an installed wheel: the pages' templates, their style and the schema's
migrations travel in it, and the command starts, answers and renders a page."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from .load import free_port

ROOT = Path(__file__).resolve().parents[2]


def test_the_installed_wheel_serves(tmp_path: Path) -> None:
    wheels, target = tmp_path / "wheels", tmp_path / "site"
    build = [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "-q",
        "-w",
        str(wheels),
    ]
    subprocess.run([*build, str(ROOT)], check=True, capture_output=True)
    (wheel,) = wheels.glob("vendormaturity-*.whl")
    install = [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)]
    subprocess.run(install, check=True, capture_output=True)
    assert (target / "vendormaturity" / "serve" / "templates" / "respond.html.j2").is_file()
    environment = {**os.environ, "PYTHONPATH": str(target)}
    db = f"sqlite:///{tmp_path / 'team.db'}"
    created = subprocess.run(
        [sys.executable, "-m", "vendormaturity", "token", "create", "--name", "team", "--db", db],
        env=environment,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    token = created.stdout.strip()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "vendormaturity", "serve", "--db", db, "--port", str(port)],
        env=environment,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stdout.read().decode() if server.stdout else ""
            try:
                health = httpx.get(url + "/api/v1/health")
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the installed server did not answer in 60 s"
                time.sleep(0.2)
        assert 200 == health.status_code
        page = httpx.get(url + "/team/sign-in")
        assert (200, True) == (page.status_code, 'name="token"' in page.text)
        rounds = httpx.get(url + "/api/v1/rounds", headers={"Authorization": f"Bearer {token}"})
        assert (200, []) == (rounds.status_code, rounds.json())
        probe = [sys.executable, "-c", "import vendormaturity; print(vendormaturity.__file__)"]
        found = subprocess.run(
            probe, env=environment, cwd=tmp_path, capture_output=True, text=True, check=True
        )
        assert found.stdout.startswith(str(target))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.communicate(timeout=30)
