"""Tests for briefgen.output: a spec's files are all replaced or all left as they were, whatever fails."""

from __future__ import annotations

import errno
import os
import random
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from briefgen import output
from briefgen.errors import OutputError
from paths import ROOT

NAMES = ("park.pptx", "park.pdf", "park.en.pptx", "park.en.pdf")


def new_files(folder: Path) -> list[tuple[Path, bytes]]:
    return [(folder / n, f"new {n} ".encode() * (200 + i)) for i, n in enumerate(NAMES)]


def old_folder(folder: Path) -> dict[str, bytes]:
    folder.mkdir(parents=True, exist_ok=True)
    old = {n: f"old {n}".encode() for n in NAMES}
    for n, data in old.items():
        (folder / n).write_bytes(data)
    return old


def state(folder: Path, old: dict[str, bytes], new: list[tuple[Path, bytes]]) -> str:
    """Return "old" or "new" when every file is from one set, else fail."""
    now = {p.name: p.read_bytes() for p in folder.iterdir()}
    if now == old:
        return "old"
    assert now == {p.name: data for p, data in new}, f"a mix of old and new files: {sorted(now)}"
    return "new"


def test_write_all_replaces_every_file_and_leaves_nothing_else(tmp_path):
    old = old_folder(tmp_path / "out")
    files = new_files(tmp_path / "out")
    output.write_all(tmp_path / "out", files)
    assert state(tmp_path / "out", old, files) == "new"
    assert {oct(p.stat().st_mode & 0o777) for p in (tmp_path / "out").iterdir()} == {"0o644"}


@pytest.mark.parametrize("trial", range(20))
def test_a_write_failing_at_a_random_file_changes_nothing(tmp_path, monkeypatch, trial):
    """A full disk (ENOSPC) at file k of the four, or at the journal, keeps every old file."""
    rng = random.Random(trial)
    fail_at = rng.randrange(len(NAMES) + 1)         # the last index is the journal
    old = old_folder(tmp_path / "out")
    files = new_files(tmp_path / "out")
    real, calls = output._write_synced, []

    def write(path, data):
        calls.append(path)
        if len(calls) - 1 == fail_at:
            real(path, data[: rng.randrange(len(data))])       # a part lands, then the disk is full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(path, data)

    monkeypatch.setattr(output, "_write_synced", write)
    with pytest.raises(OutputError) as e:
        output.write_all(tmp_path / "out", files)
    assert str(e.value) == (f"cannot write into the output folder {tmp_path / 'out'}/: "
                            "No space left on device; no file in it was changed")
    assert not e.value.replaced
    assert state(tmp_path / "out", old, files) == "old"     # and no temporary is left


@pytest.mark.parametrize("trial", range(20))
def test_a_folder_that_turns_read_only_changes_nothing(tmp_path, monkeypatch, trial):
    """The folder refuses new files (EROFS) from a random point on: every old file stays."""
    fail_from = random.Random(trial).randrange(len(NAMES) + 2)
    old = old_folder(tmp_path / "out")
    files = new_files(tmp_path / "out")
    real, made = os.open, []

    def opener(path, flags, *args):
        if flags & os.O_CREAT:
            made.append(path)
            if len(made) > fail_from:
                raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real(path, flags, *args)

    monkeypatch.setattr(output.os, "open", opener)
    if fail_from > len(NAMES):             # every temporary and the journal were made
        output.write_all(tmp_path / "out", files)
        expected = "new"
    else:
        with pytest.raises(OutputError) as e:
            output.write_all(tmp_path / "out", files)
        assert str(e.value) == (f"cannot write into the output folder {tmp_path / 'out'}/: "
                                "Read-only file system; no file in it was changed")
        expected = "old"
    assert state(tmp_path / "out", old, files) == expected


@pytest.mark.parametrize("renamed", range(len(NAMES) + 1))
def test_a_write_killed_between_renames_is_finished_by_the_next(tmp_path, monkeypatch, renamed):
    """Death after the journal (k renames done) leaves a journal; recover() completes the set."""
    old = old_folder(tmp_path / "out")
    files = new_files(tmp_path / "out")
    real, done = os.replace, []

    class Killed(BaseException):
        pass

    def replace(a, b):
        if str(a).endswith(output.JOURNAL) or len(done) < renamed:
            done.append(b)
            return real(a, b)
        raise Killed

    monkeypatch.setattr(output.os, "replace", replace)
    with pytest.raises(Killed):
        output.write_all(tmp_path / "out", files)
    monkeypatch.setattr(output.os, "replace", real)
    assert any(p.name.endswith(output.JOURNAL) for p in (tmp_path / "out").iterdir())
    output.recover(tmp_path / "out")
    assert state(tmp_path / "out", old, files) == "new"


def test_recovery_without_a_journal_removes_temporaries_and_keeps_old_files(tmp_path):
    old = old_folder(tmp_path / "out")
    (tmp_path / "out" / f"{output.TEMP}abcd-park.pdf").write_bytes(b"half")
    (tmp_path / "out" / f"{output.TEMP}abcd.journal").write_bytes(b'{"files": [')
    output.recover(tmp_path / "out")
    assert state(tmp_path / "out", old, []) == "old"


def test_a_planted_journal_cannot_move_files_out_of_the_folder(tmp_path):
    old = old_folder(tmp_path / "out")
    (tmp_path / "victim").write_bytes(b"keep")
    (tmp_path / "out" / f"{output.TEMP}x-park.pdf").write_bytes(b"evil")
    (tmp_path / "out" / f"{output.PREFIX}x{output.JOURNAL}").write_text(
        f'{{"files": [["{output.TEMP}x-park.pdf", "../victim"], ["../victim", "park.pdf"]]}}')
    output.recover(tmp_path / "out")
    assert (tmp_path / "victim").read_bytes() == b"keep"
    assert state(tmp_path / "out", old, []) == "old"


def test_a_folder_where_a_file_should_be_changes_nothing(tmp_path):
    old = old_folder(tmp_path / "out")
    (tmp_path / "out" / "park.pdf").unlink()
    (tmp_path / "out" / "park.pdf").mkdir()
    del old["park.pdf"]
    with pytest.raises(OutputError) as e:
        output.write_all(tmp_path / "out", new_files(tmp_path / "out"))
    assert str(e.value) == (f"cannot write into the output folder {tmp_path / 'out'}/: "
                            "park.pdf is a folder; no file in it was changed")
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir() if p.is_file()} == old


def _unshare() -> bool:
    if not shutil.which("unshare") or not shutil.which("mount"):
        return False
    return subprocess.run(["unshare", "-rm", "mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs",
                           "/mnt"], capture_output=True).returncode == 0


needs_mounts = pytest.mark.skipif(not _unshare(), reason="needs `unshare -rm` to mount a private "
                                                         "tmpfs (user namespaces are off here)")


@needs_mounts
def test_a_real_full_disk_at_20_random_points_changes_nothing(tmp_path):
    """20 private tmpfs mounts, each a random size between the old files and both sets."""
    script = textwrap.dedent(f"""
        import random, subprocess, sys
        sys.path.insert(0, {str(ROOT / 'tests')!r})
        from pathlib import Path
        from test_output import new_files, old_folder, state
        from briefgen import output
        from briefgen.errors import OutputError
        mnt = Path({str(tmp_path / 'mnt')!r}); mnt.mkdir()
        results = []
        for trial in range(20):
            files = new_files(mnt / "out")
            room = 4096 * 6 + random.Random(trial).randrange(sum(len(d) for _, d in files))
            subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={{room}}", "tmpfs", str(mnt)], check=True)
            old = old_folder(mnt / "out")
            try:
                output.write_all(mnt / "out", files)
            except OutputError as e:
                assert str(e).endswith("No space left on device; no file in it was changed"), str(e)
            results.append(state(mnt / "out", old, files))
            subprocess.run(["umount", str(mnt)], check=True)
        print(" ".join(results))
    """)
    run = subprocess.run(["unshare", "-rm", sys.executable, "-c", script], capture_output=True,
                         text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert "old" in run.stdout.split()          # the disk did fill up in some trials


@needs_mounts
def test_a_real_read_only_folder_gets_one_line_naming_it(tmp_path):
    out = tmp_path / "out"
    old = old_folder(out)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    run = subprocess.run(["unshare", "-rm", "sh", "-c",
                          f'mount --bind -o ro "{out}" "{out}" && exec "$0" -m briefgen build '
                          f'specs/park.yaml -o "{out}"', sys.executable],
                         capture_output=True, text=True, cwd=ROOT, env=env)
    assert run.returncode == 1
    assert run.stderr == (f"cannot write into the output folder {out}/: Read-only file system; no file "
                          "in it was changed\nerror: 1 of 1 spec(s) failed; their previous output was "
                          "left untouched\n")
    assert state(out, old, []) == "old"


def test_an_interrupt_while_writing_leaves_no_temporary_and_every_old_file(tmp_path, monkeypatch):
    old = old_folder(tmp_path / "out")
    files = new_files(tmp_path / "out")
    real, calls = output._write_synced, []

    def write(path, data):
        calls.append(path)
        if len(calls) == 3:
            raise KeyboardInterrupt
        real(path, data)

    monkeypatch.setattr(output, "_write_synced", write)
    with pytest.raises(KeyboardInterrupt):
        output.write_all(tmp_path / "out", files)
    assert state(tmp_path / "out", old, files) == "old"
