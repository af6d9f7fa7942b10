"""Which font the PDF letter is set in: DejaVu Sans when the machine has it, else Helvetica.

DejaVu Sans covers every character a California letter needs (Spanish, curly quotes, dashes)
and is installed on most Linux machines (Debian package ``fonts-dejavu-core``). Where it is
missing, the PDF falls back to the PDF core font Helvetica, which needs no file but holds only
Latin-1; the text is then folded to Latin-1 so the letter still prints, with straight quotes
and ``?`` for what cannot be shown, rather than failing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEJAVU_DIRECTORIES = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
)
FALLBACK_FAMILY = "Helvetica"
_FOLDS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2026": "...",
        "\u2022": "-",
        "\u00a0": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2009": " ",
        "\u200b": "",
    }
)


@dataclass(frozen=True)
class FontFiles:
    """A TrueType family with the two weights a letter uses."""

    family: str
    regular: Path
    bold: Path


def find_dejavu(directories: tuple[Path, ...] = DEJAVU_DIRECTORIES) -> FontFiles | None:
    """DejaVu Sans regular and bold from the first directory holding both, else None."""
    for directory in directories:
        regular, bold = directory / "DejaVuSans.ttf", directory / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            return FontFiles("DejaVuSans", regular, bold)
    return None


def fold_latin1(text: str) -> str:
    """Text the core fonts can print: typographic punctuation made plain, the rest ``?``."""
    folded = text.translate(_FOLDS)
    return folded.encode("latin-1", errors="replace").decode("latin-1")
