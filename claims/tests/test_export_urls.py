"""Report links in exports: only absolute http(s) URLs, whichever way they are checked."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.exports.content import _split_url, safe_url

check = safe_url.__wrapped__  # not the cached one: every case runs the check itself

# What a URL is made of, with the characters either check could trip on: controls, spaces,
# quotes, brackets, userinfo, percent signs, and letters that case-fold to ASCII ones (the
# long s and the Kelvin sign: "httpſ" is no http scheme).
URL_CHARS = list("aZk09.-_:/?#@[]\\%~+=&;") + list(" \t\r\n\x00\x7f\"'<>`\u3000é\u017f\u212a")
STARTS = ["http://", "https://", "HTTPS://", "hTTp://", "httpſ://", "ftp://", "http:/", ""]
STARTS += ["javascript:", "http://[::1", " http://", "http://user@", "https://host:"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example/report/12?page=2#top", "https://news.example/report/12?page=2#top"),
        ("  http://news.example:8080/a  ", "http://news.example:8080/a"),
        ("HTTPS://News.Example/", "HTTPS://News.Example/"),
        ("https://news.example/é-ü", "https://news.example/é-ü"),
        ("javascript:alert(1)", ""),
        ("https://news.example/a b", ""),
        ('https://news.example/"onmouseover=x', ""),
        ("https://", ""),
        ("//news.example/a", ""),
        ("httpſ://news.example/", ""),
        ("http://[::1/", ""),
    ],
)
def test_only_absolute_http_urls_without_unsafe_characters_are_kept(
    url: str, expected: str
) -> None:
    assert check(url) == expected


@settings(max_examples=3000, deadline=None)
@given(st.sampled_from(STARTS), st.text(alphabet=st.sampled_from(URL_CHARS), max_size=40))
def test_the_quick_check_answers_as_the_full_check_does(start: str, rest: str) -> None:
    url = start + rest
    assert check(url) == _split_url(url.strip())


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=60))
def test_the_quick_check_answers_as_the_full_check_does_for_any_text(url: str) -> None:
    assert check(url) == _split_url(url.strip())
