"""A response body as it comes off the wire, decoded by us: the size cap counts decompressed bytes.

httpx would decode a whole content encoding in one call, without an output limit: 1.8 KB of stacked gzip
grew a process by 2 GB. :class:`Body` inflates piece by piece with a limit on what comes out, so a gzip
bomb stops at ``max_bytes``.
"""

from __future__ import annotations

import zlib


class TooLarge(Exception):
    """More than the limit (decoded, or as it came)."""


class Undecodable(Exception):
    """An encoding that is not read, or a compressed stream that is broken or cut short."""


class Body:
    """A response body as read, decoded here (not by httpx), so its size is counted after decompression
    and reading stops at the limit: a small gzip bomb never grows past ``limit`` bytes in memory. One
    content encoding (gzip, deflate, identity); stacked or other encodings are refused. Gzip members one
    after the other are read in turn; a stream cut short is refused; bytes after its end are ignored (and
    counted: the raw bytes read are limited too)."""

    def __init__(self, encoding: str | None, limit: int):
        codings = [c.strip().lower() for c in (encoding or "").split(",") if c.strip() and c.strip().lower() != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise Undecodable(f"content encoding {encoding!r} is not read")
        self.limit = limit
        self.coding = codings[0] if codings else None
        self.chunks: list[bytes] = []
        self.size = 0  # decoded bytes
        self.raw = 0  # bytes as they came
        self.head = b""  # the first bytes of a deflate body, until its header can be told from raw deflate
        self.inflate: zlib._Decompress | None = None
        self.ended = False  # the compressed stream (member) ended
        self.tail = b""  # bytes after its end, until they show whether another gzip member follows
        self.ignored = False  # they did not: the rest is ignored

    def _keep(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.limit:
            raise TooLarge
        self.chunks.append(data)

    def add(self, raw: bytes) -> None:
        self.raw += len(raw)
        if self.raw > 2 * self.limit + 65536:
            raise TooLarge
        if self.coding is None:
            self._keep(raw)
            return
        if self.inflate is None:
            self.head += raw
            if len(self.head) < 2:
                return
            raw, self.head = self.head, b""
            zlib_header = (raw[0] & 0x0F) == 8 and (raw[0] * 256 + raw[1]) % 31 == 0
            gzip_header = raw[:2] == b"\x1f\x8b"
            # gzip: a gzip (or, as servers get it wrong, a zlib) header; deflate: zlib, or raw deflate without one
            self.inflate = zlib.decompressobj(zlib.MAX_WBITS | 32 if gzip_header or zlib_header else -zlib.MAX_WBITS)
        self._inflate(raw)

    def _inflate(self, raw: bytes) -> None:
        assert self.inflate is not None
        if self.ended:  # after a stream's end: another gzip member, or bytes ignored
            if self.ignored:
                return
            self.tail += raw
            if len(self.tail) < 2:
                return
            if self.tail[:2] != b"\x1f\x8b":
                self.ignored = True
                return
            raw, self.tail, self.ended = self.tail, b"", False
            self.inflate = zlib.decompressobj(zlib.MAX_WBITS | 16)
        try:
            data = self.inflate.decompress(raw, self.limit + 1 - self.size)
        except zlib.error as exc:
            raise Undecodable(str(exc)) from None
        self._keep(data)
        if self.inflate.unconsumed_tail:  # output stopped at the limit with input left
            raise TooLarge
        if self.inflate.eof:
            self.ended = True
            rest = self.inflate.unused_data
            if rest:
                self._inflate(rest)

    def done(self) -> bytes:
        if self.coding is not None:
            if self.inflate is None:  # fewer than two bytes in all
                if self.head:
                    raise Undecodable("the compressed body is cut short")
                return b""
            if not self.ended:
                raise Undecodable("the compressed body is cut short")
        return b"".join(self.chunks)
