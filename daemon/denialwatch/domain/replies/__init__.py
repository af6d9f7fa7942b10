"""What a patient's reply says: the events it reports, its requests and its questions.

``read_reply(text, today=...)`` reads the patient's new words (``mail.reply_text`` cuts the
quoted email off first) in English or Spanish and returns a ``ReplyReading``. It never
guesses: what it cannot read as a clear statement of fact (or a clear request) is left out,
and a reply with nothing left is ``understood=False``, for a person to read.

- ``model``: ``ReplyEvent`` and ``ReplyReading``, the plain values returned;
- ``rules``: the phrase table, what each wording maps to;
- ``words``: the vocabulary the table is built from, and what blocks a match;
- ``when``: the dates a reply names, resolved against the day it came;
- ``details``: tracking numbers and carriers;
- ``text``: folding, clauses, language, questions;
- ``switch``: a request to be written to in the other language;
- ``read``: the reading itself.
"""

from denialwatch.domain.replies.model import Language, ReplyEvent, ReplyReading
from denialwatch.domain.replies.read import read_reply

__all__ = ["Language", "ReplyEvent", "ReplyReading", "read_reply"]
