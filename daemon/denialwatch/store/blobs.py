"""The document store: files named by the sha256 of their content, private to the service.

Layout under the configured root::

    blobs/ab/abcdef...   raw messages, attachments, extracted text, composed emails
    cases/<id>/...       files a person opens by name (drafted letters)

Every directory is created 0700 and every file 0600, whatever the process umask. Writes
go to a temporary file in the same directory, are flushed to disk, and are renamed into
place, so a crash leaves either the whole file or none; writing content that is already
stored is a no-op. A full disk or a permission problem becomes ``StorageError``.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from denialwatch.errors import StorageError

DIR_MODE = 0o700
FILE_MODE = 0o600


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def ensure(self) -> None:
        """Create the root (0700) if absent; fails early when it cannot be written."""
        self._mkdir(self.root)

    def put(self, data: bytes) -> str:
        """Store ``data`` and return its sha256."""
        digest = sha256_hex(data)
        path = self.path_of(digest)
        if not path.exists():
            self._write(path, data)
        return digest

    def get(self, digest: str) -> bytes:
        try:
            return self.path_of(digest).read_bytes()
        except OSError as err:
            raise StorageError(f"blob {digest[:12]} unreadable: {err.strerror}") from err

    def exists(self, digest: str) -> bool:
        return self.path_of(digest).exists()

    def path_of(self, digest: str) -> Path:
        if len(digest) != 64 or not all(c in "0123456789abcdef" for c in digest):
            raise ValueError("not a sha256 hex digest")
        return self.root / "blobs" / digest[:2] / digest

    def write_named(self, relative: str, data: bytes) -> Path:
        """Write a file a person opens by name (``cases/12/letter-v1.md``), atomically."""
        path = (self.root / relative).resolve()
        if self.root.resolve() not in path.parents:
            raise ValueError("named files stay inside the document store")
        self._write(path, data)
        return path

    def _mkdir(self, directory: Path) -> None:
        try:
            missing = [d for d in (directory, *directory.parents) if not d.exists()]
            for d in reversed(missing):
                d.mkdir(mode=DIR_MODE, exist_ok=True)
                os.chmod(d, DIR_MODE)
        except OSError as err:
            raise StorageError(f"cannot create {directory}: {err.strerror}") from err

    def _write(self, path: Path, data: bytes) -> None:
        self._mkdir(path.parent)
        tmp_name = ""
        try:
            fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as handle:
                os.fchmod(handle.fileno(), FILE_MODE)
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp_name, path)
            tmp_name = ""
        except OSError as err:
            raise StorageError(f"cannot write to the document store: {err.strerror}") from err
        finally:
            if tmp_name:
                Path(tmp_name).unlink(missing_ok=True)
