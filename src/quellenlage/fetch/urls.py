"""URLs as the fetcher sees them: which may be fetched, and which ones are the same page.

- :func:`check_url` refuses what is not ``http(s)://HOST/…`` with a one-line reason;
- :func:`url_key` is the canonical form under which a page is known: tracking parameters stripped
  (the same list as the article id's, :func:`~quellenlage.analyse.pipeline.normalise_url`), an AMP or
  mobile variant taken to its main page ("https://m.example.de/amp/politik/a-1.html?utm_source=x" →
  "https://example.de/politik/a-1.html"), so a feed that links one page two ways gives one article;
- :func:`refuse_private` refuses hosts that resolve to loopback, private, link-local or reserved
  addresses (a feed must not make us fetch a router's admin page), unless the user allows them.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

#: Host prefixes of mobile and AMP variants of a site ("m.spiegel.de", "amp.zeit.de", "mobil.n-tv.de").
_VARIANT_HOST = re.compile(r"^(?:m|mobil|mobile|amp)\.(?=[^.]+\.[^.]+)")
#: Path parts of AMP variants ("/amp/politik/…", "/politik/…/amp", "/a-1.amp.html").
_AMP_PATH = re.compile(r"/amp(?=/|$)|\.amp(?=\.html?$)", re.IGNORECASE)
#: Query parameters that ask for an AMP or mobile variant ("?amp", "?outputType=amp", "?view=mobile").
_VARIANT_QUERY = {"amp", "outputtype", "view", "mobile"}


class UrlError(ValueError):
    """A URL the fetcher will not fetch; ``str()`` is the reason in one line."""


def is_url(text: str) -> bool:
    """Whether a command-line argument names a web page rather than a file ("http://…", "https://…")."""
    return bool(re.match(r"(?i)^https?://", text.strip()))


def check_url(url: str) -> str:
    """``url`` stripped, when it is an absolute http(s) URL with a host; else :class:`UrlError`."""
    url = url.strip()
    if any(not ch.isprintable() for ch in url):
        raise UrlError("not a valid URL (it holds control characters)")
    try:
        url.encode("utf-8")
        parts = urlsplit(url)
        port = parts.port  # raises ValueError for a port out of range
    except UnicodeError:
        raise UrlError("not a valid URL (undecodable bytes)") from None
    except ValueError as exc:
        raise UrlError(f"not a valid URL ({exc})") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise UrlError(f"only http and https URLs are fetched, not {parts.scheme or 'a URL without a scheme'}")
    if not parts.hostname:
        raise UrlError("the URL has no host")
    if any(ch.isspace() for ch in url) or (port is not None and port == 0):
        raise UrlError("not a valid URL")
    return url


def printable(text: str) -> str:
    """``text`` with its control characters escaped ("a\\nb"), for one-line reports and text columns."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def url_key(url: str) -> str:
    """The canonical form of a page's URL: what the fetcher asks "seen before?" with.

    >>> url_key("https://www.example.de/amp/politik/a-1.html?utm_source=rss&seite=2#kommentare")
    'https://example.de/politik/a-1.html?seite=2'
    """
    from ..analyse.pipeline import normalise_url  # the article id's form; imported here, not with the readers

    parts = urlsplit(normalise_url(url))
    host = _VARIANT_HOST.sub("", parts.netloc)
    path = _AMP_PATH.sub("", parts.path) or "/"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_variant_param(k, v)])
    return urlunsplit((parts.scheme, host, path, query, ""))


def _is_variant_param(key: str, value: str) -> bool:
    key = key.lower()
    return key in _VARIANT_QUERY and (key in ("amp", "mobile") or value.lower() in ("amp", "mobile"))


def site(url: str) -> str:
    """The registrable domain of ``url`` ("https://m.spiegel.de/a" → "spiegel.de", "news.bbc.co.uk" →
    "bbc.co.uk", by the public suffix list of the ``tld`` package, bundled); the host itself for an address."""
    from tld import get_fld

    host = (urlsplit(url).hostname or "").lower()
    found = get_fld(host, fix_protocol=True, fail_silently=True)
    return str(found) if found else host


def same_site(a: str, b: str) -> bool:
    """Whether two URLs belong to one site: a page's canonical link may move within its site only."""
    return site(a) == site(b)


def origin(url: str) -> str:
    """``scheme://host:port`` of ``url``: what robots.txt and the rate limit apply to."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    port = parts.port or (443 if scheme == "https" else 80)
    host = (parts.hostname or "").lower()
    return f"{scheme}://{f'[{host}]' if ':' in host else host}:{port}"


def refuse_private(url: str) -> None:
    """:class:`UrlError` when the URL's host is, or resolves to, an address that is not public
    (loopback, private, link-local, multicast, reserved, unspecified), or does not resolve."""
    parts = urlsplit(url)
    public_addresses(parts.hostname or "", parts.port or 80)


def public_addresses(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to, when every one is public; :class:`UrlError` otherwise. The fetcher
    connects to these very addresses (:class:`~quellenlage.fetch.connect.Guarded`), so a name that resolves
    to a public address when checked and to a private one when connecting (DNS rebinding) gets nowhere."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError) as exc:
        raise UrlError(f"cannot resolve host {host} ({getattr(exc, 'strerror', None) or exc})") from None
    found: list[str] = []
    for info in infos:
        text = str(info[4][0])
        address = ipaddress.ip_address(text.split("%", 1)[0])
        if not is_public(address):
            raise UrlError(f"{host} is a private or local address ({address}); allow it with {ALLOW_HINT}")
        if text not in found:
            found.append(text)
    return found


#: IPv6 ranges that carry an IPv4 address inside (NAT64, IPv4-compatible) or are deprecated site-local.
_CARRIERS = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"), ipaddress.ip_network("::/96"))
_SITE_LOCAL = ipaddress.ip_network("fec0::/10")


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether connecting to ``address`` reaches the public internet: global, not multicast, and for IPv6 no
    private IPv4 address inside it (mapped ``::ffff:10.0.0.1``, 6to4 ``2002:0a00:0001::``, Teredo, NAT64
    ``64:ff9b::10.0.0.1``, IPv4-compatible ``::127.0.0.1``) and not site-local ``fec0::/10``."""
    if not address.is_global or address.is_multicast:
        return False
    if isinstance(address, ipaddress.IPv6Address):
        if address in _SITE_LOCAL:
            return False
        inner: list[ipaddress.IPv4Address] = []
        if address.ipv4_mapped:
            inner.append(address.ipv4_mapped)
        if address.sixtofour:
            inner.append(address.sixtofour)
        if address.teredo:
            inner.extend(address.teredo)
        if any(address in net for net in _CARRIERS):
            inner.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
        return all(is_public(v4) for v4 in inner)
    return True


#: How the user allows private addresses (in the refusal's words).
ALLOW_HINT = "--allow-private or QUELLENLAGE_ALLOW_PRIVATE=1"
