"""No answer is lost: ``write_atomic`` leaves the old complete file or the new complete file, never a mix."""

from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import vendormaturity as vm
from vendormaturity.sources.writing import write_atomic

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    from vendormaturity.sources.writing import write_atomic

    target, *sources = sys.argv[1:]
    texts = [Path(source).read_text(encoding="utf-8") for source in sources]
    print("writing", flush=True)
    count = 0
    while True:
        write_atomic(target, texts[count % len(texts)])
        count += 1
    """
)


def _response_text(respondents: int, answer: int) -> str:
    """A valid pulse response set of *respondents* people, every one answering *answer*: large on purpose."""
    document = vm.responses_from_dict(
        {
            "questionnaire": "pulse",
            "questionnaire_version": "1.0.0",
            "relationship": "acme-hosting",
            "client": "Acme",
            "supplier": "Hostco",
            "date": "2026-03-31",
            "respondents": [
                {
                    "id": f"c{index}",
                    "side": "client",
                    "answers": {"p01": answer, "p02": answer, "p03": answer, "p04": 4},
                    "comment": "Long enough to make each file take a while to write. " * 10,
                }
                for index in range(respondents)
            ],
        }
    )
    return vm.dump_responses(document)


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two complete, valid, different response files of about 700 kB each."""
    folder = tmp_path_factory.mktemp("versions")
    old, new = folder / "old.toml", folder / "new.toml"
    old.write_text(_response_text(1_000, 2), encoding="utf-8")
    new.write_text(_response_text(1_000, 5), encoding="utf-8")
    return old, new


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killing_a_writer_at_any_moment_leaves_a_complete_file(
    versions: tuple[Path, Path], tmp_path: Path
) -> None:
    """A writer killed (SIGKILL) at random moments leaves the old or the new file, whole and loadable."""
    old, new = versions
    contents = {old.read_bytes(), new.read_bytes()}
    target = tmp_path / "responses.toml"
    target.write_bytes(old.read_bytes())
    pulse = vm.load_questionnaire("pulse")
    chance = random.Random(20260331)

    for _ in range(6):
        before = target.stat().st_ino
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target), str(new), str(old)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None
        assert "writing" == writer.stdout.readline().strip()
        deadline = time.monotonic() + 60
        while target.stat().st_ino == before:  # a first write is done: kill during a later one
            assert writer.poll() is None
            assert time.monotonic() < deadline
            time.sleep(0.001)
        time.sleep(chance.uniform(0.0, 0.05))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        writer.stdout.close()

        assert -signal.SIGKILL == writer.returncode
        content = target.read_bytes()
        assert content in contents
        assert vm.load_responses(target, pulse).respondents


def test_an_error_while_writing_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    """Text that cannot be encoded fails the write; the old file is intact and no temporary file is left."""
    target = tmp_path / "responses.toml"
    target.write_text("old = true\n", encoding="utf-8")

    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "new = '\ud800'\n")  # a lone surrogate has no UTF-8 form

    assert "old = true\n" == target.read_text(encoding="utf-8")
    assert [target] == list(tmp_path.iterdir())


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failing_system_call_leaves_the_old_file_and_no_temporary(
    failing: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk error at fsync or at the rename leaves the old file intact and no temporary file."""
    target = tmp_path / "responses.toml"
    target.write_text("old = true\n", encoding="utf-8")

    def broken(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, broken)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, "new = true\n")
    monkeypatch.undo()

    assert "old = true\n" == target.read_text(encoding="utf-8")
    assert [target] == list(tmp_path.iterdir())


def test_an_interrupt_while_writing_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C during the write leaves the old file intact and no temporary file."""
    target = tmp_path / "responses.toml"
    target.write_text("old = true\n", encoding="utf-8")

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new = true\n")
    monkeypatch.undo()

    assert "old = true\n" == target.read_text(encoding="utf-8")
    assert [target] == list(tmp_path.iterdir())


def test_a_successful_write_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    """After a write the target holds exactly the new text, and the folder holds nothing else."""
    target = tmp_path / "responses.toml"
    target.write_text("old = true\n", encoding="utf-8")

    write_atomic(target, "new = 'é'\n")

    assert "new = 'é'\n" == target.read_text(encoding="utf-8")
    assert [target] == list(tmp_path.iterdir())


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    """Rewriting a file others may read does not make it private: its mode is kept."""
    target = tmp_path / "responses.toml"
    target.write_text("old = true\n", encoding="utf-8")
    target.chmod(0o644)

    write_atomic(target, "new = true\n")

    assert 0o644 == stat.S_IMODE(target.stat().st_mode)


def test_a_new_file_gets_the_usual_mode(tmp_path: Path) -> None:
    """A file created by write_atomic is not made private: it gets 0666 less the umask."""
    from vendormaturity.sources.writing import write_atomic

    mask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.toml", "x = 1\n")
    finally:
        os.umask(mask)
    assert 0o644 == (tmp_path / "new.toml").stat().st_mode & 0o777


def _umask_in_proc() -> bool:
    """Whether this system reports the umask in /proc/self/status (Linux 4.7 and later)."""
    try:
        return b"\nUmask:" in Path("/proc/self/status").read_bytes()
    except OSError:
        return False


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
@pytest.mark.parametrize("mask", [0o022, 0o077, 0o002, 0o027, 0o000])
def test_the_umask_read_is_the_real_umask(mask: int) -> None:
    """The umask write_atomic works from is the one the process has."""
    from vendormaturity.sources.writing import _umask

    previous = os.umask(mask)
    try:
        assert mask == _umask()
        assert mask == os.umask(mask)  # and it is left as it was
    finally:
        os.umask(previous)


@pytest.mark.skipif(not _umask_in_proc(), reason="needs the umask in /proc/self/status")
@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_writing_never_changes_the_umask(
    mask: int, mode: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Other threads may be creating files meanwhile: the umask is read, never set, even for a moment."""
    from vendormaturity.sources.writing import _umask

    def forbidden(new: int) -> int:
        pytest.fail(f"os.umask({new:#o}) called: the process umask changed")

    previous = os.umask(mask)
    try:
        monkeypatch.setattr(os, "umask", forbidden)
        assert mask == _umask()
        write_atomic(tmp_path / "new.toml", "x = 1\n")
        write_atomic(tmp_path / "new.toml", "x = 2\n")
        monkeypatch.undo()
    finally:
        os.umask(previous)
    assert mode == stat.S_IMODE((tmp_path / "new.toml").stat().st_mode)
    assert "x = 2\n" == (tmp_path / "new.toml").read_text(encoding="utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_without_proc_the_umask_is_still_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where /proc cannot tell the umask, it is still found, and a new file still gets 0666 less it."""
    from vendormaturity.sources import writing

    def no_proc(*args: object, **kwargs: object) -> None:
        raise FileNotFoundError(2, "No such file or directory", "/proc/self/status")

    monkeypatch.setattr(writing, "open", no_proc, raising=False)
    previous = os.umask(0o027)
    try:
        assert 0o027 == writing._umask()
        write_atomic(tmp_path / "new.toml", "x = 1\n")
        assert 0o027 == os.umask(0o027)
    finally:
        os.umask(previous)
    assert 0o640 == stat.S_IMODE((tmp_path / "new.toml").stat().st_mode)
