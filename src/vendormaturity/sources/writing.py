"""Writing files so that a crash leaves either the old file or the new one, never half of one."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import textwrap
from pathlib import Path

from vendormaturity.i18n import msg

__all__ = ["commented", "write_atomic"]


def commented(text: str, *, width: int = 96, indent: str = "") -> list[str]:
    """*text* as TOML comment lines (``# …``), wrapped at *width*, each line of it kept apart."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        wrapped = textwrap.wrap(paragraph, width=width - 2 - len(indent), break_on_hyphens=False) or [""]
        lines += [f"# {indent}{line}".rstrip() for line in wrapped]
    return lines


def _umask() -> int:
    """The process umask, read without changing it wherever the system can tell it."""
    # Linux 4.7 and later report the umask here (the calling thread's first, which differs
    # only after unshare(CLONE_FS)); binary, as the Name line may not be text
    for path in ("/proc/thread-self/status", "/proc/self/status"):
        try:
            with open(path, "rb") as status:
                for line in status:
                    if line.startswith(b"Umask:"):
                        return int(line.removeprefix(b"Umask:").strip(), 8)
        except (OSError, ValueError):
            continue
    # No readable umask (another system, an older kernel, no /proc): the only portable way to learn
    # it is to set it and put it back, which briefly changes it for every thread of the process
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _refuse_special(path: Path) -> None:
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return  # a new file
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, msg("is a folder; give a file path"), str(path))
    if stat.S_ISFIFO(mode):
        message = msg("is a named pipe, not a regular file; give a file path (or - for standard output)")
    elif stat.S_ISSOCK(mode):
        message = msg("is a socket, not a regular file; give a file path (or - for standard output)")
    else:
        message = msg("is a device, not a regular file; give a file path (or - for standard output)")
    raise OSError(errno.EINVAL, message, str(path))


def write_atomic(path: str | Path, text: str | bytes) -> None:
    """Write *text* (UTF-8) or bytes to *path* so that a crash leaves either the old file or the new one.

    Only a regular file or a new path is written: the atomic rename would replace a device,
    a named pipe or a socket with a regular file, so those are refused (an
    :class:`OSError` saying what the path is). A symbolic link is followed: the file it
    points to is replaced, the link stays.
    """
    path = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    _refuse_special(path)
    data = text.encode("utf-8") if isinstance(text, str) else text
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            # mkstemp makes the file private (0600): keep the mode of the file it replaces,
            # or give a new file the mode any other new file would get (0666 less the umask)
            os.chmod(stream.fileno(), path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask())
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
