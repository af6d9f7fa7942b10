"""The optional sender policy: whose forwards the service answers (``[senders]``).

``refusal`` is the decision, pure: the policy, the sender's address, the message's
``Authentication-Results`` header values and whether the sender is already a patient in,
a reason out (or None to go on). ``refused`` gathers those for one stored message and is
what ``service.process`` calls, after the checks that no answer is possible at all.

A reason names the policy and, for ``authenticated``, the methods and the configured
receiving server; never the sender's address or anything the message says, since reasons
are shown in ``messages list`` and may be logged.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from denialwatch.config import Senders
from denialwatch.domain.authresults import header_values, passes, results_from
from denialwatch.service import cases
from denialwatch.service.runtime import Runtime
from denialwatch.store.models import Message


def refusal(
    settings: Senders, *, sender: str, auth_results: Sequence[str], known_patient: bool
) -> str | None:
    """Why the policy refuses ``sender``, or None when it lets the message through.

    ``auth_results`` are the message's own Authentication-Results header values, top first
    (``domain.authresults.header_values``); only ``policy = "authenticated"`` reads them.
    """
    if settings.policy == "any":
        return None
    address = sender.strip().lower()
    if settings.policy == "registered":
        if address in settings.addresses or (settings.allow_known_patients and known_patient):
            return None
        return "sender not registered (policy: registered)"
    server = settings.authserv_id or ""
    found = results_from(auth_results, server)
    if not found:
        return f"no Authentication-Results from {server} (policy: authenticated)"
    domain = address.rsplit("@", 1)[-1] if "@" in address else ""
    failed = [m for m in settings.require if not domain or not passes(found, m, domain)]
    if not failed:
        return None
    names = " and ".join(m.upper() for m in failed)
    return f"{names} did not pass at {server} (policy: authenticated)"


def refused(session: Session, runtime: Runtime, message: Message, sender: str) -> str | None:
    """``refusal`` for a stored message: reads the patients table and, only for the
    ``authenticated`` policy, the message's headers from the document store."""
    settings = runtime.config.senders
    if settings.policy == "any":
        return None
    sender = sender.strip().lower()
    known = settings.allow_known_patients and cases.find_patient(session, sender) is not None
    headers: tuple[str, ...] = ()
    if settings.policy == "authenticated":
        headers = header_values(runtime.blobs.get(message.sha256))
    return refusal(settings, sender=sender, auth_results=headers, known_patient=known)
