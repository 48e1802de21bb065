"""Writing a file the person asked for: atomically, never over a file by accident."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from therapick.errors import OUTPUT_ERROR, TherapickError

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
    errno.ENAMETOOLONG: "the file name is too long",
}


def write_atomic(path: Path, text: str, *, force: bool = False, mode: int = 0o644) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder, then rename.

    A failure at any point leaves no partial file and never touches an
    existing file. An existing file is replaced only with ``force``.
    """
    folder = path.parent
    if path.is_dir():
        raise TherapickError(f"{path}: is a folder; give a file name", OUTPUT_ERROR)
    if path.exists() and not force:
        raise TherapickError(f"{path}: already exists; use --force to replace it", OUTPUT_ERROR)
    if not folder.is_dir():
        raise TherapickError(f"{path}: the folder {folder} does not exist", OUTPUT_ERROR)
    data = text.encode("utf-8")
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        try:
            os.fchmod(fd, mode)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        tmp = None
    except OSError as e:
        reason = _REASONS.get(e.errno or 0, e.strerror or str(e))
        raise TherapickError(f"{path}: cannot write: {reason}; nothing was written", OUTPUT_ERROR) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
