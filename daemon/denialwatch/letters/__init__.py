"""The IMR letter as documents: Markdown source, DOCX and PDF renderings, the mailing packet.

The letter's Markdown is the one source of truth; everything else is drawn from its blocks.

- ``markup``: the Markdown subset as blocks (``parse``, ``to_markdown``); pure;
- ``docx``: the letter as a Word document, and an edited one read back into Markdown;
- ``fonts`` and ``pdf``: the letter as a PDF (DejaVu Sans, or Helvetica where it is missing);
- ``packet``: the mailing packet, cover to mailing sheet, with the enclosures' pages.
"""
