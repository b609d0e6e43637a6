"""Which requests `jobnotes serve` answers, by the Host a browser says it is talking to.

A web page elsewhere can point a name it owns at 127.0.0.1 (DNS rebinding) and then read
whatever answers there; its requests still carry its own name in ``Host``. So the server
answers only the exact forms a browser sends when asked for this computer::

    localhost | 127.0.0.1 | [::1] | the address listened on, each with an optional :port

Listening beyond this computer (``--host 0.0.0.0``, ``::`` or an address of the network),
a browser on another machine names this one by an address or by its name, so then any IP
address is accepted too (a rebinding page always sends a name, never an address) and this
computer's name (``hostname``, its first part, and that part with ``.local``).
Nothing else: no user name (``@``), no list, no port that is not a number.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Iterable

LOCAL_NAMES = ("localhost", "127.0.0.1", "[::1]")
ALL_INTERFACES = frozenset({"0.0.0.0", "::"})
_HOST = re.compile(r"(?P<name>\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)"
                   r"(?::(?P<port>[0-9]{1,5}))?")


def is_loopback(host: str) -> bool:
    """Whether listening on ``host`` keeps the server to this computer."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class HostPolicy:
    """The Host values a server listening on ``bound`` answers (see the module's notes)."""

    def __init__(self, bound: str, *, hostname: str | None = None) -> None:
        self.bound = bound
        self.network = not is_loopback(bound)
        self.names = frozenset({*LOCAL_NAMES, _bracketed(bound)})
        self.machine: tuple[str, ...] = ()
        if self.network:
            self.machine = machine_names(hostname if hostname is not None
                                         else socket.gethostname())

    def allows(self, host: str) -> bool:
        """Whether ``host`` (a Host header's value, or an absolute target's authority) is
        one of the accepted forms."""
        found = _HOST.fullmatch(host.lower())
        if found is None:
            return False
        port = found.group("port")
        if port is not None and int(port) > 65535:
            return False
        name = found.group("name")
        if name in self.names:
            return True
        if not self.network:
            return False
        return _is_address(name) or name in self.machine

    def describe(self) -> str:
        """The accepted forms, in words, each once (for the refusal)."""
        others = sorted(self.names - set(LOCAL_NAMES))
        if self.network:     # an address listened on is one of "any IP address"
            others = [*(n for n in others if not _is_address(n)), "any IP address",
                      *(n for n in self.machine if n not in others)]
        names = [*LOCAL_NAMES, *others]
        return ", ".join(names[:-1]) + " or " + names[-1]


def machine_names(hostname: str) -> tuple[str, ...]:
    """This computer's name as a browser on the network may write it."""
    full = hostname.strip().lower().rstrip(".")
    if not full or not re.fullmatch(r"[a-z0-9.-]+", full):
        return ()
    short = full.split(".", 1)[0]
    return tuple(dict.fromkeys([full, short, f"{short}.local"]))


def _is_address(name: str) -> bool:
    if name.startswith("["):
        try:
            return ipaddress.ip_address(name[1:-1]).version == 6
        except ValueError:
            return False
    try:
        ipaddress.IPv4Address(name)
    except ValueError:
        return False
    return True


def _bracketed(host: str) -> str:
    host = host.lower()
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def url_host(host: str) -> str:
    """``host`` as written in a URL."""
    return _bracketed(host)


# --- what serve prints when it listens beyond this computer --------------------------------

def network_notes(host: str, port: int, *, addresses: Iterable[str] | None = None,
                  hostname: str | None = None) -> list[str]:
    """Lines saying where the notes can be reached from the network, and a warning; none
    when the server listens on this computer only."""
    if is_loopback(host):
        return []
    if host in ALL_INTERFACES:
        found = list(addresses if addresses is not None else local_addresses(host))
        name = (hostname if hostname is not None else socket.gethostname()).strip()
        urls = [f"http://{url_host(a)}:{port}/" for a in found]
        if name and machine_names(name):
            urls.append(f"http://{machine_names(name)[0]}:{port}/")
        where = "all network interfaces"
        lines = [f"Also reachable from the network at {', '.join(urls)}"] if urls else \
            ["Also reachable from the network at this computer's addresses."]
    else:
        where = url_host(host)
        lines = []
    lines.append(f"Warning: listening on {where}: anyone on your network who can reach this "
                 "computer can read your notes. Use --host 127.0.0.1 to keep them private.")
    return lines


def local_addresses(host: str) -> list[str]:
    """This computer's network addresses (not loopback), as far as can be told cheaply:
    those its name resolves to and the one used for outgoing traffic."""
    family = socket.AF_INET if host == "0.0.0.0" else 0
    found: list[str] = []
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, family, socket.SOCK_STREAM)
        found += [str(info[4][0]) for info in infos]
    except OSError:
        pass
    for kind, probe in ((socket.AF_INET, "192.0.2.1"), (socket.AF_INET6, "2001:db8::1")):
        if family and kind != family:
            continue
        try:
            with socket.socket(kind, socket.SOCK_DGRAM) as udp:
                udp.connect((probe, 9))      # no packet is sent: this only picks a route
                found.append(str(udp.getsockname()[0]))
        except OSError:
            continue
    usable = []
    for address in dict.fromkeys(found):
        try:
            parsed = ipaddress.ip_address(address.split("%", 1)[0])
        except ValueError:
            continue
        if not (parsed.is_loopback or parsed.is_link_local or parsed.is_unspecified):
            usable.append(str(parsed))
    return usable
