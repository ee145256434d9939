"""The address a request really came from, also behind the municipality's reverse proxy."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """``REMOTE_ADDR``, or, when that is a trusted proxy, the last address it forwarded for.

    Behind nginx, gunicorn sees every request come from the proxy. The proxy appends
    the real peer to ``X-Forwarded-For``; only addresses added by trusted proxies
    (``KVN_TRUSTED_PROXIES``) are believed, so a client cannot forge its own.
    """
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    trusted = set(getattr(settings, "KVN_TRUSTED_PROXIES", ()))
    if remote not in trusted:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for address in reversed([part for part in forwarded if part]):
        if address not in trusted:
            return address
    return remote
