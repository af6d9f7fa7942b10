"""The IMR letter as documents: Markdown source, DOCX and PDF renderings, the mailing packet."""
