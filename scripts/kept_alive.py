"""The benchmarks' HTTP client: GETs over one kept-alive HTTP/1.1 connection.

It reads the status line, Content-Length and chunked bodies itself. http.client parses every response's
headers with email.parser: 87-95 us of this machine's CPU per request against 25 us here
(measured on /health), on the critical path of every timed request. That is the client's
cost, not the API's, and the raw driver's side of the comparison does not pay it.
"""

import socket


class KeptAlive:
    def __init__(self, port: int, headers: dict[str, str], timeout_s: float) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout_s)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.headers = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        self.buffer = bytearray()

    def get(self, url: str) -> tuple[int, bytes]:
        """The status and body of GET `url`; the response must state its Content-Length or
        come in chunks (a streamed answer, gzip-compressed)."""
        self.sock.sendall(f"GET {url} HTTP/1.1\r\nHost: 127.0.0.1\r\n{self.headers}\r\n".encode())
        while (end := self.buffer.find(b"\r\n\r\n")) < 0:
            self._receive()
        lines = bytes(self.buffer[:end]).split(b"\r\n")
        del self.buffer[:end + 4]
        status = int(lines[0].split(b" ", 2)[1])
        lengths = [int(line.partition(b":")[2]) for line in lines[1:]
                   if line[:15].lower() == b"content-length:"]
        if lengths:
            return status, self._take(lengths[0])
        if any(line.lower().replace(b" ", b"") == b"transfer-encoding:chunked"
               for line in lines[1:]):
            return status, self._chunks()
        raise ValueError(f"GET {url}: a response without Content-Length or chunks")

    def _take(self, length: int) -> bytes:
        while len(self.buffer) < length:
            self._receive()
        body = bytes(self.buffer[:length])
        del self.buffer[:length]
        return body

    def _line(self) -> bytes:
        while (end := self.buffer.find(b"\r\n")) < 0:
            self._receive()
        line = bytes(self.buffer[:end])
        del self.buffer[:end + 2]
        return line

    def _chunks(self) -> bytes:
        """A chunked body (RFC 9112 section 7.1), its trailer fields skipped."""
        body = bytearray()
        while size := int(self._line().split(b";")[0], 16):
            body += self._take(size)
            self._line()
        while self._line():
            pass
        return bytes(body)

    def _receive(self) -> None:
        chunk = self.sock.recv(1 << 16)
        if not chunk:
            raise ConnectionError("the API closed the connection")
        self.buffer += chunk

    def close(self) -> None:
        self.sock.close()
