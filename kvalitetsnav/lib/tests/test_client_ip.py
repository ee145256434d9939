"""Rate limits count the real client, never the proxy, and never a forged header."""

from django.test import RequestFactory

from kvalitetsnav.lib.client_ip import client_ip


def _request(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_a_proxy_the_peer_is_the_client(settings):
    settings.KVN_TRUSTED_PROXIES = []
    assert client_ip(_request("203.0.113.5", "198.51.100.1")) == "203.0.113.5"


def test_behind_a_trusted_proxy_the_forwarded_peer_is_the_client(settings):
    settings.KVN_TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_ip(_request("127.0.0.1", "203.0.113.5")) == "203.0.113.5"


def test_an_address_the_client_wrote_itself_is_not_believed(settings):
    settings.KVN_TRUSTED_PROXIES = ["127.0.0.1"]
    # The client sent "X-Forwarded-For: 10.0.0.1"; nginx appended the real peer.
    assert client_ip(_request("127.0.0.1", "10.0.0.1, 203.0.113.5")) == "203.0.113.5"
