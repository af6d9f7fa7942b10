"""Documents attached to a forward: what kind of file each is, and the text inside it.

- ``sniff`` tells a file's kind from its content;
- ``read`` turns any kind into pages of text or a plain problem, and says which pages OCR read;
- ``worker`` runs every reader in one child process bounded in time and memory, so a hostile
  or broken file costs at most those bounds and becomes a ``DocumentError`` with a plain reason;
- the readers, each run in the worker: ``pdf`` (text layer, with ``layout`` for columns and
  tables and ``letters`` for where each letter starts), ``ocr`` (scanned PDF pages through
  Tesseract), ``images`` (photos and scans), ``word`` (DOCX, and .doc through antiword).
"""
