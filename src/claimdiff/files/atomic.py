"""Write files so a reader never sees half of one.

A report is often opened (or picked up by CI) while a new run is writing it; writing to a temporary
file in the same folder and renaming it over the target makes the switch atomic on POSIX and
Windows, and a crash mid-write leaves the previous report intact.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path


def write_text_atomic(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write `text` to `path` atomically, creating parent folders as needed.

    The temporary file lives beside the target (a rename across file systems is not atomic), is
    fsynced before the rename, and is removed if anything fails. A new file gets the usual
    permissions (0o666 less the umask) and an existing file keeps its mode.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode(encoding)
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None

    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    # O_EXCL: never follow or clobber a file someone else put at the temporary name.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    """Persist the rename itself; not possible (nor needed) on every platform."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
