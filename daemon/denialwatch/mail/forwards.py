"""Unwrap a patient's forward: their note, and the insurer's original inside it.

Two ways a forward carries the original, tried in this order:

1. **Attached** (``ForwardStyle.ATTACHED``): a ``message/rfc822`` part, as Outlook and
   Thunderbird send with "forward as attachment". The enclosed bytes are parsed with the
   same parser as the outer message.
2. **Inline** (``ForwardStyle.INLINE``): the original quoted in the body under a header block
   ("From: ... Subject: ..."), which every client writes a little differently. Blocks are
   found by their labels (English, Spanish and the other languages of the
   email-forward-parser corpus, see ``quoted``), optionally announced by a separator line:
   Gmail's "---------- Forwarded message ---------", Outlook's line of underscores or
   "-----Original Message-----", Apple Mail's "Begin forwarded message:", Thunderbird's
   "-------- Forwarded Message --------", or Yahoo's one-line "----- Forwarded Message -----
   From: ...To: ...Subject: ...". Outlook for Mac quotes the original under "On <date>,
   <sender> wrote:" and leaves the subject only in the outer "FW:" subject.

Forward or reply: Outlook writes the same header block for both, so a block that no
forwarding phrase announces counts only when the outer subject does not start with a reply
prefix ("Re:", "AW:", "SV:"...), and "On ... wrote:" counts only under a forward prefix
("Fwd:", "FW:", "RV:", "TR:", "WG:"...). A reply is ``ForwardStyle.NONE``.

Nested forwards (the rule, kept simple on purpose): the forwarded messages form a chain,
outermost first; the original is the **innermost message whose sender is not the patient**
(the patient being the outer message's sender, by address, or by name when a quoted block
shows no address). That walks past the patient forwarding their own earlier forward, and
past a copy of the patient's own request quoted at the bottom of the insurer's reply. If
every message in the chain is the patient's, the outermost is taken. A chain may mix both
ways (an attached message that itself quotes a forward); it is followed at most
``MAX_DEPTH`` levels.

The note is the outer text above the first forward, with quoted ("> ") lines, the
signature after "-- " and the "Sent from my iPhone" kind of line removed. Attachments:
every attachment of the outer message and of the messages in the chain, each once (by
SHA-256), in order of appearance. An enclosed message that was unwrapped is left out (its
content is the original); any other (one that does not parse, or a second one) is kept
as a file, so nothing the patient sent is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from denialwatch.errors import ParseError
from denialwatch.mail import quoted
from denialwatch.mail.message import Attachment, Forward, ForwardStyle, Mail
from denialwatch.mail.parse import ENCLOSED_TYPES, parse_mail

MAX_DEPTH = 8
"""How many forwards deep the chain is followed; ``parse_mail`` has the same default."""

_SIGNATURE_LINES = re.compile(
    r"^\s*(sent from|sent via|get outlook for|enviado desde|enviado con|obtener outlook para"
    r"|von meinem|envoyé de mon|inviato da|enviado do meu|verzonden vanaf)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Found:
    style: ForwardStyle
    original: Mail
    attachments: tuple[Attachment, ...]
    """The chain's attachments, outermost message first, unwrapped enclosures left out."""


@dataclass(frozen=True)
class _Patient:
    address: str | None
    name: str | None

    def sent(self, mail: Mail) -> bool:
        if self.address and mail.sender_address:
            return self.address == mail.sender_address.lower()
        if self.name and mail.sender_name and not mail.sender_address:
            return self.name.casefold() == mail.sender_name.casefold()
        return False


def unwrap(outer: Mail, *, parse: Callable[[bytes], Mail] = parse_mail) -> Forward:
    """Find the original inside a forwarded email; ``ForwardStyle.NONE`` when there is none."""
    patient = _Patient(outer.sender_address, outer.sender_name)
    inline = quoted.find(outer.text, outer.subject)
    found = _find(outer, inline, parse, patient, depth=0)
    if found is None:
        return Forward(
            outer=outer,
            style=ForwardStyle.NONE,
            note="",
            original=None,
            attachments=_unique(outer.attachments),
        )
    return Forward(
        outer=outer,
        style=found.style,
        note=_note(inline.above()),
        original=found.original,
        attachments=_unique(found.attachments),
    )


def _find(
    mail: Mail,
    inline: quoted.Inline,
    parse: Callable[[bytes], Mail],
    patient: _Patient,
    depth: int,
) -> _Found | None:
    """The original inside ``mail`` by the innermost-non-patient rule, or None."""
    if depth >= MAX_DEPTH:
        return None
    for index, attachment in enumerate(mail.attachments):
        if attachment.declared_type not in ENCLOSED_TYPES:
            continue
        try:
            enclosed = parse(attachment.data)
        except ParseError:
            continue
        others = mail.attachments[:index] + mail.attachments[index + 1 :]
        inner_inline = quoted.find(enclosed.text, enclosed.subject)
        inner = _find(enclosed, inner_inline, parse, patient, depth + 1)
        chosen = _choose(enclosed, inner, patient)
        files = others + (inner.attachments if inner else enclosed.attachments)
        return _Found(ForwardStyle.ATTACHED, chosen, files)
    if not inline.blocks:
        return None
    chain = [inline.message(n, mail) for n in range(len(inline.blocks))]
    picked = next((m for m in reversed(chain) if not patient.sent(m)), chain[0])
    return _Found(ForwardStyle.INLINE, picked, mail.attachments)


def _choose(enclosed: Mail, inner: _Found | None, patient: _Patient) -> Mail:
    # The inner search already applied the rule to its part of the chain: its pick is the
    # patient's only when everyone below is, and then this level is the better answer.
    if inner is not None and not patient.sent(inner.original):
        return inner.original
    return enclosed


def _unique(attachments: Iterable[Attachment]) -> tuple[Attachment, ...]:
    seen: dict[str, Attachment] = {}
    for attachment in attachments:
        seen.setdefault(attachment.sha256, attachment)
    return tuple(seen.values())


def _note(text: str) -> str:
    """The patient's own words: no quoted lines, no signature, no "Sent from" line."""
    kept: list[str] = []
    for line in text.splitlines():
        if line.rstrip() in ("--", "-- ") or line.startswith("-- "):
            break
        if line.lstrip().startswith(">") or _SIGNATURE_LINES.match(line):
            continue
        kept.append(line.rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
