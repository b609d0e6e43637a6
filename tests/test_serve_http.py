"""The local server: Host checks, traversal, ports, no-cache, live events."""

from __future__ import annotations

import http.client
import json
import re
import socket
import struct
import time
from collections.abc import Iterator

import pytest

from jobnotes.errors import UsageError
from jobnotes.serve.server import (
    BuildState,
    LiveServer,
    LiveSite,
    bind_server,
    normalize_request_path,
    serve_in_thread,
)

PAGES = {
    "index.html": b"<html><body><h1>Dashboard</h1></body></html>",
    "applications/index.html": b"<html><body>table</body></html>",
    "applications/acme.html": b"<html><body>Acme</body></html>",
    "static/style.css": b"body{}",
}


@pytest.fixture
def running() -> Iterator[tuple[LiveServer, LiveSite]]:
    site = LiveSite()
    site.publish(BuildState(files=dict(PAGES)))
    server, _ = bind_server(site, "127.0.0.1", 0, explicit_port=True)
    serve_in_thread(server)
    try:
        yield server, site
    finally:
        server.shutdown()
        server.server_close()


def get(server: LiveServer, path: str, host: str | None = None,
        method: str = "GET") -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    conn.putheader("Host", host if host is not None else f"127.0.0.1:{server.port}")
    conn.endheaders()
    return conn.getresponse()


def test_pages_are_served_with_no_cache_and_the_live_script(running) -> None:
    server, site = running
    response = get(server, "/")
    body = response.read()
    assert response.status == 200
    assert response.getheader("Cache-Control") == "no-cache"
    assert b"<h1>Dashboard</h1>" in body
    assert f'data-run="{site.run_id}"'.encode() in body
    assert body.index(b"/__jobnotes/live.js") < body.index(b"</body>")
    css = get(server, "/static/style.css")
    assert css.read() == b"body{}" and css.getheader("Content-Type").startswith("text/css")


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "127.0.0.1", "[::1]:8000"])
def test_local_host_names_are_accepted(running, host: str) -> None:
    server, _ = running
    assert get(server, "/", host=host).status == 200


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.nip.io",
                                  "localhost.evil.example", ""])
def test_a_foreign_host_is_refused_with_an_explanation(running, host: str) -> None:
    server, _ = running
    response = get(server, "/", host=host)
    assert response.status == 403
    assert b"DNS rebinding" in response.read()


@pytest.mark.parametrize("path", [
    "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/applications/%2E%2E/%2E%2E/x",
    "/..%2fjobnotes.toml", "/static/..%5c..%5cjobnotes.toml", "/%00index.html",
])
def test_traversal_attempts_are_refused(running, path: str) -> None:
    server, _ = running
    response = get(server, path)
    assert response.status in (400, 403, 404)
    assert b"root:" not in response.read()


def test_double_slashes_and_folders_resolve_inside_the_site(running) -> None:
    server, _ = running
    assert get(server, "//applications//acme.html").status == 200
    redirect = get(server, "/applications")
    assert redirect.status == 301 and redirect.getheader("Location") == "/applications/"
    assert get(server, "/applications/").status == 200
    assert get(server, "/missing.html").status == 404


def test_a_missing_page_keeps_the_live_script_so_it_comes_back_by_itself(running) -> None:
    server, _ = running
    response = get(server, "/applications/gone.html")
    body = response.read()
    assert response.status == 404 and response.getheader("Content-Type").startswith("text/html")
    assert b"No such page" in body and b'data-page="applications/gone.html"' in body
    assert b"data-digest" not in body            # no page: nothing to compare with yet
    other = get(server, "/static/missing.css")
    assert other.status == 404 and other.getheader("Content-Type").startswith("text/plain")


def test_normalize_request_path() -> None:
    assert normalize_request_path("/") == "index.html"
    assert normalize_request_path("/people/Jane%20Doe.html?x=1") == "people/Jane Doe.html"
    assert normalize_request_path("/a/../b") is None
    assert normalize_request_path("/%ff%fe") is None


def test_status_and_event_stream_report_builds(running) -> None:
    server, site = running
    status = json.loads(get(server, "/__jobnotes/status").read())
    assert status["run"] == site.run_id and status["build"] == 1
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    conn.request("GET", "/__jobnotes/events", headers={"Host": "localhost"})
    stream = conn.getresponse()
    assert stream.getheader("Content-Type").startswith("text/event-stream")
    first = _read_event(stream)
    assert first["build"] == 1
    site.publish(BuildState(files=dict(PAGES), changed=["index.html"],
                            findings=[{"path": "applications/a.md", "line": 3}]))
    second = _read_event(stream)
    assert second["build"] == 2 and second["changed"] == ["index.html"]
    assert second["findings"][0]["line"] == 3
    conn.close()


def _read_event(stream: http.client.HTTPResponse) -> dict:
    while True:
        line = stream.fp.readline().decode()
        if line.startswith("data: "):
            return json.loads(line[len("data: "):])


def test_an_explicit_busy_port_is_a_clear_error() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(UsageError, match=f"port {port} .* already in use"):
            bind_server(LiveSite(), "127.0.0.1", port, explicit_port=True)


def test_a_busy_default_port_moves_to_the_next_free_one() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        server, note = bind_server(LiveSite(), "127.0.0.1", port, explicit_port=False)
        try:
            assert server.port > port
            assert note == f"Port {port} is busy; using {server.port} instead."
        finally:
            server.server_close()


def test_serve_publishes_the_reminders_calendar(tmp_path) -> None:
    import icalendar

    from jobnotes.serve.session import ServeSession
    from tests.conftest import EXAMPLE_VAULT

    session = ServeSession(EXAMPLE_VAULT, today=__import__("datetime").date(2026, 11, 27),
                           echo=lambda line: None)
    state = session.rebuild()
    calendar = icalendar.Calendar.from_ical(state.files["calendar.ics"])
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert events and all(e.get("UID") and e.get("DESCRIPTION") for e in events)


# --- clients that go away, and handler failures ------------------------------------------

def _abort(port: int, request: bytes) -> None:
    """Send ``request`` and close at once with a reset (SO_LINGER 0), as a browser may."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as client:
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        client.sendall(request)


def _still_serves(port: int) -> bool:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.request("GET", "/", headers={"Host": "localhost"})
    ok = conn.getresponse().status == 200
    conn.close()
    return ok


def test_serve_is_silent_when_browsers_drop_their_connections(tmp_path, capfd) -> None:
    from tests.conftest import running_serve, write_vault

    root = write_vault(tmp_path / "v", {"jobnotes.toml": ""})
    with running_serve(root) as lines:
        port = int(re.search(r":(\d+)/", lines[-1]).group(1))
        for request in (b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n",
                        b"GET / HTTP/1.1\r\n",
                        b"GET /index.html HTTP/1.1\r\nHost: localhost\r\n\r\n" * 3):
            for _ in range(3):
                _abort(port, request)
        time.sleep(0.3)
        assert _still_serves(port)
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err
    assert "Exception occurred" not in out + err
    assert "ConnectionResetError" not in out + err


def test_a_download_cancelled_midway_prints_nothing(capfd) -> None:
    site = LiveSite()
    site.publish(BuildState(files={"index.html": b"<html><body>" + b"x" * 5_000_000
                                   + b"</body></html>"}))
    server, _ = bind_server(site, "127.0.0.1", 0, explicit_port=True)
    serve_in_thread(server)
    try:
        with socket.create_connection(("127.0.0.1", server.port), timeout=5) as client:
            client.sendall(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode())
            client.recv(65536)                  # the first bytes arrive, then the user cancels
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        time.sleep(0.3)
        assert _still_serves(server.port)
    finally:
        server.shutdown()
        server.server_close()
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_an_unexpected_handler_error_is_one_line_not_a_traceback(running, capfd,
                                                                 monkeypatch) -> None:
    from jobnotes.serve.server import LiveHandler

    server, _ = running

    def broken(self, send_body: bool) -> None:
        raise ValueError("something odd\nover two lines")

    monkeypatch.setattr(LiveHandler, "_handle", broken)
    with pytest.raises((http.client.HTTPException, OSError)):
        get(server, "/")
    time.sleep(0.2)
    out, err = capfd.readouterr()
    assert "Traceback" not in err and out == ""
    assert err.splitlines() == [
        "jobnotes serve: a request failed and was dropped (ValueError: something odd over "
        "two lines); the server keeps running."]


def test_tabs_are_told_errors_only_and_their_own_page(running) -> None:
    server, site = running
    site.publish(BuildState(files=dict(PAGES), findings=[
        {"path": "applications/a.md", "line": 3, "severity": "error", "message": "bad"},
        {"path": "applications/a.md", "line": 4, "severity": "warning", "message": "odd"},
        {"path": "applications/b.md", "line": 1, "severity": "info", "message": "hint"},
    ]))
    status = json.loads(get(server, "/__jobnotes/status?page=index.html").read())
    assert [f["message"] for f in status["findings"]] == ["bad"]   # the overlay shows these
    assert status["page"] == "index.html" and status["digest"]
