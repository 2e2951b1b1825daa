"""A small reverse proxy on 127.0.0.1 in front of several application servers, for the two-server drill.

What a load balancer (nginx `proxy_next_upstream error timeout`, HAProxy `option redispatch`) does: requests
go round-robin; a server that refuses the connection or drops it before answering is marked down for
`down_seconds`, and the request is sent again to the next server when that is safe (a GET or HEAD, or any
request the dead server never received). Bounded: it only listens on the loopback and stops with the drill.
"""

import http.client
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"}
SAFE_METHODS = {"GET", "HEAD"}


class Upstreams:
    def __init__(self, ports: list[int], down_seconds: float = 10, timeout: float = 30):
        self.ports = ports
        self.down_seconds = down_seconds
        self.timeout = timeout
        self.down_until = dict.fromkeys(ports, 0.0)
        self.in_flight = Counter()
        self.served = Counter()
        self.retried = 0
        self.lock = threading.Lock()
        self.turn = 0

    def order(self) -> list[int]:
        """Every server, the next one in turn first, those marked down last."""
        with self.lock:
            self.turn += 1
            start = self.turn % len(self.ports)
        ring = self.ports[start:] + self.ports[:start]
        now = time.monotonic()
        return sorted(ring, key=lambda port: self.down_until[port] > now)

    def mark_down(self, port: int) -> None:
        self.down_until[port] = time.monotonic() + self.down_seconds


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    upstreams: Upstreams

    def log_message(self, *args) -> None:  # quiet: the drill counts outcomes itself
        pass

    def do_GET(self):
        self.forward()

    do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = do_GET

    def forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        upstreams = self.upstreams
        for port in upstreams.order():
            sent = False
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=upstreams.timeout)
            with upstreams.lock:
                upstreams.in_flight[port] += 1
            try:
                conn.connect()
                sent = True
                conn.request(self.command, self.path, body=body, headers=headers)
                response = conn.getresponse()
                payload = response.read()
            except (OSError, http.client.HTTPException):
                upstreams.mark_down(port)
                if sent and self.command not in SAFE_METHODS:
                    break  # the server may have acted on it: never sent twice
                upstreams.retried += 1
                continue
            finally:
                with upstreams.lock:
                    upstreams.in_flight[port] -= 1
                conn.close()
            upstreams.served[port] += 1
            try:
                self.answer(response, payload)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting (its own timeout)
                self.close_connection = True
            return
        self.send_error(502, "Bad Gateway")

    def answer(self, response, payload: bytes) -> None:
        self.send_response(response.status, response.reason)
        for name, value in response.getheaders():
            if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)


class Proxy:
    """`with Proxy(port, [a, b]) as proxy:` serves on 127.0.0.1:port in a thread until the block ends."""

    def __init__(self, port: int, ports: list[int], down_seconds: float = 10):
        self.upstreams = Upstreams(ports, down_seconds)
        handler = type("BoundHandler", (Handler,), {"upstreams": self.upstreams})
        self.server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.server.daemon_threads = True
        self.port = port

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
