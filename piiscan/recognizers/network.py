"""IP and MAC addresses, AWS access keys and secret keys.

IP_ADDRESS: IPv4 with every octet in 0-255, and IPv6 confirmed by Python's ipaddress.

>>> found(IP_ADDRESS, "from 198.51.100.14 and 2001:db8::8a2e:370:7334")
['198.51.100.14', '2001:db8::8a2e:370:7334']
>>> found(IP_ADDRESS, "version 1.2.3.4, at 10:15:00, 300.1.1.1")
[]

MAC_ADDRESS: six hex pairs with one separator throughout, or Cisco's dotted form.

>>> found(MAC_ADDRESS, "NIC 00:1B:44:11:3A:B7")
['00:1B:44:11:3A:B7']
>>> found(MAC_ADDRESS, "at 10:15:00:12")
[]

AWS_ACCESS_KEY: a known key-id prefix and 16 upper-case letters or digits.

>>> found(AWS_ACCESS_KEY, "aws_access_key_id = AKIAIOSFODNN7EXAMPLE")
['AKIAIOSFODNN7EXAMPLE']
>>> found(AWS_ACCESS_KEY, "AKIAIOSFODNN7EXAMPLE1234")
[]

AWS_SECRET_KEY: forty base64 characters with mixed case and digits.

>>> found(AWS_SECRET_KEY, "secret: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY']
>>> found(AWS_SECRET_KEY, "commit 9fceb02d0ae598e95dc970b74767f19372d61af8")
[]
"""

from __future__ import annotations

import ipaddress

import regex

from piiscan.context import Context
from piiscan.recognizers.base import Pattern, PatternRecognizer, fast_compile, found

__all__ = ["AWS_ACCESS_KEY", "AWS_SECRET_KEY", "IP_ADDRESS", "MAC_ADDRESS", "found"]

_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"


def is_ipv6(value: str) -> bool:
    """Python's ipaddress accepts it as IPv6."""
    try:
        ipaddress.IPv6Address(value)
    except ValueError:
        return False
    return True


IP_ADDRESS = PatternRecognizer(
    name="ip_address",
    entity="IP_ADDRESS",
    validate=is_ipv6,
    patterns=(
        Pattern("IPv4", regex.compile(
            rf"(?=[0-9])(?<![\w.:-]){_OCTET}\.{_OCTET}\.{_OCTET}\.{_OCTET}(?![\w-]|\.[0-9])"),
            score=0.8, validated=False, needs=(".",), min_token=7, joints="."),
        Pattern("IPv6", regex.compile(
            r"(?<![\w:.])(?=[0-9A-Fa-f:]*::|(?:[0-9A-Fa-f]{1,4}:){7})"
            r"[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:(?<=:)[0-9]{1,3}(?:\.[0-9]{1,3}){3})?"
            r"(?![\w:])"), score=0.8, valid_score=0.8, invalid_score=0.0, needs=("::", ":")),
    ),
    context=Context(words=("ip", "ip address", "ipv4", "ipv6", "address", "host", "server",
                           "client", "from", "src", "dst"), boost=0.1),
)

MAC_ADDRESS = PatternRecognizer(
    name="mac_address",
    entity="MAC_ADDRESS",
    patterns=(
        Pattern("six pairs", fast_compile(
            r"(?<![\w:.-])[0-9A-Fa-f]{2}(?P<s>[:-])(?:[0-9A-Fa-f]{2}(?P=s)){4}[0-9A-Fa-f]{2}"
            r"(?![\w:-])"), score=0.85, needs=(":", "-"), min_token=17),
        Pattern("cisco dotted", regex.compile(
            r"(?<![\w.:-])[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}(?![\w.:-])"), score=0.75,
            needs=(".",), min_token=14),
    ),
    context=Context(words=("mac", "mac address", "hardware address", "nic", "ethernet", "wifi",
                           "bssid", "hwaddr"), boost=0.15),
)

AWS_ACCESS_KEY = PatternRecognizer(
    name="aws_access_key",
    entity="AWS_ACCESS_KEY",
    patterns=(
        Pattern("key id", regex.compile(
            r"(?=A)(?<![A-Za-z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA|ABIA|ACCA)"
            r"[A-Z0-9]{16}(?![A-Za-z0-9])"), score=0.95,
            needs=("AKIA", "ASIA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "APKA", "ABIA",
                   "ACCA")),
    ),
    context=Context(words=("aws", "access key", "access key id", "aws access key id", "key id"),
                    boost=0.05),
)


def looks_random(value: str) -> bool:
    """Mixed case, and a digit or a ``/`` or ``+``: a key, not a word or a hex digest."""
    return (any(c.isupper() for c in value) and any(c.islower() for c in value)
            and any(c.isdigit() or c in "/+" for c in value))

AWS_SECRET_KEY = PatternRecognizer(
    name="aws_secret_key",
    entity="AWS_SECRET_KEY",
    validate=looks_random,
    patterns=(
        Pattern("40 base64", fast_compile(r"(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])"),
                score=0.2, valid_score=0.5, invalid_score=0.0, min_token=40),
    ),
    context=Context(words=("secret", "secret key", "secret access key", "aws secret access key",
                           "aws_secret_access_key", "aws secret", "secretaccesskey"), boost=0.4),
)
