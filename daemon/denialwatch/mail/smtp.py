"""Hand outgoing email to an SMTP server (submission), through the standard library.

One connection per email, except inside ``batch()``: the dispatcher sends the emails of one
run (a morning's reminders, say) over one connection, checked with NOOP before each reuse
and dropped after any failure, so a server that closed it costs nothing but a reconnect.
Outside a batch a fresh connection never trips over a server that closed an idle one.
``send`` connects (TLS from the first
byte, or STARTTLS, which is then required: a server that does not offer it is refused rather
than spoken to in clear text), logs in when a username is configured, and sends the stored
email's bytes as they are (``mail.outgoing.StoredEmail``: Message-ID, From, To as composed;
a Bcc header is the one thing left out); the envelope sender is
``outgoing.from_address``, so bounces come back to the service's own mailbox, and the
envelope recipients are the message's To, Cc and Bcc. With ``auth = "xoauth2"`` the login is
AUTH XOAUTH2 with an access token fetched afresh for each connection
(``denialwatch.mail.oauth``); a token that cannot be had is a transient failure.

Delivery semantics (see ``denialwatch.mail.outgoing``): once the server has answered 250 to
the message data, the email is sent; a failure after that (QUIT) is ignored. Before that,
every failure is a ``DeliveryError``:

- ``permanent=False`` when retrying may help: no connection, a timeout, a dropped
  connection, a TLS handshake that failed (an expired or wrong certificate is fixed on the
  server, not in the email), and any 4xx reply;
- ``permanent=True`` when the server said no to this email for good: a 5xx reply to the
  sender, the recipients or the data, or an email without recipients.

Failures while setting up the session (connecting, EHLO, STARTTLS, AUTH), even 5xx ones
such as a refused password or a server that stopped offering STARTTLS, are never permanent:
they say nothing about the email, and an operator fixes them on the server or in the
configuration; marking every queued email failed meanwhile would lose them.

When some recipients are accepted and others refused, the email is reported as failed,
permanent only if every refusal was 5xx; a retry sends it again to all of them, with the
same Message-ID.

Error messages name host, port, the step and the reply code with its enhanced status code
("550 5.1.1"), never the server's reply text, which often repeats the address; for the same
reason a refusal is not chained to the DeliveryError (``from None``), so a logged traceback
cannot carry it either. Socket and TLS errors are chained.
"""

from __future__ import annotations

import logging
import re
import smtplib
import ssl
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from email.message import EmailMessage

from denialwatch.config import Security, SmtpOutgoing
from denialwatch.errors import DeliveryError, SourceError
from denialwatch.mail.oauth import access_token, xoauth2_string
from denialwatch.mail.outgoing import StoredEmail, stored

_log = logging.getLogger(__name__)

_ENHANCED_STATUS = re.compile(rb"\s*([245]\.\d{1,3}\.\d{1,3})\b")


@dataclass(frozen=True)
class SmtpCheck:
    """What ``SmtpSender.check`` found, for the ``doctor`` command."""

    features: frozenset[str]
    """The EHLO keywords the server offered after STARTTLS, lower case."""
    encrypted: bool
    authenticated: bool


def _reply(code: int, text: bytes | str) -> str:
    """ "550 5.1.1": the reply code and its enhanced status code, without the free text."""
    raw = text.encode("utf-8", "replace") if isinstance(text, str) else text
    enhanced = _ENHANCED_STATUS.match(raw)
    return f"{code} {enhanced.group(1).decode('ascii')}" if enhanced else str(code)


def _refusals(recipients: Mapping[str, tuple[int, bytes]]) -> tuple[str, bool]:
    """Describe refused recipients by their codes; permanent when every code is 5xx."""
    replies = sorted({_reply(code, text) for code, text in recipients.values()})
    permanent = all(code >= 500 for code, _ in recipients.values())
    return ", ".join(replies), permanent


def _tls_context(config: SmtpOutgoing) -> ssl.SSLContext:
    try:
        if config.tls_ca_file is None:
            return ssl.create_default_context()
        return ssl.create_default_context(cafile=str(config.tls_ca_file))
    except (OSError, ValueError) as err:
        raise DeliveryError(
            f"SMTP {config.host}:{config.port}: cannot load outgoing.tls_ca_file "
            f"{config.tls_ca_file}: {type(err).__name__}",
            permanent=False,
        ) from err


class SmtpSender:
    """Send each email over a fresh SMTP connection, or a batch over one (see the module doc).

    One sender is used by one thread at a time.
    """

    def __init__(self, config: SmtpOutgoing) -> None:
        self._config = config
        self._batching = False
        self._open: ExitStack | None = None
        self._smtp: smtplib.SMTP | None = None

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Reuse one connection for the sends inside the block; QUIT when it ends."""
        if self._batching:  # nested: the outer batch owns the connection
            yield
            return
        self._batching = True
        try:
            yield
        finally:
            self._batching = False
            self._close_batch()

    def send(self, email: StoredEmail | EmailMessage) -> None:
        message = stored(email)
        recipients = message.recipients()
        if not recipients:
            raise DeliveryError(
                self._describe("sending", "the email has no recipient"), permanent=True
            )
        if not self._batching:
            with self._session() as smtp:
                self._transmit(smtp, message, recipients)
        else:
            try:
                self._transmit(self._batch_session(), message, recipients)
            except DeliveryError:
                self._close_batch()  # whatever state the session is in, start afresh
                raise
        _log.debug("smtp: handed an email to %s:%d", self._config.host, self._config.port)

    def _batch_session(self) -> smtplib.SMTP:
        """The batch's connection, alive (NOOP answered 250), else a new one."""
        if self._smtp is not None:
            try:
                code, _ = self._smtp.noop()
            except (smtplib.SMTPException, OSError):
                code = 0
            if code == 250:
                return self._smtp
            self._close_batch()
        stack = ExitStack()
        self._smtp = stack.enter_context(self._session())
        self._open = stack
        return self._smtp

    def _close_batch(self) -> None:
        stack, self._open, self._smtp = self._open, None, None
        if stack is not None:
            stack.close()

    def _transmit(self, smtp: smtplib.SMTP, message: StoredEmail, recipients: list[str]) -> None:
        """MAIL, RCPT, DATA for one email on a ready session: the stored bytes as they are."""
        step = "sending"
        sender = self._config.from_address
        options: tuple[str, ...] = ()
        if not "".join([sender, *recipients]).isascii():  # as smtplib's send_message decides
            options = ("SMTPUTF8", "BODY=8BITMIME")
        try:
            if options and not smtp.has_extn("smtputf8"):
                raise smtplib.SMTPNotSupportedError("an address needs SMTPUTF8")
            refused = smtp.sendmail(sender, recipients, message.without_bcc(), options)
        except smtplib.SMTPRecipientsRefused as err:
            replies, permanent = _refusals(err.recipients)
            raise DeliveryError(
                self._describe(step, f"every recipient refused ({replies})"),
                permanent=permanent,
            ) from None  # the refusal lists the addresses: keep it out of tracebacks
        except (smtplib.SMTPException, OSError) as err:
            raise self._error(step, err) from _traceable(err)
        if refused:
            replies, permanent = _refusals(refused)
            raise DeliveryError(
                self._describe(
                    step, f"{len(refused)} of {len(recipients)} recipients refused ({replies})"
                ),
                permanent=permanent,
            )

    def check(self) -> SmtpCheck:
        """Connect, EHLO, STARTTLS, log in, QUIT: for ``doctor``. Raises ``DeliveryError``."""
        with self._session() as smtp:
            return SmtpCheck(
                features=frozenset(smtp.esmtp_features),
                encrypted=self._config.security is not Security.NONE,
                authenticated=self._config.username is not None
                and (self._config.password is not None or self._config.auth == "xoauth2"),
            )

    @contextmanager
    def _session(self) -> Iterator[smtplib.SMTP]:
        """A connected, encrypted (as configured) and logged-in session; QUIT at the end."""
        config = self._config
        context = None if config.security is Security.NONE else _tls_context(config)
        step = "connecting"
        try:
            smtp: smtplib.SMTP
            if config.security is Security.TLS:
                smtp = smtplib.SMTP_SSL(
                    config.host, config.port, timeout=config.timeout_seconds, context=context
                )
            else:
                smtp = smtplib.SMTP(config.host, config.port, timeout=config.timeout_seconds)
        except (smtplib.SMTPException, OSError) as err:
            raise self._error(step, err, setup=True) from _traceable(err)
        try:
            try:
                step = "EHLO"
                smtp.ehlo()
                if config.security is Security.STARTTLS:
                    step = "STARTTLS"
                    if not smtp.has_extn("starttls"):
                        raise DeliveryError(
                            self._describe(step, "the server does not offer STARTTLS"),
                            permanent=False,
                        )
                    smtp.starttls(context=context)
                    smtp.ehlo()
                if config.auth == "xoauth2" and config.username is not None:
                    step = f"logging in as {config.username!r} with XOAUTH2"
                    self._xoauth2_login(smtp, config.username)
                elif config.username is not None and config.password is not None:
                    step = f"logging in as {config.username!r}"
                    smtp.login(config.username, config.password.get_secret_value())
            except (smtplib.SMTPException, OSError) as err:
                raise self._error(step, err, setup=True) from _traceable(err)
            yield smtp
        finally:
            _quit(smtp)

    def _xoauth2_login(self, smtp: smtplib.SMTP, username: str) -> None:
        step = f"logging in as {username!r} with XOAUTH2"
        mechanisms = str(smtp.esmtp_features.get("auth", "")).upper().split()
        if "XOAUTH2" not in mechanisms:
            raise DeliveryError(
                self._describe(step, "the server does not offer AUTH XOAUTH2"), permanent=False
            )
        try:
            token = access_token(self._config)
        except SourceError as err:
            raise DeliveryError(str(err), permanent=False) from None
        initial = xoauth2_string(username, token)

        def respond(challenge: bytes | None = None) -> str:
            # A refused token draws a 334 with an error report; the empty answer ends the
            # exchange, and the server then replies 535.
            return initial if challenge is None else ""

        smtp.auth("XOAUTH2", respond, initial_response_ok=True)

    def _describe(self, step: str, cause: str) -> str:
        return f"SMTP {self._config.host}:{self._config.port}: {step}: {cause}"

    def _error(self, step: str, err: BaseException, *, setup: bool = False) -> DeliveryError:
        """Classify a library error (see the module doc for the rules)."""
        # smtplib's errors are OSErrors too: test them before the socket's.
        if isinstance(err, smtplib.SMTPResponseException):
            # Auth, sender, data, HELO and greeting refusals all carry the server's code.
            permanent = err.smtp_code >= 500
            cause = f"{type(err).__name__} {_reply(err.smtp_code, err.smtp_error)}"
        elif isinstance(err, smtplib.SMTPServerDisconnected):
            # smtplib reports a read timeout as a disconnection; say which it was.
            timed_out = isinstance(err.__context__, TimeoutError)
            permanent, cause = False, "timed out" if timed_out else f"connection lost: {err}"
        elif isinstance(err, smtplib.SMTPException):
            # "SMTP AUTH extension not supported", "No suitable authentication method found":
            # the server and the configuration disagree, which retrying does not change.
            permanent, cause = True, f"{type(err).__name__}: {err}"
        elif isinstance(err, ssl.SSLCertVerificationError):
            permanent, cause = False, f"certificate not trusted: {err.verify_message}"
        elif isinstance(err, TimeoutError):
            permanent, cause = False, "timed out"
        else:
            permanent = False
            cause = f"{type(err).__name__}: {getattr(err, 'strerror', None) or err}"
        return DeliveryError(self._describe(step, cause[:300]), permanent=permanent and not setup)


def _traceable(err: BaseException) -> BaseException | None:
    """The error to chain to a DeliveryError, or None for a server reply, whose text often
    repeats an address and would reach the log with the traceback."""
    return None if isinstance(err, smtplib.SMTPResponseException) else err


def _quit(smtp: smtplib.SMTP) -> None:
    """QUIT politely; the email's fate is already decided, so a failure here is ignored."""
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()
