"""Login and logout."""

from kvalitetsnav.access.testing import EVERYONE_LOGGED_IN, Rule

PAGES = {
    # Someone already logged in is sent on to Mina uppgifter.
    "accounts:login": Rule(allowed=set(), denied_status=302, anonymous_status=200),
    "accounts:logout": Rule(allowed=EVERYONE_LOGGED_IN, allowed_status=302, method="post"),
}
