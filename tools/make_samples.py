"""Write the demo samples that ``denialwatch demo`` copies into its Maildir inbox.

The emails are built by ``tests.builders`` from its catalogue of invented letters, each the way a
real mail client sends it on (Gmail, Outlook, Apple Mail, a letter pasted into the body), and
``manifest.toml`` beside them says what the service should make of each: open a ``case``, join
an earlier case (``attached``), or open none (``not_denial``), with the facts the reader should
find. Every Message-ID, date and MIME boundary is fixed, so running this again writes the same
bytes; ``tests/unit/test_builders.py`` fails when the files on disk are stale.

    python tools/make_samples.py            # rewrite daemon/denialwatch/samples/
    python tools/make_samples.py --check    # exit 1 when the files on disk are out of date
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Literal

REPO = Path(__file__).resolve().parents[1]
for _path in (REPO, REPO / "daemon"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from tests.builders import (  # noqa: E402
    DARNELL,
    ELEANOR,
    GREGORY,
    PACIFIC,
    PRIYA,
    SAMPLE_LETTERS,
    SERVICE_INBOX,
    TERESA,
    WALTER,
    Facts,
    FileAttachment,
    SampleLetter,
    forward_apple_inline,
    forward_as_attachment,
    forward_gmail_inline,
    forward_outlook_inline,
    insurer_email,
    letter_in_body,
    parse,
    reply_gmail,
    sample_pdf,
)

SAMPLES_DIR = REPO / "daemon" / "denialwatch" / "samples"
MAX_SIZE = 60_000
"""Bytes; a sample larger than this is a sign the builders went wrong."""

Outcome = Literal["case", "attached", "not_denial"]


@dataclass(frozen=True)
class Sample:
    """One demo email and what the service should make of it."""

    filename: str
    outcome: Outcome
    description: str
    letter: SampleLetter
    client: str
    """The mail client it imitates."""
    builder: str
    """The ``tests.builders`` function that wrapped the letter."""
    message_id: str
    sender: str
    raw: bytes
    attaches_to: str | None = None


def _at(local_time: str) -> datetime:
    """``"2026-03-11 16:07:12"`` as a moment in California."""
    return datetime.fromisoformat(local_time).replace(tzinfo=PACIFIC)


def build_samples() -> list[Sample]:
    """The demo set, in the order the demo should deliver it (oldest first)."""
    kaiser = SAMPLE_LETTERS["kaiser_medical_necessity"]
    if kaiser.facts is None or kaiser.pdf_filename is None:
        raise ValueError("the Kaiser sample needs its facts and PDF name")
    kaiser_id = "<CAJx7n2Hq0Vd5fKp3LwS8mT1bRe9YcZ4uGi6oNa@mail.example.com>"
    kaiser_raw = forward_gmail_inline(
        insurer_email(
            kaiser,
            message_id="<20260311230712.4471.A7F3C2@kp-notices.example.com>",
            date=_at("2026-03-11 16:07:12"),
        ),
        TERESA,
        note=(
            "Hi,\n\n"
            "Kaiser just denied the back surgery my surgeon asked for. I have been in pain for "
            "almost a year and I can't keep working like this. The letter is attached. I don't "
            "understand what they mean by InterQual or what I am supposed to do now. Can you "
            "help me appeal this?\n\n"
            "Thank you,\nTeresa"
        ),
        message_id=kaiser_id,
        date=_at("2026-03-12 19:48:05"),
    )
    kaiser_forward = Sample(
        filename="01-kaiser-denial-gmail-forward.eml",
        outcome="case",
        description="Kaiser HMO denial (PDF) forwarded from Gmail with a worried note",
        letter=kaiser,
        client="gmail",
        builder="forward_gmail_inline",
        message_id=kaiser_id,
        sender=TERESA.address,
        raw=_checked(kaiser_raw),
    )

    follow_up_id = "<CAJx7n2Hs4Lp0aQe9TzN2wB7cYk5VdR1mFh8uXo@mail.example.com>"
    follow_up_raw = reply_gmail(
        kaiser_raw,
        TERESA,
        note=(
            "One more thing. I found the paper letter in the mail today, the reference number "
            f"is {kaiser.facts.reference_number}. My physical therapy ended in January after 8 "
            "weeks because it made the pain worse, my surgeon wrote that down. I'm attaching "
            "the letter again just in case.\n\nTeresa"
        ),
        message_id=follow_up_id,
        date=_at("2026-03-14 09:31:40"),
        attachments=(FileAttachment(kaiser.pdf_filename, "application/pdf", sample_pdf(kaiser)),),
    )
    kaiser_follow_up = Sample(
        filename="02-kaiser-follow-up-same-case.eml",
        outcome="attached",
        attaches_to=kaiser_forward.filename,
        description="The same patient replies to her own forward: same reference number, "
        "the PDF attached again",
        letter=kaiser,
        client="gmail",
        builder="reply_gmail",
        message_id=follow_up_id,
        sender=TERESA.address,
        raw=_checked(follow_up_raw),
    )

    blue_shield = SAMPLE_LETTERS["blue_shield_experimental"]
    blue_shield_id = (
        "<SJ0PR11MB6745B2D41C7E19A0F3C58B22D41A2@SJ0PR11MB6745.namprd11.prod.outlook.example.com>"
    )
    blue_shield_raw = forward_as_attachment(
        insurer_email(
            blue_shield,
            message_id="<0100019d4f2a7c31.BSC-UM-260402-0087@notices.blueshield-ca.example.com>",
            date=_at("2026-04-02 10:15:44"),
        ),
        GREGORY,
        note=(
            "Hello,\n\n"
            "Please see the attached email from Blue Shield. My oncologist recommended proton "
            "therapy and they say it is investigational. Treatment was supposed to start April "
            "20.\n\n"
            "Greg Tanaka\n(916) 555-0176"
        ),
        message_id=blue_shield_id,
        date=_at("2026-04-03 08:02:19"),
        client="outlook",
    )
    blue_shield_forward = Sample(
        filename="03-blue-shield-experimental-outlook-attachment.eml",
        outcome="case",
        description="Blue Shield investigational denial, Outlook 'Forward as Attachment'",
        letter=blue_shield,
        client="outlook",
        builder="forward_as_attachment",
        message_id=blue_shield_id,
        sender=GREGORY.address,
        raw=_checked(blue_shield_raw),
    )

    anthem = SAMPLE_LETTERS["anthem_ppo_cdi"]
    anthem_id = "<6F1C2A9E-3B47-4D85-9E20-7A5C1B8D4F63@example.org>"
    anthem_raw = forward_apple_inline(
        insurer_email(
            anthem,
            message_id="<1849302716.88214.1776278529@mail.anthem-bc.example.com>",
            date=_at("2026-04-15 11:42:09"),
            pdf_content_type="application/octet-stream",
        ),
        PRIYA,
        note=(
            "Forwarding the letter from Anthem about my sleep study. My doctor's office said I "
            "should appeal but I don't know where to start."
        ),
        message_id=anthem_id,
        date=_at("2026-04-16 21:17:55"),
        device="iphone",
    )
    anthem_forward = Sample(
        filename="04-anthem-ppo-apple-forward.eml",
        outcome="case",
        description="Anthem Blue Cross PPO (CDI) denial forwarded from an iPhone; the PDF is "
        "declared application/octet-stream and sits inside the HTML alternative",
        letter=anthem,
        client="apple",
        builder="forward_apple_inline",
        message_id=anthem_id,
        sender=PRIYA.address,
        raw=_checked(anthem_raw),
    )

    la_care = SAMPLE_LETTERS["la_care_medi_cal_noa"]
    la_care_id = "<CAF3mQp8Zr1Wd6nVh2Ks0Ta9LcYe4Bj7Ug5oPx@mail.example.com>"
    la_care_raw = letter_in_body(
        la_care,
        DARNELL,
        note=(
            "Hello, I copied the letter from the L.A. Care website below. I can't get the PDF to "
            "download on my phone. They denied my power wheelchair and I can't get around my "
            "apartment with the manual one anymore."
        ),
        subject="L.A. Care denied my wheelchair",
        message_id=la_care_id,
        date=_at("2026-04-30 13:05:27"),
    )
    la_care_pasted = Sample(
        filename="05-la-care-notice-pasted-in-body.eml",
        outcome="case",
        description="L.A. Care Medi-Cal Notice of Action pasted into the email body",
        letter=la_care,
        client="gmail",
        builder="letter_in_body",
        message_id=la_care_id,
        sender=DARNELL.address,
        raw=_checked(la_care_raw),
    )

    newsletter = SAMPLE_LETTERS["kaiser_newsletter"]
    newsletter_id = "<CAK9pXw3Nd7Rt2Lq5Vm8Hs1Ye6Bc0Zf4Ja9uGo@mail.example.com>"
    newsletter_raw = forward_gmail_inline(
        insurer_email(
            newsletter,
            message_id="<news.2026spring.77310422@kp-news.example.com>",
            date=_at("2026-05-06 07:00:03"),
        ),
        WALTER,
        note="Not sure if this matters, sending it just in case.\n\nWalter",
        message_id=newsletter_id,
        date=_at("2026-05-07 18:22:46"),
    )
    newsletter_forward = Sample(
        filename="06-plan-newsletter-not-a-denial.eml",
        outcome="not_denial",
        description="A Kaiser member newsletter forwarded 'just in case'",
        letter=newsletter,
        client="gmail",
        builder="forward_gmail_inline",
        message_id=newsletter_id,
        sender=WALTER.address,
        raw=_checked(newsletter_raw),
    )

    health_net = SAMPLE_LETTERS["health_net_expedited"]
    health_net_id = (
        "<BY5PR13MB38120E6A4F2C9D17B05E3A6FC8B92@BY5PR13MB3812.namprd13.prod.outlook.example.com>"
    )
    health_net_raw = forward_outlook_inline(
        insurer_email(
            health_net,
            message_id="<HN.UM.EXP.4402.20260520002611@alerts.healthnet-ca.example.com>",
            date=_at("2026-05-19 17:26:11"),
        ),
        ELEANOR,
        note=(
            "URGENT - please help. I'm still in the hospital after my hip surgery and they want "
            "to discharge me Thursday, but Health Net just denied the nursing facility. I live "
            "alone and I can't manage the stairs yet.\n\n"
            "Eleanor Voss"
        ),
        message_id=health_net_id,
        date=_at("2026-05-19 18:03:37"),
    )
    health_net_forward = Sample(
        filename="07-health-net-urgent-outlook-forward.eml",
        outcome="case",
        description="Health Net expedited (72-hour) denial forwarded inline from Outlook",
        letter=health_net,
        client="outlook",
        builder="forward_outlook_inline",
        message_id=health_net_id,
        sender=ELEANOR.address,
        raw=_checked(health_net_raw),
    )
    return [
        kaiser_forward,
        kaiser_follow_up,
        blue_shield_forward,
        anthem_forward,
        la_care_pasted,
        newsletter_forward,
        health_net_forward,
    ]


def _checked(raw: bytes) -> bytes:
    if len(raw) > MAX_SIZE:
        raise ValueError(f"a sample is {len(raw)} bytes, over {MAX_SIZE}")
    return raw


def _toml_value(value: str | bool | date | Sequence[str]) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in value) + "]"


def _facts_table(facts: Facts) -> list[str]:
    rows: list[tuple[str, str | bool | date]] = [
        ("insurer", facts.insurer),
        ("member_id", facts.member_id),
        ("reference_number", facts.reference_number),
        ("letter_date", facts.letter_date),
        ("letter_date_text", facts.letter_date_text),
        ("service", facts.service),
        ("category", facts.category.value),
        ("category_quote", facts.category_quote),
        ("route", facts.route.value),
        ("route_quote", facts.route_quote),
        ("urgent", facts.urgent),
    ]
    if facts.urgent_quote:
        rows.append(("urgent_quote", facts.urgent_quote))
    rows.append(("reason", facts.reason))
    return ["[sample.facts]", *(f"{key} = {_toml_value(value)}" for key, value in rows)]


def render_manifest(samples: Sequence[Sample]) -> str:
    lines = [
        "# The demo samples and what denialwatch should make of each, in delivery order.",
        "# Written by tools/make_samples.py from tests/builders/: do not edit by hand.",
        "#",
        '# outcome: "case" opens a case; "attached" joins the case opened by `attaches_to`;',
        '#          "not_denial" opens no case.',
        "# builder: the tests.builders function that wrapped the letter (how it was sent).",
        "# facts:   what the reader should find; every string occurs verbatim in the letter",
        "#          (the PDF attachment, or the email body when the letter was pasted in).",
        "",
        f"inbox = {_toml_value(SERVICE_INBOX.address)}",
    ]
    for sample in samples:
        attachments = [
            part.get_filename() or ""
            for part in _parts_with_filenames(sample.raw)
            if part.get_content_type() != "message/rfc822"
        ]
        lines += [
            "",
            "[[sample]]",
            f"file = {_toml_value(sample.filename)}",
            f"outcome = {_toml_value(sample.outcome)}",
        ]
        if sample.attaches_to:
            lines.append(f"attaches_to = {_toml_value(sample.attaches_to)}")
        lines += [
            f"description = {_toml_value(sample.description)}",
            f"letter = {_toml_value(sample.letter.key)}",
            f"client = {_toml_value(sample.client)}",
            f"builder = {_toml_value(sample.builder)}",
            f"message_id = {_toml_value(sample.message_id)}",
            f"sender = {_toml_value(sample.sender)}",
            f"attachments = {_toml_value(attachments)}",
        ]
        if sample.outcome != "not_denial" and sample.letter.facts is not None:
            lines += ["", *_facts_table(sample.letter.facts)]
    return "\n".join(lines) + "\n"


def _parts_with_filenames(raw: bytes) -> list[EmailMessage]:
    return [part for part in parse(raw).walk() if part.get_filename()]


README = """\
Demo samples for `denialwatch demo`: invented emails, as patients forward them.

Every person, member ID, reference number and date in these files is made up; the
plans' mail comes from example.com subdomains. Only the regulators' phone numbers
and web sites are real, because the product reads them.

The files are generated: edit tests/builders/ or tools/make_samples.py, then run
    python tools/make_samples.py
manifest.toml lists each file, in delivery order, with the expected outcome and the
facts the reader should find. tests/unit/test_builders.py checks that these files
match what the tool produces now.
"""


def render() -> dict[str, bytes]:
    """Every file of the samples directory, by name."""
    samples = build_samples()
    files = {sample.filename: sample.raw for sample in samples}
    files["manifest.toml"] = render_manifest(samples).encode()
    files["README.txt"] = README.encode()
    return files


def write_samples(out_dir: Path) -> list[Path]:
    """Write the samples to ``out_dir``, removing .eml files that are no longer produced."""
    files = render()
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob("*.eml"):
        if stale.name not in files:
            stale.unlink()
    written = []
    for name, data in files.items():
        path = out_dir / name
        path.write_bytes(data)
        written.append(path)
    return written


def stale_files(out_dir: Path) -> list[str]:
    """Names of the files in ``out_dir`` that differ from what ``render`` produces."""
    files = render()
    on_disk = {p.name for p in out_dir.glob("*.eml")} | {
        name for name in ("manifest.toml", "README.txt") if (out_dir / name).exists()
    }
    differing = [
        name
        for name, data in files.items()
        if not (out_dir / name).exists() or (out_dir / name).read_bytes() != data
    ]
    return sorted(set(differing) | (on_disk - set(files)))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--out", type=Path, default=SAMPLES_DIR, help="directory to write (default: %(default)s)"
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if the directory is stale"
    )
    args = parser.parse_args(argv)
    out_dir: Path = args.out
    if args.check:
        stale = stale_files(out_dir)
        for name in stale:
            print(f"stale: {out_dir / name}")
        return 1 if stale else 0
    for path in write_samples(out_dir):
        print(f"wrote {path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
