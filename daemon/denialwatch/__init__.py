"""denialwatch: turns forwarded health-plan denials into cases, deadlines and IMR letters."""

__version__ = "0.1.0"
