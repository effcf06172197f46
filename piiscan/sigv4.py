"""AWS Signature Version 4, as a server checks it: the region of a request, and whether
its signature was made with a given secret key.

botocore signs every request: `Authorization: AWS4-HMAC-SHA256 Credential=KEY/DATE/
REGION/SERVICE/aws4_request, SignedHeaders=h1;h2, Signature=HEX` plus `X-Amz-Date`.
The signature is an HMAC chain over a canonical form of the request (method, path,
query, the signed headers, the body's SHA-256), so a server that knows the secret can
rebuild it; `piiscan serve` checks it only when started with credentials.

>>> scope("AWS4-HMAC-SHA256 Credential=AKID/20261206/eu-west-2/comprehend/aws4_request, "
...       "SignedHeaders=host;x-amz-date, Signature=00")
Scope(access_key='AKID', date='20261206', region='eu-west-2', service='comprehend')
>>> scope("Bearer xyz") is None
True
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

_AUTH_RE = re.compile(
    r"AWS4-HMAC-SHA256\s+Credential=(?P<key>[^/,\s]+)/(?P<date>[0-9]{8})/(?P<region>[^/,\s]+)/"
    r"(?P<service>[^/,\s]+)/aws4_request\s*,\s*SignedHeaders=(?P<signed>[^,\s]+)\s*,\s*"
    r"Signature=(?P<signature>[0-9a-f]+)\s*$")


@dataclass(frozen=True)
class Scope:
    """The credential scope of a signed request."""

    access_key: str
    date: str
    region: str
    service: str


def scope(authorization: str | None) -> Scope | None:
    """The credential scope of an `Authorization` header (None if it is not SigV4)."""
    match = _AUTH_RE.match(authorization or "")
    if match is None:
        return None
    return Scope(match["key"], match["date"], match["region"], match["service"])


def _hmac(key: bytes, message: str) -> bytes:
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).digest()


def _canonical_query(query: str) -> str:
    pairs = []
    for part in query.split("&") if query else []:
        name, _, value = part.partition("=")
        pairs.append((quote(name, safe="-_.~"), quote(value, safe="-_.~")))
    return "&".join(f"{n}={v}" for n, v in sorted(pairs))


def signature_matches(method: str, path: str, query: str, headers: Mapping[str, str],
                      body: bytes, secret_key: str) -> bool:
    """Whether the request's signature was made with `secret_key` (`headers` lower-case)."""
    match = _AUTH_RE.match(headers.get("authorization", ""))
    amz_date = headers.get("x-amz-date", "")
    if match is None or not amz_date:
        return False
    signed = match["signed"].split(";")
    if any(name not in headers for name in signed):
        return False
    canonical_headers = "".join(f"{name}:{' '.join(headers[name].split())}\n" for name in signed)
    payload = headers.get("x-amz-content-sha256") or hashlib.sha256(body).hexdigest()
    canonical = "\n".join([method, quote(path or "/", safe="/-_.~"), _canonical_query(query),
                           canonical_headers, match["signed"], payload])
    credential_scope = f"{match['date']}/{match['region']}/{match['service']}/aws4_request"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, credential_scope,
                         hashlib.sha256(canonical.encode("utf-8")).hexdigest()])
    key = _hmac(("AWS4" + secret_key).encode("utf-8"), match["date"])
    for part in (match["region"], match["service"], "aws4_request"):
        key = _hmac(key, part)
    expected = hmac.new(key, to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, match["signature"])


__all__ = ["Scope", "scope", "signature_matches"]
