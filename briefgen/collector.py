"""When a command line lets the garbage collector run: not while it builds (save where garbage is made), nor at exit.

A warm build makes almost no cyclic garbage (the park spec, ``--lang zh``: 145 collections freed
about 1,400 objects), yet the collector, set off by allocation counts, walks the few hundred
thousand objects the imports made: about 0.04 s of a 0.45 s build, a gen-2 pass alone up to
0.02 s. So a ``briefgen build`` or ``validate`` process holds the collector off (mypy raises its
thresholds for the same reason) and lets it run again:

- for the rest of the process once fonts are being prepared (a first run: fontTools leaves tens
  of megabytes of cycles; held off, the first build peaked at 206 MB instead of 162 MB);
- once between specs, so a command building many specs stays about as small as one building one.

When the command is done, the process exits without the interpreter's last collection, which
walks every object the build made (about 0.05 s) only to free memory the exit frees anyway;
every file is written, synced and closed by then, and exit handlers still run.

Only a real command-line process holds it (``_Command.main`` with the process's own arguments,
``enable_for_process``): the watch loop, the library and a test's in-process runner never do.
"""

from __future__ import annotations

import gc

_allowed = False        # this process is a command line that exits after its command
_held = False


def enable_for_process() -> None:
    """Say that this process is a one-shot command line, so ``hold`` may take effect."""
    global _allowed
    _allowed = True


def hold() -> None:
    """Hold the collector off for this command (a no-op unless ``enable_for_process`` was said)."""
    global _held
    if _allowed and gc.isenabled():
        gc.disable()
        _held = True


def release() -> None:
    """Let the collector run again for the rest of the process (after ``hold``)."""
    global _held
    if _held:
        _held = False
        gc.enable()


def between() -> None:
    """Collect once, between two specs of one command, while the collector is held."""
    if _held:
        gc.collect()


def before_exit() -> None:
    """Stop the collector for good: the command line is done and the process is about to exit."""
    gc.disable()
    gc.freeze()
