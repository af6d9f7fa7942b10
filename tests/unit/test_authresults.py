"""Authentication-Results headers (RFC 8601): parsing, whose headers count, and alignment."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from denialwatch.domain.authresults import (
    aligned,
    header_values,
    parse_header,
    passes,
    results_from,
)

GMAIL = (
    "mx.google.com;\r\n"
    "       dkim=pass header.i=@example.net header.s=20230601 header.b=Ab/Cd+9x;\r\n"
    "       spf=pass (google.com: domain of zed@example.net designates 192.0.2.7 as permitted "
    "sender) smtp.mailfrom=zed@example.net;\r\n"
    '       dmarc=pass (p=NONE sp=NONE dis=NONE) header.from="example.net"'
)

RAW = (
    b"Authentication-Results: mail.example.org;\r\n"
    b"\tdkim=fail (signature did not verify) header.d=example.net;\r\n"
    b"\tdmarc=fail header.from=example.net\r\n"
    b"Received: from relay.example.com by mail.example.org\r\n"
    b"Authentication-Results: mail.example.org; dkim=pass header.d=example.net;\r\n"
    b" dmarc=pass header.from=example.net\r\n"
    b"From: Zed <zed@example.net>\r\n"
    b"Subject: hello\r\n"
    b"\r\n"
    b"Authentication-Results: mail.example.org; dmarc=pass\r\n"
)


def test_a_gmail_header_gives_each_method_with_its_properties() -> None:
    parsed = parse_header(GMAIL)
    assert parsed is not None
    assert parsed.authserv_id == "mx.google.com"
    assert [(r.method, r.result) for r in parsed.results] == [
        ("dkim", "pass"),
        ("spf", "pass"),
        ("dmarc", "pass"),
    ]
    dkim, spf, dmarc = parsed.results
    assert dkim.property("header.i") == "@example.net"
    assert dkim.property("header.b") == "Ab/Cd+9x"
    assert spf.property("smtp.mailfrom") == "zed@example.net"
    assert dmarc.property("header.from") == "example.net"  # quoted value unquoted


def test_comments_nested_and_with_specials_are_ignored() -> None:
    value = 'mx.example.org (a (nested; comment=x) one); spf=pass (x; y="z") smtp.mailfrom=a.org'
    parsed = parse_header(value)
    assert parsed is not None
    assert [(r.method, r.result, r.properties) for r in parsed.results] == [
        ("spf", "pass", (("smtp.mailfrom", "a.org"),))
    ]


def test_a_stray_closing_parenthesis_is_skipped() -> None:
    parsed = parse_header("mx.example.org); spf=pass) smtp.mailfrom=a.org)")
    assert parsed is not None
    assert parsed.results[0].properties == (("smtp.mailfrom", "a.org"),)


def test_version_reason_and_vendor_words() -> None:
    value = (
        'MX.Example.ORG 1; DKIM/1=Pass reason="good; sig" header.d=example.net; '
        "dmarc=pass action=none header.from=example.net; compauth=pass reason=100"
    )
    parsed = parse_header(value)
    assert parsed is not None
    assert parsed.authserv_id == "mx.example.org"
    dkim, dmarc, compauth = parsed.results
    assert (dkim.method, dkim.result, dkim.properties) == (
        "dkim",
        "pass",
        (("header.d", "example.net"),),
    )
    assert dmarc.properties == (("header.from", "example.net"),)
    assert compauth.result == "pass"


@pytest.mark.parametrize(
    "value",
    [
        "",
        ";",
        "spf=pass smtp.mailfrom=example.net; dkim=pass header.d=example.net",  # Microsoft 365
        "   (only a comment)",
        "  \t ",
    ],
)
def test_no_authserv_id_means_no_header(value: str) -> None:
    assert parse_header(value) is None


def test_no_result_and_malformed_resinfo_are_skipped() -> None:
    parsed = parse_header("mx.example.org; none")
    assert parsed is not None
    assert parsed.results == ()
    parsed = parse_header("mx.example.org; =pass; dkim=; spf=pass")
    assert parsed is not None
    assert [(r.method, r.result) for r in parsed.results] == [("spf", "pass")]


def test_header_values_reads_the_outer_header_block_only_top_first() -> None:
    values = header_values(RAW)
    assert len(values) == 2
    assert values[0].startswith("mail.example.org; dkim=fail")
    assert "dmarc=fail header.from=example.net" in values[0]  # unfolded
    assert values[1] == "mail.example.org; dkim=pass header.d=example.net; dmarc=pass " + (
        "header.from=example.net"
    )


def test_the_topmost_header_of_our_server_wins_over_a_forged_one_below() -> None:
    found = results_from(header_values(RAW), "mail.example.org")
    assert [r.result for r in found["dkim"]] == ["fail"]
    assert not passes(found, "dkim", "example.net")
    assert not passes(found, "dmarc", "example.net")


def test_a_method_missing_on_top_is_taken_from_the_next_header_of_our_server() -> None:
    # OpenDKIM and OpenDMARC each add a header of their own.
    headers = [
        "mail.example.org; dmarc=pass header.from=example.net",
        "mail.example.org; dkim=pass header.d=example.net",
    ]
    found = results_from(headers, "MAIL.example.org.")
    assert passes(found, "dmarc", "example.net")
    assert passes(found, "dkim", "example.net")
    assert not passes(found, "spf", "example.net")


def test_headers_of_other_servers_are_ignored() -> None:
    headers = ["evil.example.com; dmarc=pass header.from=example.net", GMAIL]
    assert results_from(headers, "mail.example.org") == {}
    assert set(results_from(headers, "mx.google.com")) == {"dkim", "spf", "dmarc"}


def test_a_pass_must_vouch_for_the_from_domain() -> None:
    found = results_from(
        [
            "mx.example.org; dkim=pass header.d=attacker.example; "
            "spf=pass smtp.mailfrom=bounce@attacker.example; dmarc=pass header.from=other.example"
        ],
        "mx.example.org",
    )
    for method in ("dkim", "spf", "dmarc"):
        assert not passes(found, method, "example.net"), method


def test_one_good_dkim_signature_among_several_is_enough() -> None:
    found = results_from(
        ["mx.example.org; dkim=fail header.d=list.example; dkim=pass header.d=mail.example.net"],
        "mx.example.org",
    )
    assert passes(found, "dkim", "example.net")


def test_dkim_and_spf_need_an_identifier_dmarc_does_not() -> None:
    found = results_from(["mx.example.org; dkim=pass; spf=pass; dmarc=pass"], "mx.example.org")
    assert not passes(found, "dkim", "example.net")
    assert not passes(found, "spf", "example.net")
    assert passes(found, "dmarc", "example.net")


@pytest.mark.parametrize(
    ("identifier", "domain", "expected"),
    [
        ("example.net", "example.net", True),
        ("@Example.NET", "example.net", True),
        ("bounce@mail.example.net", "example.net", True),
        ("example.net", "eu.example.net", True),
        ("net", "example.net", False),
        ("com", "com", False),
        ("badexample.net", "example.net", False),
        ("example.net", "example.org", False),
        ("", "example.net", False),
    ],
)
def test_alignment(identifier: str, domain: str, expected: bool) -> None:
    assert aligned(identifier, domain) is expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_parse_never_raises(value: str) -> None:
    parsed = parse_header(value)
    if parsed is not None:
        assert parsed.authserv_id
        results_from([value], parsed.authserv_id)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "mx.example.org",
                ";",
                "=",
                "(",
                ")",
                '"',
                "\\",
                " ",
                "dkim",
                "pass",
                "header.d",
                "a.b",
            ]
        ),
        max_size=40,
    )
)
def test_parse_never_raises_on_grammar_pieces(pieces: list[str]) -> None:
    value = "".join(pieces)
    found = results_from([value], "mx.example.org")
    for method in ("dmarc", "dkim", "spf"):
        passes(found, method, "example.net")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_header_values_never_raises(raw: bytes) -> None:
    for value in header_values(raw):
        parse_header(value)
