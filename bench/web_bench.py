"""Web app figures: page and API latency on a SQLite database holding both seed banks,
autosave throughput, a background import, and practice scoring (first call and warm).

    .venv/bin/python bench/web_bench.py [--db URL] [--mode fast|accurate]

Runs in-process through the ASGI test client (no network), so the figures are the app's own
work: routing, service calls, SQL, templates. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kaoguan.cli.serving import load_seeds  # noqa: E402
from kaoguan.score import Scorer  # noqa: E402
from kaoguan.web import create_app  # noqa: E402
from tests.conftest import JD_SEED, SEEDS  # noqa: E402


def timed(call, repeat: int) -> tuple[float, float]:
    """Median and 95th percentile in milliseconds."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def ok(response):
    assert response.status_code < 400, response.text[:300]
    return response


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=None)
    parser.add_argument("--mode", default="fast", choices=["fast", "accurate"])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'bench.db'}"
        app = create_app(url, scorer=Scorer(args.mode))
        load_seeds(app.state.services.library, SEEDS)
        with TestClient(app) as client:
            run(client, args)


def run(client: TestClient, args) -> None:
    banks = client.get("/api/v1/banks").json()
    jd = next(b["bank_id"] for b in banks if "京东" in b["title"])
    print(f"database: {client.app.state.services.db.display_url}; scorer mode: {args.mode}; {args.repeat} runs each")
    print(f"{'request':44} {'median ms':>10} {'p95 ms':>8}")
    for label, path in [
        ("GET / (home)", "/"),
        ("GET /banks/{id} (13 questions + warnings)", f"/banks/{jd}"),
        ("GET /search?q=投诉处理 (page)", "/search?q=投诉处理"),
        ("GET /api/v1/search?q=客户情绪", "/api/v1/search?q=客户情绪"),
        ("GET /api/v1/banks/{id} (Bank JSON)", f"/api/v1/banks/{jd}"),
        ("GET /papers (form, both banks)", "/papers"),
        ("GET /duplicates", "/duplicates"),
    ]:
        median, p95 = timed(lambda: ok(client.get(path)), args.repeat)
        print(f"{label:44} {median:10.1f} {p95:8.1f}")

    paper = ok(client.post("/api/v1/papers", json={"title": "bench", "bank_ids": [jd],
                                                   "per_section": {"行为面试题": 3}, "seed": 1})).json()
    token = ok(client.post(f"/api/v1/papers/{paper['paper_id']}/invitations", json={"name": "bench"})).json()["invitation"]["token"]
    median, p95 = timed(lambda: ok(client.get(f"/take/{token}")), args.repeat)
    print(f"{'GET /take/{token} (candidate page)':44} {median:10.1f} {p95:8.1f}")
    revision = iter(range(1, 10_000))
    text = "我会先保持冷静,安抚客户的情绪,然后询问具体问题。" * 4
    median, p95 = timed(lambda: ok(client.put(f"/api/v1/take/{token}/answers/1",
                                              json={"text": text, "revision": next(revision)})), args.repeat * 3)
    print(f"{'PUT autosave (one answer)':44} {median:10.1f} {p95:8.1f}   ≈ {1000 / median:.0f} saves/s in series")

    for label, name, data in [
        ("background import, JD seed again (13 q)", "again.txt", JD_SEED.read_bytes()),
        ("background import, JD seed ×40 (~200 KB)", "big.txt", JD_SEED.read_bytes() * 40),
    ]:
        start = time.perf_counter()
        job = ok(client.post("/api/v1/imports", files=[("files", (name, data, "text/plain"))])).json()[0]
        polls = 0
        while (job := client.get(f"/api/v1/imports/{job['id']}").json())["state"] not in ("done", "failed"):
            polls += 1
            time.sleep(0.005)
        elapsed = (time.perf_counter() - start) * 1000
        print(f"{label:44} {elapsed:10.1f}   {job['state']}, {job['question_count']} questions, {polls} status polls")

    body = {"bank_id": jd, "question_id": "s1-q1", "text": text}
    start = time.perf_counter()
    ok(client.post("/api/v1/practice/score", json=body))
    print(f"{'POST practice/score, first (loads models)':44} {(time.perf_counter() - start) * 1000:10.1f}")
    median, p95 = timed(lambda: ok(client.post("/api/v1/practice/score", json=body)), max(5, args.repeat // 3))
    print(f"{'POST practice/score, warm':44} {median:10.1f} {p95:8.1f}")


if __name__ == "__main__":
    main()
