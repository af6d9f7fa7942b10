"""Configuration: one TOML file, validated once at start into a frozen typed object.

Where values come from, in order of precedence:

1. environment variables ``DENIALWATCH_<SECTION>__<KEY>`` (``DENIALWATCH_INBOX__HOST``) and
   ``DENIALWATCH_<KEY>`` for top-level keys (``DENIALWATCH_TIMEZONE``);
2. the TOML file given by ``--config`` or ``DENIALWATCH_CONFIG``;
3. the defaults below.

Secrets never live in the file: a ``password`` key is refused. They are read from the file
named by ``password_file`` (a relative name is looked up in systemd's
``$CREDENTIALS_DIRECTORY``) or from the credential named by ``password_credential``.
Every error names the key and says what is wrong; no error repeats a secret.
"""

from __future__ import annotations

import ipaddress
import os
import shlex
import tomllib
from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from denialwatch.domain.reminders.plan import QuietHours
from denialwatch.errors import ConfigError

ENV_PREFIX = "DENIALWATCH_"
CONFIG_ENV = "DENIALWATCH_CONFIG"
_NOT_OVERRIDES = {CONFIG_ENV}


class Security(StrEnum):
    TLS = "tls"
    """TLS from the first byte (IMAPS 993, SMTPS 465)."""
    STARTTLS = "starttls"
    """Plain connection upgraded with STARTTLS before login (IMAP 143, submission 587)."""
    NONE = "none"
    """No encryption: refused unless the host is a loopback address."""


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _environ(info: ValidationInfo) -> Mapping[str, str]:
    context = info.context if isinstance(info.context, dict) else {}
    environ = context.get("environ")
    return environ if isinstance(environ, Mapping) else os.environ


def _read_secret(
    section: str, values: dict[str, Any], environ: Mapping[str, str]
) -> dict[str, Any]:
    """Replace ``password_file`` / ``password_credential`` by the secret they point to."""
    if "password" in values:
        raise ValueError(
            f"{section}.password: secrets are not accepted in the configuration; "
            "put the password in a file and name it with password_file"
        )
    file_value = values.pop("password_file", None)
    credential = values.pop("password_credential", None)
    if file_value is not None and credential is not None:
        raise ValueError(f"{section}: give password_file or password_credential, not both")
    path: Path | None = None
    key = f"{section}.password_file"
    if credential is not None:
        key = f"{section}.password_credential"
        directory = environ.get("CREDENTIALS_DIRECTORY")
        if not directory:
            raise ValueError(f"{key}: $CREDENTIALS_DIRECTORY is not set (use LoadCredential=)")
        path = Path(directory) / str(credential)
    elif file_value is not None:
        path = Path(str(file_value))
        if not path.is_absolute():
            directory = environ.get("CREDENTIALS_DIRECTORY")
            if directory:
                path = Path(directory) / path
    if path is None:
        return values
    try:
        secret = path.read_text(encoding="utf-8").rstrip("\r\n")
    except OSError as err:
        raise ValueError(f"{key}: cannot read {path}: {err.strerror}") from None
    if not secret:
        raise ValueError(f"{key}: {path} is empty")
    values["password"] = SecretStr(secret)
    values["password_source"] = str(path)
    return values


def _read_credentials(
    section: str, values: dict[str, Any], environ: Mapping[str, str]
) -> dict[str, Any]:
    """Read the password (``_read_secret``) and resolve ``oauth2_token_file``: a relative
    name is looked up in ``$CREDENTIALS_DIRECTORY``. The token itself is read at each
    connection (``denialwatch.mail.oauth``), since access tokens expire within the hour."""
    values = _read_secret(section, values, environ)
    named = values.get("oauth2_token_file")
    if named is not None:
        token_file = Path(str(named))
        directory = environ.get("CREDENTIALS_DIRECTORY")
        if not token_file.is_absolute() and directory:
            token_file = Path(directory) / token_file
        values["oauth2_token_file"] = token_file
    return values


class _Server(_Section):
    """What IMAP and SMTP share: address, encryption, and how to log in.

    ``auth = "password"`` logs in with the password (``password_file`` or
    ``password_credential``). ``auth = "xoauth2"`` (Gmail, Microsoft 365) logs in with SASL
    XOAUTH2 and an OAuth 2 access token taken, at each connection, from ``oauth2_token_file``
    (kept fresh by an external tool) or from the standard output of ``oauth2_token_command``
    (run without a shell); exactly one of the two, and no password.
    """

    section: ClassVar[str] = "server"
    host: str
    port: int = Field(ge=1, le=65535)
    security: Security
    username: str | None = None
    password: SecretStr | None = None
    password_source: str | None = None
    """Where the password was read from (a path), for `check-config`; never the secret."""
    tls_ca_file: Path | None = None
    """A CA bundle to trust instead of the system's, for a server with a private certificate."""
    timeout_seconds: float = Field(default=60.0, gt=0, le=600)
    auth: Literal["password", "xoauth2"] = "password"
    oauth2_token_file: Path | None = None
    """A file holding the current access token (read at each connection)."""
    oauth2_token_command: tuple[str, ...] | None = None
    """A command (program and arguments, no shell) that prints the access token."""

    @field_validator("oauth2_token_command", mode="before")
    @classmethod
    def _command_words(cls, value: Any) -> Any:
        # An environment override is a string: split it as a shell would, but run no shell.
        words = shlex.split(value) if isinstance(value, str) else value
        if isinstance(words, list | tuple) and (not words or not all(words)):
            raise ValueError("must name a program (a non-empty list of non-empty strings)")
        return words

    @model_validator(mode="after")
    def _plain_only_on_loopback(self) -> _Server:
        if self.security is Security.NONE and not _is_loopback(self.host):
            raise ValueError(
                f'security = "none" sends mail and passwords in clear text; it is allowed only '
                f"for a loopback host, not {self.host!r}"
            )
        return self

    @model_validator(mode="after")
    def _one_way_to_log_in(self) -> _Server:
        name = self.section
        token_sources = [
            key
            for key, value in (
                ("oauth2_token_file", self.oauth2_token_file),
                ("oauth2_token_command", self.oauth2_token_command),
            )
            if value is not None
        ]
        if self.auth == "password":
            if token_sources:
                raise ValueError(
                    f"{name}.{token_sources[0]}: an OAuth 2 token is used only with "
                    'auth = "xoauth2"'
                )
            return self
        if len(token_sources) != 1:
            raise ValueError(
                f'{name}.auth: "xoauth2" needs exactly one of oauth2_token_file and '
                "oauth2_token_command"
            )
        if self.password is not None:
            raise ValueError(
                f'{name}.password_file: not used with auth = "xoauth2"; remove the password'
            )
        if not self.username:
            raise ValueError(f'{name}.username: auth = "xoauth2" needs the account\'s username')
        return self

    @property
    def credential_source(self) -> str | None:
        """Where the login secret comes from, for `check-config`; never the secret."""
        if self.auth == "xoauth2":
            if self.oauth2_token_command is not None:
                return f"OAuth 2 token from command {self.oauth2_token_command[0]}"
            return f"OAuth 2 token from {self.oauth2_token_file}"
        if self.password_source is not None:
            return f"password from {self.password_source}"
        return None


class ImapInbox(_Server):
    section: ClassVar[str] = "inbox"
    source: Literal["imap"]
    port: int = Field(default=993, ge=1, le=65535)
    security: Security = Security.TLS
    username: str
    folder: str = "INBOX"
    processed_folder: str = "denialwatch/processed"
    review_folder: str = "denialwatch/review"

    @model_validator(mode="before")
    @classmethod
    def _secret(cls, data: Any, info: ValidationInfo) -> Any:
        return (
            _read_credentials("inbox", dict(data), _environ(info))
            if isinstance(data, Mapping)
            else data
        )

    @model_validator(mode="after")
    def _needs_password(self) -> ImapInbox:
        if self.auth == "password" and self.password is None:
            raise ValueError("inbox.password_file: an IMAP inbox needs a password file")
        return self


class MaildirInbox(_Section):
    source: Literal["maildir"]
    path: Path
    processed_folder: str = "denialwatch/processed"
    review_folder: str = "denialwatch/review"

    @property
    def folder(self) -> str:
        return "INBOX"


class SmtpOutgoing(_Server):
    section: ClassVar[str] = "outgoing"
    transport: Literal["smtp"]
    port: int = Field(default=587, ge=1, le=65535)
    security: Security = Security.STARTTLS
    from_address: str

    @model_validator(mode="before")
    @classmethod
    def _secret(cls, data: Any, info: ValidationInfo) -> Any:
        return (
            _read_credentials("outgoing", dict(data), _environ(info))
            if isinstance(data, Mapping)
            else data
        )

    @model_validator(mode="after")
    def _login_pair(self) -> SmtpOutgoing:
        if self.auth == "password" and (self.username is None) != (self.password is None):
            raise ValueError("outgoing: username and password_file go together")
        return self


class MaildirOutgoing(_Section):
    transport: Literal["maildir"]
    path: Path
    from_address: str


class Database(_Section):
    url: str

    @field_validator("url")
    @classmethod
    def _known_backend(cls, value: str) -> str:
        if not value.startswith(("sqlite:", "postgresql:", "postgresql+psycopg:")):
            raise ValueError("must be sqlite:///PATH or postgresql+psycopg://...")
        return value


class Storage(_Section):
    path: Path


class Service(_Section):
    poll_interval_seconds: float = Field(default=60.0, ge=1, le=3600)
    max_message_bytes: int = Field(default=50 * 1024 * 1024, ge=1024)
    """A larger message is kept and sent to review unread."""
    max_attempts: int = Field(default=3, ge=1, le=100)
    """How many passes may fail on one message before it goes to review as failed."""
    max_interruptions: int = Field(default=3, ge=1, le=1000)
    """How many times the service may stop (killed, crashed, out of memory) while it holds
    one message before that message goes to review as failed instead of being tried again."""


class Documents(_Section):
    """Bounds on reading one attachment, OCR, and the known passwords of encrypted PDFs.

    ``pdf_timeout_seconds`` and ``pdf_memory_mb`` bound every document the worker reads (PDF,
    Word, and the OCR of scans and images, whose time is ``ocr_timeout_seconds``).
    """

    max_pdf_pages: int = Field(default=200, ge=1)
    pdf_timeout_seconds: float = Field(default=60.0, gt=0)
    pdf_memory_mb: int = Field(default=1024, ge=64)
    pdf_passwords_file: Path | None = None
    """One password a line, tried in turn on an encrypted PDF (after the empty one)."""
    ocr_enabled: bool = True
    tesseract_command: str = Field(default="tesseract", min_length=1)
    ocr_languages: str = Field(default="eng+spa", pattern=r"^[a-z_]+(\+[a-z_]+)*$")
    ocr_timeout_seconds: float = Field(default=120.0, gt=0, le=3600)
    max_ocr_pages: int = Field(default=10, ge=1, le=500)
    ocr_dpi: int = Field(default=300, ge=100, le=600)
    max_image_pixels: int = Field(default=80_000_000, ge=1_000_000, le=1_000_000_000)
    _pdf_passwords: tuple[str, ...] = PrivateAttr(default=())

    @property
    def pdf_passwords(self) -> tuple[str, ...]:
        """The passwords read from ``pdf_passwords_file``; never logged or shown."""
        return self._pdf_passwords

    @model_validator(mode="before")
    @classmethod
    def _no_passwords_inline(cls, data: Any, info: ValidationInfo) -> Any:
        if not isinstance(data, Mapping):
            return data
        if "pdf_passwords" in data or "pdf_password" in data:
            raise ValueError(
                "documents.pdf_passwords: passwords are not accepted in the configuration; "
                "put them in a file, one a line, and name it with pdf_passwords_file"
            )
        values = dict(data)
        named = values.get("pdf_passwords_file")
        if named is not None:
            path = Path(str(named))
            directory = _environ(info).get("CREDENTIALS_DIRECTORY")
            if not path.is_absolute() and directory:
                path = Path(directory) / path
            values["pdf_passwords_file"] = path
        return values

    def model_post_init(self, context: Any, /) -> None:
        if self.pdf_passwords_file is None:
            return
        path = self.pdf_passwords_file
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            reason = err.strerror if isinstance(err, OSError) else "not UTF-8 text"
            raise ValueError(
                f"documents.pdf_passwords_file: cannot read {path}: {reason}"
            ) from None
        passwords = tuple(dict.fromkeys(line.rstrip("\r") for line in text.split("\n")))
        self._pdf_passwords = tuple(p for p in passwords if p)
        if not self._pdf_passwords:
            raise ValueError(f"documents.pdf_passwords_file: {path} is empty")


class Reminders(_Section):
    """When reminder emails may go out, in the patient's time zone."""

    enabled: bool = True
    quiet_start: time = time(20, 0)
    """No email from this time..."""
    quiet_end: time = time(8, 0)
    """...until this time (the quiet hours may span midnight)."""
    send_at: time = time(9, 0)
    """Reminders about a day go out at this time on that day."""
    safety_interval_seconds: float = Field(default=300.0, ge=5, le=3600)
    """The dispatcher wakes at the next due time, and at least this often in any case."""

    @model_validator(mode="after")
    def _send_outside_quiet(self) -> Reminders:
        quiet = QuietHours(self.quiet_start, self.quiet_end, self.send_at)
        probe = datetime.combine(date(2026, 1, 5), self.send_at, tzinfo=UTC)
        if quiet.is_quiet(probe, ZoneInfo("UTC")):
            raise ValueError("reminders.send_at: must fall outside the quiet hours")
        return self

    @property
    def quiet(self) -> QuietHours:
        return QuietHours(self.quiet_start, self.quiet_end, self.send_at)


class Dmhc(_Section):
    help_center_phone: str = "1-888-466-2219"
    tdd_phone: str = "1-877-688-9891"
    fax: str = "916-255-5241"
    mailing_address: str = (
        "Help Center, Department of Managed Health Care, "
        "980 Ninth Street, Suite 500, Sacramento, CA 95814-2725"
    )
    website: str = "www.HealthHelp.ca.gov"


class EvidenceSettings(_Section):
    """Optional help with the supporting letter's evidence; everything is off by default.

    ``pubmed``: search PubMed (NCBI E-utilities) for the treatment and condition and propose
    citations. NCBI asks every client to name itself with ``tool`` and an ``email``; an API key
    (from a file, like every secret) raises its limit from 3 to 10 requests a second.
    ``imr_data_file``: the state's "IMR Determinations Trend" CSV; when set, the cover note says
    how similar Independent Medical Reviews were decided.
    """

    pubmed: bool = False
    pubmed_email: str | None = None
    pubmed_api_key_file: Path | None = None
    pubmed_base_url: str = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
    pubmed_max_results: int = Field(default=5, ge=1, le=20)
    pubmed_timeout_seconds: float = Field(default=10.0, gt=0, le=120)
    imr_data_file: Path | None = None
    _pubmed_api_key: SecretStr | None = PrivateAttr(default=None)

    @property
    def pubmed_api_key(self) -> SecretStr | None:
        """The key read from ``pubmed_api_key_file``; never logged or shown."""
        return self._pubmed_api_key

    @model_validator(mode="before")
    @classmethod
    def _no_key_inline(cls, data: Any, info: ValidationInfo) -> Any:
        if not isinstance(data, Mapping):
            return data
        if "pubmed_api_key" in data:
            raise ValueError(
                "evidence.pubmed_api_key: secrets are not accepted in the configuration; "
                "put the key in a file and name it with pubmed_api_key_file"
            )
        values = dict(data)
        named = values.get("pubmed_api_key_file")
        if named is not None:
            path = Path(str(named))
            directory = _environ(info).get("CREDENTIALS_DIRECTORY")
            if not path.is_absolute() and directory:
                path = Path(directory) / path
            values["pubmed_api_key_file"] = path
        return values

    @field_validator("pubmed_base_url")
    @classmethod
    def _https_base(cls, value: str) -> str:
        scheme, _, rest = value.partition("://")
        host = rest.split("/", 1)[0].rsplit(":", 1)[0].strip("[]")
        if not rest or not host:
            raise ValueError(f"{value!r} is not an http(s) URL")
        if scheme == "https" or (scheme == "http" and _is_loopback(host)):
            return value if value.endswith("/") else value + "/"
        raise ValueError(
            "must be an https:// URL (plain http only for a loopback host): the search terms "
            "name the patient's treatment and condition"
        )

    @model_validator(mode="after")
    def _pubmed_needs_email(self) -> EvidenceSettings:
        if self.pubmed and not (self.pubmed_email and "@" in self.pubmed_email):
            raise ValueError(
                "evidence.pubmed_email: NCBI asks for a contact email address when pubmed = true"
            )
        if self.imr_data_file is not None and not self.imr_data_file.is_file():
            raise ValueError(f"evidence.imr_data_file: {self.imr_data_file} is not a file")
        return self

    def model_post_init(self, context: Any, /) -> None:
        if self.pubmed_api_key_file is None:
            return
        path = self.pubmed_api_key_file
        try:
            key = path.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as err:
            reason = err.strerror if isinstance(err, OSError) else "not UTF-8 text"
            raise ValueError(
                f"evidence.pubmed_api_key_file: cannot read {path}: {reason}"
            ) from None
        if not key:
            raise ValueError(f"evidence.pubmed_api_key_file: {path} is empty")
        self._pubmed_api_key = SecretStr(key)


class Senders(_Section):
    """Whose forwards are answered; anything refused goes to review with the reason.

    ``policy``: ``"any"`` (the default) answers everyone the service can help;
    ``"registered"`` only the addresses in ``registered`` and in ``registered_file`` (one a
    line, ``#`` starts a comment), and, while ``allow_known_patients`` is true (the default),
    anyone who already has a row in patients (that is, who was answered before);
    ``"authenticated"`` only mail whose ``Authentication-Results`` header, written by the
    receiving server named ``authserv_id`` (``mx.google.com``, ``mail.example.org``), says
    every method in ``require`` (``dmarc``, ``dkim``, ``spf``; default ``["dmarc"]``) passed
    for the From address's domain. Headers written by any other server are ignored.
    """

    policy: Literal["any", "registered", "authenticated"] = "any"
    registered: tuple[str, ...] = ()
    registered_file: Path | None = None
    allow_known_patients: bool = True
    authserv_id: str | None = None
    require: tuple[Literal["dmarc", "dkim", "spf"], ...] = ("dmarc",)
    _addresses: frozenset[str] = PrivateAttr(default=frozenset())

    @property
    def addresses(self) -> frozenset[str]:
        """``registered`` and the lines of ``registered_file``, in lower case."""
        return self._addresses

    @field_validator("registered", "require", mode="before")
    @classmethod
    def _comma_list(cls, value: Any) -> Any:
        # An environment override gives one string: "a@example.org, b@example.org".
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("registered")
    @classmethod
    def _addresses_only(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for number, address in enumerate(value, start=1):
            if "@" not in address.strip():
                raise ValueError(f"entry {number} is not an email address")
        return tuple(a.strip().lower() for a in value)

    @model_validator(mode="after")
    def _policy_complete(self) -> Senders:
        if self.policy == "authenticated" and not (self.authserv_id or "").strip():
            raise ValueError(
                'senders.authserv_id: policy = "authenticated" needs the receiving server\'s '
                "authserv-id (the name its Authentication-Results headers start with)"
            )
        if self.policy == "authenticated" and not self.require:
            raise ValueError("senders.require: name at least one of dmarc, dkim, spf")
        return self

    def model_post_init(self, context: Any, /) -> None:
        addresses = set(self.registered)
        path = self.registered_file
        if path is not None:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as err:
                reason = err.strerror if isinstance(err, OSError) else "not UTF-8 text"
                raise ValueError(f"senders.registered_file: cannot read {path}: {reason}") from None
            for number, line in enumerate(text.splitlines(), start=1):
                entry = line.split("#", 1)[0].strip()
                if entry and "@" not in entry:
                    raise ValueError(
                        f"senders.registered_file: line {number} of {path} is not an address"
                    )
                if entry:
                    addresses.add(entry.lower())
        if self.policy == "registered" and not addresses and not self.allow_known_patients:
            raise ValueError(
                'senders.registered: policy = "registered" with no addresses and '
                "allow_known_patients = false would answer no one"
            )
        self._addresses = frozenset(addresses)


class Config(_Section):
    timezone: str = "America/Los_Angeles"
    inbox: Annotated[ImapInbox | MaildirInbox, Field(discriminator="source")]
    outgoing: Annotated[SmtpOutgoing | MaildirOutgoing, Field(discriminator="transport")]
    database: Database
    storage: Storage
    service: Service = Service()
    documents: Documents = Documents()
    reminders: Reminders = Reminders()
    dmhc: Dmhc = Dmhc()
    evidence: EvidenceSettings = EvidenceSettings()
    senders: Senders = Senders()

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not an IANA time zone name") from None
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def _apply_env(data: dict[str, Any], environ: Mapping[str, str]) -> dict[str, Any]:
    top_level = set(Config.model_fields) - {"inbox", "outgoing", "database", "storage"}
    sections = set(Config.model_fields) - top_level
    merged = {k: (dict(v) if isinstance(v, dict) else v) for k, v in data.items()}
    for name, value in sorted(environ.items()):
        if not name.startswith(ENV_PREFIX) or name in _NOT_OVERRIDES:
            continue
        rest = name.removeprefix(ENV_PREFIX).lower()
        if "__" in rest:
            section, key = rest.split("__", 1)
            optional = {"service", "documents", "reminders", "dmhc", "evidence", "senders"}
            if section not in sections | optional:
                raise ConfigError(f"{name}: there is no [{section}] section")
            target = merged.setdefault(section, {})
            if not isinstance(target, dict):
                raise ConfigError(f"{name}: {section} is not a section")
            target[key] = value
        elif rest in top_level:
            merged[rest] = value
    return merged


_FRIENDLY = {
    "extra_forbidden": "unknown key (check the spelling against config/denialwatch.example.toml)",
    "missing": "required key is missing",
}


def _describe(err: ValidationError) -> str:
    lines = []
    for problem in err.errors(include_input=False, include_url=False):
        parts = [str(p) for p in problem["loc"] if p not in ("imap", "maildir", "smtp")]
        location = ".".join(parts)
        if problem["type"] == "union_tag_invalid":
            tags = problem.get("ctx", {}).get("expected_tags", "")
            tag = problem.get("ctx", {}).get("discriminator", "").strip("'")
            location = f"{location}.{tag}" if location else tag
            message = f"must be one of {tags}"
        elif problem["type"] == "union_tag_not_found":
            tag = problem.get("ctx", {}).get("discriminator", "").strip("'")
            location = f"{location}.{tag}" if location else tag
            message = "required key is missing"
        else:
            message = _FRIENDLY.get(problem["type"], problem["msg"].removeprefix("Value error, "))
        if location and not message.startswith(location.split(".")[0]):
            lines.append(f"{location}: {message}")
        else:
            lines.append(message)
    return "; ".join(lines)


def parse_config(data: Mapping[str, Any], environ: Mapping[str, str] | None = None) -> Config:
    """Validate raw TOML data (with environment overrides) into a ``Config``."""
    env = os.environ if environ is None else environ
    merged = _apply_env(dict(data), env)
    try:
        return Config.model_validate(merged, context={"environ": env})
    except ValidationError as err:
        raise ConfigError(_describe(err)) from None


def load_config(path: Path | None = None, environ: Mapping[str, str] | None = None) -> Config:
    """Read, merge and validate the configuration; raises ``ConfigError`` naming the key."""
    env = os.environ if environ is None else environ
    if path is None:
        named = env.get(CONFIG_ENV)
        if not named:
            raise ConfigError(f"no configuration file: pass --config PATH or set {CONFIG_ENV}")
        path = Path(named)
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as err:
        raise ConfigError(f"{path}: cannot read the configuration: {err.strerror}") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: not valid TOML: {err}") from None
    return parse_config(data, env)
