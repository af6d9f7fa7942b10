"""The command line: parse, call the library, print. Library errors become clean messages.

Every command's help ends with an example (a test checks it). The `main` group and its global
options live in `app`, what the commands share in `common`, and each command group in a module
of its own; importing those modules here registers their commands on `main`.
"""

from denialwatch.cli import cases, evaluate, letter, messages, ops, reminders, service
from denialwatch.cli.app import main

__all__ = ["cases", "evaluate", "letter", "main", "messages", "ops", "reminders", "service"]
