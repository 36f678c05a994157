"""A local web server on 127.0.0.1 that replays recorded OpenStreetMap server answers.

Tests of the online path point Quartier (and osmnx) at this server instead of Overpass
or Nominatim, tell it what to answer on which path, and read back the requests it got::

    with LocalOsmServer() as server:
        server.reply("/api/interpreter", Reply.from_file(OVERPASS_ANSWER))
        project_from_download(path, bbox=..., overpass_url=server.url + "/api")
        assert server.requests_to("/api/interpreter")[0].form["data"]

:func:`loopback_only` refuses, and records, any connection or host-name lookup that is
not for this machine, so a test can prove it never touched the network.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


@dataclass(frozen=True)
class Reply:
    """What the server answers on one path."""

    #: HTTP status code.
    status: int = 200
    #: Body, sent as is (text is sent as UTF-8).
    body: bytes | str = b""
    #: Content-Type header.
    content_type: str = "application/json"
    #: Seconds to wait before answering (to test client time-outs).
    delay: float = 0.0

    @classmethod
    def from_file(cls, path: str | Path, status: int = 200,
                  content_type: str = "application/json") -> Reply:
        """Replay a recorded answer kept in a file."""
        return cls(status=status, body=Path(path).read_bytes(), content_type=content_type)


@dataclass
class RecordedRequest:
    """One request the server received."""

    #: "GET" or "POST".
    method: str
    #: Path without the query string ("/api/interpreter", "/search").
    path: str
    #: Query-string parameters.
    query: dict[str, list[str]]
    #: Form fields of a url-encoded POST body.
    form: dict[str, list[str]]
    #: Request headers.
    headers: dict[str, str]
    #: Raw body.
    body: bytes = field(repr=False, default=b"")


Route = Reply | Callable[[RecordedRequest], Reply]


class LocalOsmServer:
    """A threaded HTTP server on 127.0.0.1 and a random free port, replaying set answers.

    Paths with no answer set get a 404. Use it as a context manager, or call
    :meth:`start` and :meth:`stop`.
    """

    def __init__(self) -> None:
        self.requests: list[RecordedRequest] = []
        self._routes: dict[str, Route] = {}
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Base address, e.g. ``http://127.0.0.1:54321`` (no trailing slash)."""
        if self._server is None:
            raise RuntimeError("The server is not running: call start() first.")
        return f"http://127.0.0.1:{self._server.server_port}"

    def reply(self, path: str, answer: Route) -> None:
        """Answer requests to ``path`` with ``answer`` (or what it returns for the request)."""
        with self._lock:
            self._routes[path] = answer

    def requests_to(self, path: str) -> list[RecordedRequest]:
        """The requests received on one path, oldest first."""
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def start(self) -> LocalOsmServer:
        """Start serving in a background thread."""
        self._server = _Server(("127.0.0.1", 0), _handler_for(self))
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and free the port."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> LocalOsmServer:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def _answer(self, request: RecordedRequest) -> Reply:
        with self._lock:
            self.requests.append(request)
            route = self._routes.get(request.path)
        if route is None:
            return Reply(404, f"No recorded answer for {request.path}", "text/plain")
        return route(request) if callable(route) else route


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # A client that gave up (time-out tests) closes the socket under a slow answer.
        pass


def _handler_for(server: LocalOsmServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            self._serve(b"")

        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length") or 0)
            self._serve(self.rfile.read(length))

        def _serve(self, body: bytes) -> None:
            parts = urlsplit(self.path)
            form_type = self.headers.get("Content-Type", "")
            form = (parse_qs(body.decode("utf-8"), keep_blank_values=True)
                    if "application/x-www-form-urlencoded" in form_type else {})
            recorded = RecordedRequest(
                method=self.command, path=parts.path,
                query=parse_qs(parts.query, keep_blank_values=True), form=form,
                headers=dict(self.headers.items()), body=body,
            )
            answer = server._answer(recorded)
            if answer.delay:
                time.sleep(answer.delay)
            payload = answer.body.encode("utf-8") if isinstance(answer.body, str) else answer.body
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    return Handler


def free_port() -> int:
    """A port on 127.0.0.1 where nothing listens (connections to it are refused)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def loopback_only() -> Iterator[list[str]]:
    """Refuse every connection and host-name lookup that is not for this machine.

    Yields the list of what was refused ("connect 192.0.2.1:80", "lookup example.org");
    a test asserts it stayed empty. Refused attempts raise ``OSError`` in the caller,
    which a client may turn into its own error, so the list is the proof.
    """
    refused: list[str] = []
    connect, connect_ex = socket.socket.connect, socket.socket.connect_ex
    getaddrinfo, gethostbyname = socket.getaddrinfo, socket.gethostbyname

    def local(address: object) -> bool:
        if isinstance(address, tuple) and address:
            return str(address[0]) in LOOPBACK_HOSTS
        return isinstance(address, str | bytes)  # Unix sockets stay on this machine

    def guarded_connect(self: socket.socket, address: object) -> None:
        if not local(address):
            refused.append(f"connect {address}")
            raise ConnectionRefusedError(f"test guard: no connection to {address}")
        connect(self, address)  # type: ignore[arg-type]

    def guarded_connect_ex(self: socket.socket, address: object) -> int:
        if not local(address):
            refused.append(f"connect {address}")
            raise ConnectionRefusedError(f"test guard: no connection to {address}")
        return connect_ex(self, address)  # type: ignore[arg-type]

    def is_lookup(name: object) -> bool:
        if name is None or name in LOOPBACK_HOSTS:
            return False
        try:
            ipaddress.ip_address(str(name))  # an address, not a name: nothing is asked
        except ValueError:
            return True
        return False

    def guarded_getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
        name = host.decode() if isinstance(host, bytes) else host
        if is_lookup(name):
            refused.append(f"lookup {name}")
            raise socket.gaierror(socket.EAI_NONAME, f"test guard: no lookup of {name}")
        return getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]

    def guarded_gethostbyname(name: str) -> str:
        if is_lookup(name):
            refused.append(f"lookup {name}")
            raise socket.gaierror(socket.EAI_NONAME, f"test guard: no lookup of {name}")
        return gethostbyname(name)

    socket.socket.connect = guarded_connect  # type: ignore[method-assign,assignment]
    socket.socket.connect_ex = guarded_connect_ex  # type: ignore[method-assign,assignment]
    socket.getaddrinfo = guarded_getaddrinfo  # type: ignore[assignment]
    socket.gethostbyname = guarded_gethostbyname
    try:
        yield refused
    finally:
        socket.socket.connect = connect  # type: ignore[method-assign]
        socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
        socket.getaddrinfo = getaddrinfo
        socket.gethostbyname = gethostbyname
