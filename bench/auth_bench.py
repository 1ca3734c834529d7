"""What accounts cost: argon2id hashing at sign-in, and the per-request price of resolving the
signed-in user and checking ownership. Prints figures; asserts nothing.

    .venv/bin/python bench/auth_bench.py [--db URL]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from kaoguan.store.accounts import Accounts, _hasher
from kaoguan.web import create_app


class NoScorer:  # the bench never scores
    def score(self, *args, **kwargs):  # pragma: no cover
        raise RuntimeError("not used")


def timed(fn, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def report(label: str, samples: list[float]) -> None:
    samples = sorted(samples)
    print(f"{label:<48} median {statistics.median(samples):7.2f} ms   p95 {samples[int(len(samples) * 0.95) - 1]:7.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=None)
    args = parser.parse_args()
    url = args.db or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    app = create_app(url, scorer=NoScorer())
    accounts: Accounts = app.state.accounts
    accounts.add_user("root", "bench-password-123", "admin")
    digest = _hasher.hash("bench-password-123")
    print(f"argon2id parameters: time_cost={_hasher.time_cost} memory_cost={_hasher.memory_cost} KiB "
          f"parallelism={_hasher.parallelism}")
    report("argon2id verify (one sign-in)", timed(lambda: _hasher.verify(digest, "bench-password-123"), 20))

    with TestClient(app) as client:
        token = accounts.create_api_token(accounts.find_user("root").id, "bench")[1]
        report("GET /api/v1/me anonymous (401, rule lookup only)", timed(lambda: client.get("/api/v1/me"), 200))
        report("GET /practice anonymous (public page)", timed(lambda: client.get("/practice"), 200))
        client.headers["Authorization"] = f"Bearer {token}"
        report("GET /api/v1/me with an API token", timed(lambda: client.get("/api/v1/me"), 200))
        report("GET /practice with an API token", timed(lambda: client.get("/practice"), 200))
    app.state.services.close()


if __name__ == "__main__":
    main()
