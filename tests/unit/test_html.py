"""HTML bodies to text: line structure kept, noise dropped, never an exception."""

from __future__ import annotations

import pytest

from denialwatch.mail.html import html_to_text


def test_paragraphs_and_breaks_become_lines() -> None:
    html = "<p>Dear member,</p><p>Your request was <b>denied</b>.<br>Reason: not covered.</p>"
    assert html_to_text(html) == "Dear member,\n\nYour request was denied.\nReason: not covered."


def test_script_style_and_head_are_dropped() -> None:
    html = (
        "<html><head><title>Notice</title><style>p {color: red}</style></head>"
        "<body><script>track()</script><p>Visible</p></body></html>"
    )
    assert html_to_text(html) == "Visible"


def test_entities_are_decoded_and_spaces_collapsed() -> None:
    html = "<div>Plan&nbsp;ID:   &lt;HMO&gt; &amp; PPO &#8212; &quot;Gold&quot;</div>"
    assert html_to_text(html) == 'Plan ID: <HMO> & PPO \u2014 "Gold"'


def test_lists_get_bullets_and_numbers() -> None:
    html = "<ul>\n <li>MRI</li>\n <li>CT</li>\n</ul><ol><li>Appeal<li>Review</ol>"
    assert html_to_text(html) == "- MRI\n- CT\n\n1. Appeal\n2. Review"


def test_table_rows_become_lines_with_tab_separated_cells() -> None:
    html = (
        "<table><tr><th>Service</th><th>Status</th></tr>"
        "<tr><td>Physical therapy</td><td>Denied</td></tr></table>"
    )
    assert html_to_text(html) == "Service\tStatus\nPhysical therapy\tDenied"


def test_gmail_forward_header_comes_out_one_field_per_line() -> None:
    html = (
        '<div dir="ltr">See below<br><div class="gmail_quote"><div class="gmail_attr">'
        "---------- Forwarded message ---------<br>From: <strong>Blue Shield</strong> "
        '<span>&lt;<a href="mailto:noreply@bsc.example">noreply@bsc.example</a>&gt;</span><br>'
        "Date: Wed, Oct 27, 2021 at 9:31 AM<br>Subject: Claim denied<br></div><br>"
        "<div>We denied your claim.</div></div></div>"
    )
    assert html_to_text(html).splitlines() == [
        "See below",
        "---------- Forwarded message ---------",
        "From: Blue Shield <noreply@bsc.example>",
        "Date: Wed, Oct 27, 2021 at 9:31 AM",
        "Subject: Claim denied",
        "",
        "We denied your claim.",
    ]


def test_unclosed_head_does_not_swallow_the_body() -> None:
    assert html_to_text("<html><head><title>x</title><body>Body text") == "Body text"


def test_pre_keeps_its_line_breaks() -> None:
    assert html_to_text("<pre>Line one\nLine two</pre>") == "Line one\nLine two"


@pytest.mark.parametrize(
    "markup",
    [
        "",
        "<",
        "<![CDATA[ unfinished",
        "<!DOCTYPE",
        "</p></div></table>",
        "<div" * 1000,
        "<a href='x>text",
        "\x00\x01<p>\udcff</p>",
    ],
)
def test_broken_markup_never_raises(markup: str) -> None:
    assert isinstance(html_to_text(markup), str)
