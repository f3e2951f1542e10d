"""An import's worker processes: how many, and the fork server they are forked from.

Nothing here imports what the workers run: the command line decides on its workers and
starts their fork server before it opens the store, so that the server loads what the
workers need (``store._forkserver``) on another core while this process loads the rest.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Any

__all__ = ["POOL_MIN", "available_cores", "context", "start_server", "workers_for"]

# Response sets below which starting worker processes costs more than they save (on two
# cores, a fork server and two workers cost about as much as assessing 500 response sets).
POOL_MIN = 500


def available_cores() -> int:
    """The cores this process may run on (its affinity, else the machine's)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def workers_for(asked: int | None, work: int) -> int:
    """The processes to read and assess *work* response sets: as asked but never more than the
    cores, or by default one per core when there is enough work for them to pay for their start."""
    cores = available_cores()
    if asked is not None:
        return min(asked, cores)
    return 1 if work < POOL_MIN else cores


def context() -> Any:
    """How workers start: forked from a fork server that has imported what they run (neither
    the command line nor the database) and loaded the bundled questionnaires; where there
    is no fork server (Windows), as fresh interpreters."""
    if "forkserver" not in multiprocessing.get_all_start_methods():  # pragma: no cover - Windows
        return multiprocessing.get_context("spawn")
    forking = multiprocessing.get_context("forkserver")
    forking.set_forkserver_preload([f"{__package__}._forkserver"])
    return forking


def start_server() -> None:
    """Start the workers' fork server now, without waiting for it: it loads while this
    process goes on, and the first worker is forked from it as soon as both are ready."""
    if context().get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()
