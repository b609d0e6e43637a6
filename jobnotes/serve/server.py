"""The local HTTP server: serves the last good build from memory, and live reload.

Standard library only. Pages are held in memory as bytes and swapped in whole,
so a browser never sees a half-built site, and a path can only ever name a page
that the build produced: nothing on disk is reachable through the server.
"""

from __future__ import annotations

import errno
import html
import json
import mimetypes
import posixpath
import re
import select
import socket
import sys
import threading
import time
from collections.abc import Mapping
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from urllib.parse import parse_qs, unquote, urlsplit

from jobnotes.errors import UsageError
from jobnotes.serve import fallback
from jobnotes.serve.hosts import ALL_INTERFACES, HostPolicy, url_host
from jobnotes.serve.ondemand import page_digest
from jobnotes.serve.state import BuildState, LiveSite, file_digest

__all__ = ["BuildState", "LiveServer", "LiveSite", "bind_server", "file_digest",
           "normalize_request_path", "parse_request_path", "serve_in_thread"]

LIVE_PREFIX = "/__jobnotes/"
_ABSOLUTE = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://")
_LIVE_CSS_LINK = b'<link rel="stylesheet" href="/__jobnotes/live.css">'
HEARTBEAT_SECONDS = 15.0
CHECK_SECONDS = 0.5      # how often an idle event stream checks that its browser is still there
# A browser that goes away mid-request (a closed tab, a cancelled download) is routine.
_DISCONNECTS = (ConnectionResetError, BrokenPipeError, ConnectionAbortedError, TimeoutError)
_DISCONNECT_ERRNOS = frozenset({errno.ECONNRESET, errno.EPIPE, errno.ECONNABORTED,
                                errno.ETIMEDOUT, errno.ENOTCONN, errno.ESHUTDOWN})


def _live_asset(name: str) -> bytes:
    return resources.files("jobnotes.serve").joinpath(name).read_bytes()


INVALID = "not a valid path"
LEAVES = "that path leaves the site"


def parse_request_path(raw_path: str) -> tuple[str | None, str | None]:
    """The site-relative file a request names, or None and why not (``INVALID``: not
    UTF-8 or a control character; ``LEAVES``: it tries to leave the site)."""
    path = urlsplit(raw_path).path
    try:
        decoded = unquote(path, errors="strict") if "%" in path else path
    except UnicodeDecodeError:
        return None, INVALID
    if any(ord(char) < 32 or ord(char) == 127 for char in decoded):
        return None, INVALID
    if "\\" in decoded:
        return None, LEAVES
    parts = [part for part in decoded.split("/") if part]
    if any(part in ("..", ".") or part.startswith("..") for part in parts):
        return None, LEAVES
    rel = "/".join(parts)
    if decoded.endswith("/") or not rel:
        rel = posixpath.join(rel, "index.html") if rel else "index.html"
    return rel, None


def normalize_request_path(raw_path: str) -> str | None:
    """The site-relative file a request names, or None when it is not one of the site's."""
    return parse_request_path(raw_path)[0]


class LiveHandler(BaseHTTPRequestHandler):
    server: LiveServer
    protocol_version = "HTTP/1.1"
    server_version = "jobnotes"
    # Headers and body go out in separate writes: without this, Nagle's algorithm holds
    # the body back until the browser acknowledges the headers (~40 ms per file).
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet: the terminal is for build results, not request logs."""

    # -- routing ---------------------------------------------------------------

    def do_HEAD(self) -> None:  # noqa: N802
        self._handle(send_body=False)

    def do_GET(self) -> None:  # noqa: N802
        self._handle(send_body=True)

    def _handle(self, send_body: bool) -> None:
        if not self._request_allowed(send_body):
            return
        path = urlsplit(self.path).path
        if path.startswith(LIVE_PREFIX):
            self._handle_live(path[len(LIVE_PREFIX):], send_body)
            return
        rel, problem = parse_request_path(self.path)
        if rel is None:
            status = HTTPStatus.BAD_REQUEST if problem == INVALID else HTTPStatus.FORBIDDEN
            self._send_text(status, f"{status.value} {status.phrase}: {problem}.\n", send_body)
            return
        state = self.server.site.state
        if not state.built:
            self._send_unbuilt(state, rel, send_body)
            return
        files = state.files
        body = files.get(rel)
        if body is None and f"{rel}/index.html" in files:
            self._redirect("/" + rel + "/")
            return
        if body is None and rel.endswith(".html"):
            # The live script stays, so the tab shows the page by itself when it is back.
            self._send(HTTPStatus.NOT_FOUND,
                       self._inject_live(_missing_page(files, rel), rel, None, state),
                       "text/html; charset=utf-8", send_body)
            return
        if body is None:
            self._send_text(HTTPStatus.NOT_FOUND, f"404 Not Found: /{rel}\n", send_body)
            return
        content_type = _content_type(rel)
        if content_type.startswith("text/html"):
            body = self._inject_live(body, rel, page_digest(body), state)
        self._send(HTTPStatus.OK, body, content_type, send_body)

    def _send_unbuilt(self, state: BuildState, rel: str, send_body: bool) -> None:
        """While no build has succeeded: every page says so, and why."""
        status = HTTPStatus.SERVICE_UNAVAILABLE
        if rel.endswith(".html"):
            page = self._inject_live(fallback.no_site_page(state.failure), rel, None, state)
            self._send(status, page, "text/html; charset=utf-8", send_body)
        else:
            self._send_text(status, "503 Service Unavailable: no site could be built yet.\n",
                            send_body)

    def _handle_live(self, name: str, send_body: bool) -> None:
        site = self.server.site
        if name == "events":
            self._stream_events(self._watched_page())
        elif name == "status":          # a tab asks what its page (``?page=``) is now
            self._send(HTTPStatus.OK, json.dumps(site.status(self._watched_page())).encode(),
                       "application/json", send_body)
        elif name in ("live.js", "live.css"):
            kind = "text/javascript" if name.endswith(".js") else "text/css"
            self._send(HTTPStatus.OK, _live_asset(name), f"{kind}; charset=utf-8", send_body)
        else:
            self._send_text(HTTPStatus.NOT_FOUND, "404 Not Found\n", send_body)

    # -- checks ----------------------------------------------------------------

    def _request_allowed(self, send_body: bool) -> bool:
        """Whether the request is addressed to this computer (its one Host header and an
        absolute target's authority, see ``hosts``); answers it when not."""
        policy = self.server.hosts
        hosts = self.headers.get_all("Host") or []
        if len(hosts) > 1:
            self._send_text(HTTPStatus.BAD_REQUEST,
                            "400 Bad Request: more than one Host header.\n", send_body)
            return False
        target = urlsplit(self.path) if _ABSOLUTE.match(self.path) else None
        if target is None and not self.path.startswith("/"):
            self._send_text(HTTPStatus.BAD_REQUEST,
                            "400 Bad Request: not a valid request target.\n", send_body)
            return False
        if target is not None and target.scheme.lower() not in ("http", "https"):
            self._send_text(HTTPStatus.BAD_REQUEST,
                            "400 Bad Request: only http:// addresses are served.\n", send_body)
            return False
        if hosts and policy.allows(hosts[0].strip()) and (
                target is None or policy.allows(target.netloc)):
            return True
        self._send_text(
            HTTPStatus.FORBIDDEN,
            "403 Forbidden: jobnotes only answers requests addressed to this computer "
            f"({policy.describe()}). "
            "This protects your notes from other web pages (DNS rebinding).\n",
            send_body,
        )
        return False

    # -- responses -------------------------------------------------------------

    def _inject_live(self, body: bytes, rel: str, digest: str | None,
                     state: BuildState) -> bytes:
        """The live script, told this page's digest (none: the page does not exist) and
        the build and static files of ``state``, the one the page comes from."""
        site = self.server.site
        known = f' data-digest="{digest}"' if digest is not None else ""
        if state.static is not None:
            known += f' data-static="{state.static}"'
        tag = (f'<script src="/__jobnotes/live.js" data-run="{site.run_id}" '
               f'data-build="{state.build}" data-page="{html.escape(rel)}"{known} '
               'defer></script>').encode()
        marker = body.rfind(b"</body>")
        body = body + tag if marker == -1 else body[:marker] + tag + body[marker:]
        # The overlay's stylesheet goes in <head>, so it never delays the page's load.
        head = body.find(b"</head>")
        if head != -1:
            body = body[:head] + _LIVE_CSS_LINK + body[head:]
        return body

    def _common_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")

    def _send(self, status: HTTPStatus, body: bytes, content_type: str, send_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self._common_headers()
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _send_text(self, status: HTTPStatus, text: str, send_body: bool) -> None:
        self._send(status, text.encode(), "text/plain; charset=utf-8", send_body)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self._common_headers()
        self.end_headers()

    def _watched_page(self) -> str | None:
        """The page the tab asking shows (``?page=``), if it says."""
        values = parse_qs(urlsplit(self.path).query).get("page")
        return normalize_request_path("/" + values[0]) if values else None

    def _stream_events(self, page: str | None) -> None:
        """Server-sent events: one message per build, a comment now and then to keep alive."""
        site = self.server.site
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self._common_headers()
        self.send_header("Connection", "keep-alive")
        self.end_headers()
        self.close_connection = True
        site.add_client(+1)
        try:
            self.wfile.write(b"retry: 1000\n\n")
            state = site.state
            self._write_event(site.status(page, state))
            build = state.build
            quiet_since = time.monotonic()
            while not site.closing and not self.server.stopping and not self._peer_gone():
                state = site.wait_for_change(build, CHECK_SECONDS)
                if site.closing or self.server.stopping:
                    break
                if state.build != build:
                    build = state.build
                    self._write_event(site.status(page, state))
                    quiet_since = time.monotonic()
                elif time.monotonic() - quiet_since >= HEARTBEAT_SECONDS:
                    self.wfile.write(b": keep-alive\n\n")
                    self.wfile.flush()
                    quiet_since = time.monotonic()
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, OSError):
            return
        finally:
            site.add_client(-1)

    def _peer_gone(self) -> bool:
        """True once the browser closed the stream (a hidden tab, a closed page)."""
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            return bool(readable) and self.connection.recv(1, socket.MSG_PEEK) == b""
        except (OSError, ValueError):
            return True

    def _write_event(self, payload: dict[str, object]) -> None:
        data = json.dumps(payload, ensure_ascii=False)
        self.wfile.write(f"event: build\ndata: {data}\n\n".encode())
        self.wfile.flush()


def _missing_page(files: Mapping[str, bytes], rel: str) -> bytes:
    """The page for ``rel``, which ``files`` lack: theirs when they make one (in the
    site's layout, worded by cause), else a plain one."""
    missing = getattr(files, "missing_page", None)
    if missing is not None:
        return bytes(missing(rel))
    return fallback.plain_missing(rel, False, stylesheet=fallback.STYLESHEET in files)


def _content_type(rel: str) -> str:
    if rel.endswith(".ics"):
        return "text/calendar; charset=utf-8"
    guessed, _ = mimetypes.guess_type(rel)
    guessed = guessed or "application/octet-stream"
    if guessed.startswith("text/") or guessed in ("application/javascript", "image/svg+xml",
                                                  "application/json"):
        guessed += "; charset=utf-8"
    return guessed


class LiveServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True   # a restart can take the same port back at once (TIME_WAIT)
    block_on_close = False

    def __init__(self, address: tuple[str, int], site: LiveSite) -> None:
        self.site = site
        self.stopping = False
        host = address[0]
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__(address, LiveHandler)
        self.bound_host = host
        self.hosts = HostPolicy(host)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def url(self) -> str:
        host = self.bound_host
        if host in ALL_INTERFACES:
            host = "127.0.0.1" if host == "0.0.0.0" else "::1"
        return f"http://{url_host(host)}:{self.port}/"

    def shutdown(self) -> None:
        self.stopping = True
        self.site.close()
        super().shutdown()

    def handle_error(self, request: object, client_address: object) -> None:
        """Instead of socketserver's traceback: nothing for a browser that left, one line
        for anything else (the server keeps serving either way)."""
        exc = sys.exc_info()[1]
        if exc is None or is_disconnect(exc):
            return
        detail = " ".join(str(exc).split())
        print(f"jobnotes serve: a request failed and was dropped "
              f"({type(exc).__name__}{': ' + detail if detail else ''}); "
              "the server keeps running.", file=sys.stderr, flush=True)


def is_disconnect(exc: BaseException) -> bool:
    """True for the errors of a client closing its connection early."""
    if isinstance(exc, _DISCONNECTS):
        return True
    return isinstance(exc, OSError) and exc.errno in _DISCONNECT_ERRNOS


def bind_server(site: LiveSite, host: str, port: int, *, explicit_port: bool,
                tries: int = 20) -> tuple[LiveServer, str | None]:
    """Bind; a busy default port moves to the next free one (with a note saying so)."""
    last_error: OSError | None = None
    for candidate in range(port, port + (1 if explicit_port else tries)):
        try:
            server = LiveServer((host, candidate), site)
        except OSError as exc:
            if exc.errno not in (errno.EADDRINUSE, errno.EACCES):
                raise UsageError(f"cannot listen on {host}:{candidate}: {exc.strerror}.") from exc
            last_error = exc
            continue
        note = None
        if candidate != port:
            note = f"Port {port} is busy; using {candidate} instead."
        return server, note
    if explicit_port:
        raise UsageError(
            f"port {port} on {host} is already in use. Stop the program using it, "
            "or choose another port with --port."
        ) from last_error
    raise UsageError(
        f"ports {port} to {port + tries - 1} on {host} are all in use; choose one with --port."
    ) from last_error


def serve_in_thread(server: LiveServer) -> threading.Thread:
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                              name="jobnotes-http", daemon=True)
    thread.start()
    # Give the accept loop a moment so the first request is not refused.
    time.sleep(0.01)
    return thread
