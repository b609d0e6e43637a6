"""Which requests `jobnotes serve` answers: the exact Host forms a browser sends to this
computer, request targets, malformed paths, and listening beyond this computer."""

from __future__ import annotations

import http.client
import re
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from jobnotes.serve.hosts import HostPolicy, network_notes
from jobnotes.serve.server import BuildState, LiveServer, LiveSite, bind_server, serve_in_thread
from tests.conftest import running_serve, write_vault

PAGES = {"index.html": b"<html><body><h1>Dashboard</h1></body></html>"}


@pytest.fixture
def running() -> Iterator[LiveServer]:
    site = LiveSite()
    site.publish(BuildState(files=dict(PAGES)))
    server, _ = bind_server(site, "127.0.0.1", 0, explicit_port=True)
    serve_in_thread(server)
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def raw(server: LiveServer, request: bytes) -> tuple[int, bytes]:
    """Send ``request`` as written and return the status and body of the answer."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as client:
        client.sendall(request)
        response = http.client.HTTPResponse(client)
        response.begin()
        return response.status, response.read()


def get(server: LiveServer, target: str, *hosts: str) -> tuple[int, bytes]:
    head = "".join(f"Host: {host}\r\n" for host in hosts)
    return raw(server, f"GET {target} HTTP/1.1\r\n{head}Connection: close\r\n\r\n".encode())


@pytest.mark.parametrize("host", ["localhost", "LOCALHOST:8741", "127.0.0.1", "127.0.0.1:80",
                                  "[::1]", "[::1]:8741", "localhost:65535"])
def test_the_forms_a_browser_sends_to_this_computer_are_answered(running, host: str) -> None:
    assert get(running, "/", host)[0] == 200


@pytest.mark.parametrize("host", [
    "localhost:80@evil.com", "evil.com@localhost", "localhost:notaport", "localhost:",
    "localhost:99999", "127.0.0.1:8741, evil.com", "localhost evil.com", "::1",
    "[::1]x", "127.0.0.1.", "localhost:+80", "[127.0.0.1]",
])
def test_anything_else_in_host_is_refused(running, host: str) -> None:
    status, body = get(running, "/", host)
    assert status == 403, host
    assert b"DNS rebinding" in body


def test_two_host_headers_are_refused(running) -> None:
    status, body = get(running, "/", "localhost", "evil.com")
    assert status == 400 and b"Host" in body
    assert get(running, "/", "evil.com", "localhost")[0] == 400


def test_an_absolute_target_must_name_this_computer_too(running) -> None:
    assert get(running, "http://evil.com/", "localhost")[0] == 403
    assert get(running, "http://localhost@evil.com/", "localhost")[0] == 403
    assert get(running, f"http://127.0.0.1:{running.port}/", "localhost")[0] == 200
    assert get(running, "ftp://localhost/", "localhost")[0] == 400


def test_the_refusal_names_each_accepted_host_once(running) -> None:
    _, body = get(running, "/", "evil.com")
    text = body.decode()
    assert text.count("127.0.0.1") == 1 and "localhost" in text and "[::1]" in text


@pytest.mark.parametrize("path", ["/%ff", "/%00", "/%00index.html", "/a%ffb.html"])
def test_a_path_that_is_not_valid_is_a_bad_request(running, path: str) -> None:
    status, body = get(running, path, "localhost")
    assert status == 400
    assert b"not a valid path" in body and b"leaves the site" not in body


def test_a_path_that_leaves_the_site_is_still_forbidden(running) -> None:
    status, body = get(running, "/..%2fjobnotes.toml", "localhost")
    assert status == 403 and b"leaves the site" in body


# --- listening beyond this computer --------------------------------------------------------

def test_on_all_interfaces_addresses_and_this_computers_name_are_accepted() -> None:
    policy = HostPolicy("0.0.0.0", hostname="MyLaptop")
    for host in ("192.168.1.20:8000", "10.0.0.7", "[fe80::1]:8000", "mylaptop:8000",
                 "mylaptop.local", "localhost:8000", "[::ffff:192.168.1.20]"):
        assert policy.allows(host), host
    for host in ("evil.example", "mylaptop.evil.example", "192.168.1.20.nip.io",
                 "192.168.1.20:8000@evil.example", "999.1.1.1"):
        assert not policy.allows(host), host
    assert "any IP address" in policy.describe() and "mylaptop" in policy.describe()


def test_on_this_computer_only_other_addresses_are_refused() -> None:
    policy = HostPolicy("127.0.0.1", hostname="mylaptop")
    assert policy.allows("127.0.0.1:8000") and policy.allows("localhost")
    assert not policy.allows("192.168.1.20") and not policy.allows("mylaptop")


def test_a_specific_address_is_accepted_with_this_computers_name() -> None:
    policy = HostPolicy("192.0.2.2", hostname="mylaptop")
    assert policy.allows("192.0.2.2:8000") and policy.allows("mylaptop:8000")
    assert not policy.allows("evil.example")


def test_listening_on_the_network_says_where_and_warns() -> None:
    notes = network_notes("0.0.0.0", 8000, addresses=["192.168.1.20"], hostname="mylaptop")
    text = "\n".join(notes)
    assert "http://192.168.1.20:8000/" in text and "http://mylaptop:8000/" in text
    warning = [line for line in notes if line.startswith("Warning:")]
    assert len(warning) == 1 and "network" in warning[0]
    # A specific address: the "Serving ... at" line names it; the warning follows.
    specific = network_notes("192.0.2.2", 8000, addresses=[], hostname="h")
    assert len(specific) == 1 and specific[0].startswith("Warning:")
    assert "192.0.2.2" in specific[0]
    assert network_notes("127.0.0.1", 8000) == [] and network_notes("::1", 8000) == []


def test_serve_on_all_interfaces_prints_the_warning_and_answers_by_address(tmp_path: Path
                                                                           ) -> None:
    root = write_vault(tmp_path / "v", {"jobnotes.toml": ""})
    with running_serve(root, host="0.0.0.0") as lines:
        port = int(re.search(r":(\d+)/", next(line for line in lines if "Serving" in line))
                   .group(1))
        assert any(line.startswith("Warning:") and "network" in line for line in lines)
        with socket.create_connection(("127.0.0.1", port), timeout=5) as client:
            client.sendall(b"GET / HTTP/1.1\r\nHost: 192.168.1.20:%d\r\n"
                           b"Connection: close\r\n\r\n" % port)
            response = http.client.HTTPResponse(client)
            response.begin()
            assert response.status == 200
