"""Writing a file the person asked for: the write promise.

- Only regular files are written (``-`` means stdout). A device, a FIFO, a
  folder or a path ending in ``/`` is refused, with or without ``--force``.
- Without ``--force`` the file is created exclusively: the content is
  written to a temporary file in the same folder and then hard-linked into
  place, which fails if anything (a file, a symlink, even a dangling one)
  already has the name. Of many runs racing for one name, exactly one wins.
- With ``--force`` an existing regular file is replaced atomically
  (``os.replace``); a symlink is followed to the regular file it names.
- A failure at any point leaves no partial file and no temporary file.
- Permissions: health information (a report, a safety plan) is always 0600,
  whatever the umask; any other file (an export) is made as the shell would
  make it, 0666 less the umask, and a file it replaces keeps its permissions.
- ``check_writable`` runs the same checks before anything is asked, and
  makes sure the folder can be written in (it creates and removes an empty
  temporary file there), so a read-only folder is found before the first
  question, not after the last.
- Every message names the path.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path

from therapick.base.errors import OUTPUT_ERROR, USAGE, TherapickError, clean, path_words
from therapick.base.i18n import t


def _reason(e: OSError) -> str:
    """Why a file operation failed, in words (looked up when called, so in the chosen language)."""
    reasons = {
        errno.ENOSPC: t("the disk is full"),
        errno.EDQUOT: t("the disk quota is used up"),
        errno.EACCES: t("permission denied"),
        errno.EPERM: t("permission denied"),
        errno.EROFS: t("the file system is read-only"),
        errno.ENAMETOOLONG: t("the name is too long"),
        errno.ELOOP: t("too many levels of symbolic links"),
        errno.ENOTDIR: t("a part of the path is not a folder"),
    }
    return reasons.get(e.errno or 0, e.strerror or str(e))


def _shown(path: Path | str) -> str:
    """The path for a message: a very long one keeps its start and its file name, cut in the middle."""
    text = path_words(path)
    if len(text) <= 240:
        return text
    return f"{text[:100]}…{text[-139:]}"


# A name that stands for one of this process's open files, whatever the link says.
_DESCRIPTOR_DIRS = ("/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/")
_DESCRIPTOR_NAMES = ("/dev/stdin", "/dev/stdout", "/dev/stderr")


def _through_descriptor(p: Path) -> bool:
    """Whether ``p`` reaches a file through an open descriptor (``/dev/stdout``, ``/proc/self/fd/1``).

    Following such a link leads to whatever stdout happens to be (a pipe, a
    terminal, or the file a shell redirected it to), never to a file the
    person named; therapick refuses it rather than replace that file.
    """
    absolute = os.path.abspath(p)
    try:  # the folder with its links followed: `d/1` with `d -> /proc/self/fd`
        current = os.path.join(os.path.realpath(os.path.dirname(absolute)), os.path.basename(absolute))
    except (OSError, ValueError):
        current = absolute
    if absolute in _DESCRIPTOR_NAMES:
        return True
    for _ in range(40):
        if current in _DESCRIPTOR_NAMES or current.startswith(_DESCRIPTOR_DIRS) or current.startswith("/proc/"):
            return True
        try:
            link = os.readlink(current)
        except OSError:
            return False
        current = os.path.normpath(os.path.join(os.path.dirname(current), link))
    return False


def check_format(fmt: str, allowed: tuple[str, ...]) -> str:
    """The format named (one of ``allowed``, in any case, as every id), or a usage error."""
    if fmt.strip().casefold() in allowed:
        return fmt.strip().casefold()
    raise TherapickError(
        t(
            "--format must be {some} or {last}, not '{value}'",
            some=", ".join(allowed[:-1]),
            last=allowed[-1],
            value=clean(fmt, 40),
        ),
        USAGE,
    )


def _fail(path: Path | str, why: str) -> TherapickError:
    return TherapickError(f"{_shown(path)}: {why}", OUTPUT_ERROR)


def target(path: Path | str, force: bool) -> Path:
    """The regular file to write for ``path``, after every check that can be made in advance."""
    raw = os.fsdecode(path)
    if not raw:
        raise TherapickError(t("the file name is empty; give a file name (or - for standard output)"), USAGE)
    if raw.endswith(os.sep) or raw in (".", ".."):
        raise _fail(path, t("names a folder; give a file name"))
    p = Path(raw)
    if _through_descriptor(p):
        raise _fail(
            path,
            t(
                "names an open stream or a process file, not a regular file; therapick writes only regular files "
                "(use - for standard output)"
            ),
        )
    try:
        info = os.lstat(p)
    except FileNotFoundError:
        info = None
    except OSError as e:
        raise _fail(path, t("cannot check it: {why}", why=_reason(e))) from None
    if info is not None and stat.S_ISLNK(info.st_mode):
        if not force:
            raise _fail(path, t("already exists (a symbolic link); use --force to replace the file it points to"))
        try:
            resolved = Path(os.path.realpath(p, strict=True))
        except (OSError, RuntimeError):
            raise _fail(
                path, t("is a symbolic link to nothing (or to itself); therapick will not replace it")
            ) from None
        if not stat.S_ISREG(os.stat(resolved).st_mode):
            raise _fail(path, t("points to something that is not a regular file; therapick writes only regular files"))
        p, info = resolved, os.stat(resolved)
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise _fail(path, t("is a folder; give a file name"))
        if not stat.S_ISREG(info.st_mode):
            raise _fail(
                path,
                t(
                    "is not a regular file (a device, pipe or socket); therapick writes only regular files "
                    "(use - for standard output)"
                ),
            )
        if not force:
            raise _fail(path, t("already exists; use --force to replace it"))
    folder = p.parent
    if not folder.is_dir():
        if os.path.lexists(folder):
            raise _fail(path, t("{folder} is not a folder", folder=_shown(folder)))
        raise _fail(path, t("the folder {folder} does not exist", folder=_shown(folder)))
    try:
        name_max = os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError):
        name_max = 255
    if len(os.fsencode(p.name)) > name_max:
        raise _fail(
            path, t("the file name is too long ({n} bytes; at most {most})", n=len(os.fsencode(p.name)), most=name_max)
        )
    return p


def _create(path: Path, mode: int) -> int:
    """Create ``path`` exclusively for writing (the one place a new file is made)."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), mode)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def check_writable(path: Path | str, force: bool) -> None:
    """Refuse, before anything is asked, a path that ``write_atomic`` would refuse."""
    if os.fsdecode(path) == "-":
        return
    p = target(path, force)
    probe = p.parent / f".therapick-{secrets.token_hex(6)}.tmp"
    try:
        os.close(_create(probe, 0o600))
    except OSError as e:
        raise _fail(path, t("cannot write in {folder}: {why}", folder=_shown(p.parent), why=_reason(e))) from None
    with contextlib.suppress(OSError):
        os.unlink(probe)


def write_atomic(path: Path | str, text: str, *, force: bool = False, mode: int | None = None) -> None:
    """Write ``text`` to ``path`` (``-``: stdout) completely or not at all; see the module docstring.

    ``mode``: the permissions, whatever the umask (0o600 for health information); None for a
    file made as the shell makes one (0666 less the umask; a replaced file keeps its own).
    """
    if os.fsdecode(path) == "-":
        from therapick.output import stream

        stream.write(text)
        return
    p = target(path, force)
    if mode is None and force:
        with contextlib.suppress(OSError):
            mode = stat.S_IMODE(os.stat(p).st_mode)  # replacing: keep the file's permissions
    data = text.encode("utf-8")
    tmp = p.parent / f".therapick-{secrets.token_hex(6)}.tmp"
    try:
        fd = _create(tmp, 0o666 if mode is None else mode)
        try:
            if mode is not None:
                os.fchmod(fd, mode)
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if force:
            os.replace(tmp, p)
        else:
            try:
                os.link(tmp, p)
            except FileExistsError:
                raise _fail(path, t("already exists; use --force to replace it")) from None
            except OSError as e:
                if e.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
                    raise
                _exclusive_copy(tmp, p, path, stat.S_IMODE(os.stat(tmp).st_mode))
    except TherapickError:
        raise
    except OSError as e:
        raise _fail(path, t("cannot write: {why}; nothing was written", why=_reason(e))) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _exclusive_copy(tmp: Path, p: Path, shown: Path | str, mode: int) -> None:
    """Where hard links are not allowed: create the name exclusively, and remove it again on failure."""
    data = tmp.read_bytes()
    try:
        fd = _create(p, mode)
    except FileExistsError:
        raise _fail(shown, t("already exists; use --force to replace it")) from None
    try:
        try:
            os.fchmod(fd, mode)  # the temporary file's permissions, already settled
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(p)
        raise
