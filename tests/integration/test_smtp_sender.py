"""SmtpSender against a real SMTP server (aiosmtpd): delivery, security, classification."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest

from denialwatch.config import Security
from denialwatch.domain.notice import Notice
from denialwatch.errors import DeliveryError
from denialwatch.mail.compose import compose
from denialwatch.mail.outgoing import Sender, StoredEmail
from denialwatch.mail.smtp import SmtpSender
from tests.support import free_port, silent_listener
from tests.support.smtp import FROM_ADDRESS, SMTP_CREDENTIALS, SmtpMode, SmtpServer, running_smtp
from tests.support.tls import TlsFiles

PATIENT = "pat.example@example.org"


def patient_email(message_id: str = "<reply-1@denialwatch.example>") -> EmailMessage:
    message = EmailMessage()
    message["From"] = f"Denial Help <{FROM_ADDRESS}>"
    message["To"] = f"Pat Example <{PATIENT}>"
    message["Subject"] = "We received your denial letter"
    message["Message-ID"] = message_id
    message.set_content("Your case number is DW-0001. Body-marker-42.\n")
    return message


def test_it_is_a_sender(smtp_server: SmtpServer) -> None:
    sender: Sender = SmtpSender(smtp_server.outgoing_config())
    sender.send(patient_email())


def test_sends_the_message_as_built(smtp_server: SmtpServer) -> None:
    SmtpSender(smtp_server.outgoing_config()).send(patient_email())
    [mail] = smtp_server.received
    assert mail.mail_from == FROM_ADDRESS
    assert mail.rcpt_tos == (PATIENT,)
    assert mail.message["Message-ID"] == "<reply-1@denialwatch.example>"
    assert mail.message["Subject"] == "We received your denial letter"
    assert "DW-0001" in mail.message.get_content()


def test_a_batch_sends_over_one_connection_and_each_email_alone_over_its_own(
    smtp_server: SmtpServer,
) -> None:
    sender = SmtpSender(smtp_server.outgoing_config())
    with sender.batch():
        for n in range(3):
            sender.send(patient_email(f"<batch-{n}@denialwatch.example>"))
    sender.send(patient_email("<alone-1@denialwatch.example>"))
    sender.send(patient_email("<alone-2@denialwatch.example>"))
    peers = [mail.peer for mail in smtp_server.received]
    assert len(peers) == 5
    assert len(set(peers[:3])) == 1
    assert len(set(peers)) == 3


def test_a_batch_reconnects_when_the_server_closed_its_connection(
    smtp_server: SmtpServer,
) -> None:
    sender = SmtpSender(smtp_server.outgoing_config())
    with sender.batch():
        sender.send(patient_email("<before@denialwatch.example>"))
        smtp_server.stop()  # the server goes away and comes back: the connection is gone
        smtp_server.start()
        sender.send(patient_email("<after@denialwatch.example>"))
    ids = [mail.message["Message-ID"] for mail in smtp_server.received]
    assert ids == ["<before@denialwatch.example>", "<after@denialwatch.example>"]
    assert smtp_server.received[0].peer != smtp_server.received[1].peer


def test_a_failure_in_a_batch_drops_the_connection_and_the_next_email_goes(
    tmp_path: Path,
) -> None:
    with running_smtp(tmp_path, data_reply="451 4.3.0 try again later") as busy:
        sender = SmtpSender(busy.outgoing_config())
        with sender.batch():
            with pytest.raises(DeliveryError) as failed:
                sender.send(patient_email())
            assert not failed.value.permanent
            with pytest.raises(DeliveryError):
                sender.send(patient_email())
    with running_smtp(tmp_path) as server:
        sender = SmtpSender(server.outgoing_config())
        with sender.batch():
            sender.send(patient_email("<empty@denialwatch.example>"))
            with pytest.raises(DeliveryError) as refused:
                sender.send(EmailMessage())  # no recipient: refused before any SMTP command
            assert refused.value.permanent
            sender.send(patient_email("<next@denialwatch.example>"))
    assert [mail.message["Message-ID"] for mail in server.received] == [
        "<empty@denialwatch.example>",
        "<next@denialwatch.example>",
    ]


def test_cc_and_bcc_are_recipients_and_bcc_is_not_sent(smtp_server: SmtpServer) -> None:
    message = patient_email()
    message["Cc"] = "advocate@example.org"
    message["Bcc"] = "audit@clinic.example"
    SmtpSender(smtp_server.outgoing_config()).send(message)
    [mail] = smtp_server.received
    assert set(mail.rcpt_tos) == {PATIENT, "advocate@example.org", "audit@clinic.example"}
    assert "Bcc" not in mail.message


def stored_email(*, bcc: str | None = None) -> bytes:
    """A composed patient email: Spanish in 8-bit UTF-8, a line that SMTP must dot-stuff and
    one an mbox writer would mangle ("From ...")."""
    text = "Su número de caso es DW-0001.\n.\n.starts with a dot\nFrom here on: the letter.\n"
    notice = Notice(subject="Recibimos su carta de negación", text=text, html=f"<p>{text}</p>")
    data = compose(
        notice,
        sender=f"Denial Help <{FROM_ADDRESS}>",
        recipient=f"Pat Example <{PATIENT}>",
        message_id="<case-1.opened@denialwatch.example>",
        date=datetime(2026, 3, 12, 17, 0, tzinfo=UTC),
    )
    if bcc is None:
        return data
    head, body = data.split(b"\r\n\r\n", 1)
    return head + f"\r\nBcc: {bcc}".encode() + b"\r\n\r\n" + body


def test_a_stored_email_is_sent_byte_for_byte(smtp_server: SmtpServer) -> None:
    data = stored_email()
    assert b"\r\nContent-Transfer-Encoding: 8bit\r\n" in data  # the case this is about
    SmtpSender(smtp_server.outgoing_config()).send(StoredEmail(data))
    [mail] = smtp_server.received
    assert mail.rcpt_tos == (PATIENT,)
    assert mail.raw.rstrip(b"\r\n") == data.rstrip(b"\r\n")
    assert "número" in mail.message.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_a_stored_email_with_a_bcc_header_goes_to_bcc_without_it(
    smtp_server: SmtpServer,
) -> None:
    SmtpSender(smtp_server.outgoing_config()).send(
        StoredEmail(stored_email(bcc="audit@clinic.example"))
    )
    [mail] = smtp_server.received
    assert set(mail.rcpt_tos) == {PATIENT, "audit@clinic.example"}
    assert "Bcc" not in mail.message
    assert b"audit@clinic.example" not in mail.raw
    assert mail.raw.rstrip(b"\r\n") == stored_email().rstrip(b"\r\n")


def test_451_is_transient(smtp_server_451: SmtpServer) -> None:
    with pytest.raises(DeliveryError) as raised:
        SmtpSender(smtp_server_451.outgoing_config()).send(patient_email())
    assert raised.value.permanent is False
    assert "451 4.3.0" in str(raised.value)
    assert smtp_server_451.received == []


def test_550_recipient_refused_is_permanent_and_does_not_repeat_the_address(
    smtp_server_550: SmtpServer,
) -> None:
    with pytest.raises(DeliveryError) as raised:
        SmtpSender(smtp_server_550.outgoing_config()).send(patient_email())
    assert raised.value.permanent is True
    assert "550 5.1.1" in str(raised.value)
    assert PATIENT not in str(raised.value)
    assert "patient@example.org" not in str(raised.value)  # from the server's reply text
    assert raised.value.__cause__ is None  # nor in a logged traceback
    assert raised.value.__suppress_context__


def test_554_data_refused_is_permanent(tmp_path: Path) -> None:
    with (
        running_smtp(tmp_path, data_reply="554 5.6.0 Message rejected as spam") as server,
        pytest.raises(DeliveryError) as raised,
    ):
        SmtpSender(server.outgoing_config()).send(patient_email())
    assert raised.value.permanent is True
    assert "554 5.6.0" in str(raised.value)


def test_452_recipient_deferred_is_transient(tmp_path: Path) -> None:
    with (
        running_smtp(tmp_path, rcpt_reply="452 4.2.2 Mailbox full") as server,
        pytest.raises(DeliveryError) as raised,
    ):
        SmtpSender(server.outgoing_config()).send(patient_email())
    assert raised.value.permanent is False


def test_connection_refused_is_transient(smtp_server: SmtpServer) -> None:
    port = free_port()
    config = smtp_server.outgoing_config(port=port)
    with pytest.raises(DeliveryError, match=rf"127\.0\.0\.1:{port}: connecting") as raised:
        SmtpSender(config).send(patient_email())
    assert raised.value.permanent is False


def test_a_silent_server_times_out_as_transient(smtp_server: SmtpServer) -> None:
    with silent_listener() as port:
        config = smtp_server.outgoing_config(port=port, timeout_seconds=0.3)
        with pytest.raises(DeliveryError, match="timed out") as raised:
            SmtpSender(config).send(patient_email())
    assert raised.value.permanent is False


def test_an_email_without_recipients_is_permanent(smtp_server: SmtpServer) -> None:
    message = patient_email()
    del message["To"]
    with pytest.raises(DeliveryError, match="no recipient") as raised:
        SmtpSender(smtp_server.outgoing_config()).send(message)
    assert raised.value.permanent is True


def test_starttls_with_the_ca_file_and_login(smtp_server_starttls: SmtpServer) -> None:
    sender = SmtpSender(smtp_server_starttls.outgoing_config())
    sender.send(patient_email())
    assert len(smtp_server_starttls.received) == 1
    check = sender.check()
    assert check.encrypted
    assert check.authenticated
    assert "auth" in check.features


def test_tls_with_the_ca_file_and_login(smtp_server_tls: SmtpServer) -> None:
    SmtpSender(smtp_server_tls.outgoing_config()).send(patient_email())
    assert len(smtp_server_tls.received) == 1


@pytest.mark.parametrize("mode", [SmtpMode.STARTTLS, SmtpMode.TLS])
def test_tls_without_the_ca_file_is_refused(
    tmp_path: Path, tls_files: TlsFiles, mode: SmtpMode
) -> None:
    with running_smtp(tmp_path, mode=mode, tls=tls_files, credentials=SMTP_CREDENTIALS) as server:
        config = server.outgoing_config(tls_ca_file=None)
        with pytest.raises(DeliveryError, match="certificate not trusted") as raised:
            SmtpSender(config).send(patient_email())
        assert server.received == []
    assert raised.value.permanent is False


def test_starttls_is_required_when_configured(smtp_server: SmtpServer, tls_files: TlsFiles) -> None:
    config = smtp_server.outgoing_config(security="starttls", tls_ca_file=str(tls_files.ca_file))
    assert config.security is Security.STARTTLS
    with pytest.raises(DeliveryError, match="does not offer STARTTLS") as raised:
        SmtpSender(config).send(patient_email())
    # The server's setup, not the email, is at fault: the email stays queued for a retry.
    assert raised.value.permanent is False
    assert smtp_server.received == []


def test_a_wrong_password_is_retried_and_never_logged(
    smtp_server_starttls: SmtpServer, caplog: pytest.LogCaptureFixture
) -> None:
    wrong = "wrong-smtp-password-93"
    smtp_server_starttls.password = wrong
    caplog.set_level(logging.DEBUG)
    with pytest.raises(DeliveryError) as raised:
        SmtpSender(smtp_server_starttls.outgoing_config()).send(patient_email())
    assert raised.value.permanent is False
    assert "535" in str(raised.value)
    assert wrong not in str(raised.value)
    assert all(wrong not in record.getMessage() for record in caplog.records)
    assert smtp_server_starttls.received == []


def test_check_reports_the_failing_step(smtp_server: SmtpServer) -> None:
    check = SmtpSender(smtp_server.outgoing_config()).check()
    assert not check.encrypted
    assert not check.authenticated
    with pytest.raises(DeliveryError, match="connecting"):
        SmtpSender(smtp_server.outgoing_config(port=free_port())).check()


def test_logs_carry_no_address_subject_or_body(
    smtp_server: SmtpServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    SmtpSender(smtp_server.outgoing_config()).send(patient_email())
    for record in caplog.records:
        if record.name.startswith("denialwatch"):
            text = record.getMessage()
            assert PATIENT not in text
            assert "denial letter" not in text
            assert "Body-marker-42" not in text
