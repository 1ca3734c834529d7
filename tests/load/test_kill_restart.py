"""Kill the server in the middle of a run and start it again: no answer is lost or changed.

This is bench/load.py at a small size: a real `uvicorn` server subprocess on loopback, ten
candidates autosaving through their token routes, SIGKILL part-way, a restart on the same port,
clients retrying and reopening their sessions, then a check of every typed answer against the
rows in the database — on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import REPO

LOAD = REPO / "bench" / "load.py"


def run_load(db_url: str, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(LOAD), "--candidates", "10", "--rounds", "6", "--interval", "0.5", "--scoring", "off",
         "--db", db_url, *extra],
        cwd=REPO, capture_output=True, text=True, timeout=600,
    )


def figure(pattern: str, output: str) -> tuple[int, ...]:
    found = re.search(pattern, output)
    assert found, f"no line matching {pattern!r} in:\n{output}"
    return tuple(int(g) for g in found.groups())


def test_a_killed_server_loses_no_answer_and_candidates_continue(db_url):
    result = run_load(db_url, "--kill-at", "2")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "server killed (SIGKILL" in output and "answering again" in output
    (retried,) = figure(r"retried during outages: (\d+)", output)
    assert retried > 0, "the kill happened while no candidate was saving; the test checked nothing"
    checked, differed = figure(r"reopened after outage: (\d+) saved answers checked, (\d+) differed", output)
    assert checked > 0 and differed == 0
    (submitted,) = figure(r"submitted (\d+);", output)
    assert submitted == 10
    assert figure(r"errors: (\d+)", output) == (0,)
    assert figure(r"duplicate answer rows: (\d+)", output) == (0,)
    typed, stored, lost = figure(r"answers typed (\d+), stored (\d+), lost (\d+)\s*$", output)
    assert typed >= 10 * 3 and stored == typed and lost == 0
