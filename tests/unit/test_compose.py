"""Composing a patient email: thread headers a mail client can match, the same bytes twice."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from denialwatch.domain.notice import Notice
from denialwatch.mail.compose import compose

OUTLOOK_ID = "<SJ0PR11MB6745B2D41C7E19A0F3C58B22D41A2@SJ0PR11MB6745.namprd11.prod.outlook.com>"
GMAIL_ID = "<CAFx7bqWz1oPq+Yk3N2u=kG0zP8mA9fQ@mail.gmail.com>"
NOTICE = Notice("Recibimos su carta de negación", "Su caso: DW-00002.\n", "<p>DW-00002</p>")


def header_block(data: bytes) -> str:
    return data.split(b"\r\n\r\n", 1)[0].decode("ascii")


def answer(in_reply_to: str, references: list[str]) -> bytes:
    return compose(
        NOTICE,
        sender="Denial Help <denials@clinic.example>",
        recipient="Pat <pat@example.org>",
        message_id="<case-2.opened@clinic.example>",
        date=datetime(2026, 11, 27, 12, 0, tzinfo=UTC),
        in_reply_to=in_reply_to,
        references=references,
    )


def test_a_long_message_id_is_written_as_it_is_never_encoded() -> None:
    data = answer(OUTLOOK_ID, [GMAIL_ID])
    head = header_block(data)
    assert f"\r\nIn-Reply-To: {OUTLOOK_ID}\r\n" in head
    assert "=?" not in head.split("Subject:")[0] + head.split("\r\nDate:")[1]
    parsed = email.message_from_bytes(data, policy=email.policy.default)
    assert parsed["In-Reply-To"] == OUTLOOK_ID
    assert str(parsed["References"]).split() == [GMAIL_ID, OUTLOOK_ID]
    assert answer(OUTLOOK_ID, [GMAIL_ID]) == data


def raw_fields(data: bytes) -> dict[str, list[str]]:
    """Each header's physical lines, as written (name line and continuation lines)."""
    fields: dict[str, list[str]] = {}
    name = ""
    for line in header_block(data).split("\r\n"):
        if line[:1] in (" ", "\t"):
            fields[name].append(line)
        else:
            name = line.split(":", 1)[0]
            fields[name] = [line]
    return fields


ID_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789.+=_-"
message_ids = st.builds(
    "<{}@{}>".format,
    st.one_of(  # short ones, and ones longer than a line (Outlook's are 70 to 90)
        st.text(ID_CHARACTERS, min_size=1, max_size=40),
        st.text(ID_CHARACTERS, min_size=70, max_size=300),
    ),
    st.text("abcdefghijklmnopqrstuvwxyz0123456789.-", min_size=1, max_size=60),
)


@given(message_ids, st.lists(message_ids, max_size=25))
def test_thread_headers_keep_every_id_whole_and_lines_within_998(
    in_reply_to: str, references: list[str]
) -> None:
    data = answer(in_reply_to, references)
    fields = raw_fields(data)
    assert all(len(line) <= 998 for lines in fields.values() for line in lines)
    written = [*references, in_reply_to][-20:]
    assert fields["In-Reply-To"] == [f"In-Reply-To: {in_reply_to}"]
    assert " ".join(fields["References"]).split()[1:] == written  # whole ids, no encoding
    parsed = email.message_from_bytes(data, policy=email.policy.default)
    assert parsed["In-Reply-To"] == in_reply_to
    assert str(parsed["References"]).split() == written
