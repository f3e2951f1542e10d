"""Writing files so that a crash leaves either the old file or the new one, never half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["write_atomic"]


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


def write_atomic(path: str | Path, text: str | bytes) -> None:
    """Write *text* (UTF-8) or bytes to *path* so that a crash leaves either the old file or the new one."""
    path = Path(path)
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
