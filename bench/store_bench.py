"""Store and interview service figures: saving banks, search latency, near-duplicate scan,
autosave throughput, backup/restore. Prints numbers; asserts nothing.

    .venv/bin/python bench/store_bench.py [--banks 40] [--postgresql]

The library is the two seed banks copied `--banks` times with each copy's prompts varied
(so copies are distinct banks, not content-hash duplicates).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kaoguan.interview import Interviews, PaperSpec  # noqa: E402
from kaoguan.store import Database, Library, backup, restore  # noqa: E402
from tests.store.banks import internet_bank, jd_bank  # noqa: E402

QUERIES = ["投诉处理", "高峰 投诉", "理财产品 收益", "反洗钱", "客户 情绪激动", "APP闪退", "存款保险", "合规 红线"]


def varied_banks(copies: int):
    for i in range(copies):
        for base in (jd_bank(), internet_bank()):
            bank = base.model_copy(deep=True)
            bank.title = f"{bank.title}(第{i + 1}套)"
            for _, question in bank.questions():
                question.prompt = f"{question.prompt}(第{i + 1}套)"
            yield bank


def timed(label: str, fn, unit_count: int | None = None, unit: str = ""):
    start = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - start
    extra = f"  ({unit_count / elapsed:.1f} {unit}/s)" if unit_count else ""
    print(f"{label:<44} {elapsed * 1000:9.1f} ms{extra}")
    return result


def run(db: Database, copies: int, workdir: Path) -> None:
    from kaoguan.store import similarity

    similarity.process_embeddings.clear()  # each engine's first scan really runs the model
    db.upgrade()
    library = Library(db)
    banks = list(varied_banks(copies))
    questions = sum(b.question_count for b in banks)
    timed(f"save {len(banks)} banks ({questions} questions)", lambda: [library.save_bank(b) for b in banks],
          len(banks), "banks")
    timed("save the same bank again (hash dedupe)", lambda: library.save_bank(banks[0]))
    timed("edit one question (new version)", lambda: library.edit_question(1, "s1-q1", points=9))
    latencies = []
    for query in QUERIES * 3:
        start = time.perf_counter()
        library.search(query)
        latencies.append((time.perf_counter() - start) * 1000)
    print(f"{'search, median / max over ' + str(len(latencies)) + ' queries':<44} "
          f"{statistics.median(latencies):9.1f} ms / {max(latencies):.1f} ms")
    timed("browse all current questions", library.questions)
    pairs = timed(f"near-duplicate scan, first (embeds {questions} prompts)", library.near_duplicates)
    timed("near-duplicate scan again (embeddings cached)", Library(db).near_duplicates)
    print(f"{'  pairs found':<44} {len(pairs):9d}")
    interviews = Interviews(db)
    paper = timed("assemble a paper (2 banks, 8 questions)", lambda: interviews.assemble_paper(
        PaperSpec(title="bench", bank_ids=[1, 2], per_category={"behavioral": 4, "knowledge": 4})))
    token = interviews.invite_candidate(paper.paper_id, "bench").token
    saves = 200
    timed(f"{saves} autosaves", lambda: [interviews.autosave_answer(token, 1 + r % 8, "答" * (r % 300), r + 1)
                                         for r in range(saves)], saves, "saves")
    path = workdir / "backup.jsonl"
    counts = timed("backup", lambda: backup(db, path))
    print(f"{'  rows / file size':<44} {sum(counts.values()):9d} rows, {path.stat().st_size / 1e6:.1f} MB")
    target = Database(f"sqlite:///{workdir / 'restored.db'}")
    timed("restore into an empty SQLite database", lambda: restore(target, path))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--banks", type=int, default=40, help="copies of each seed bank")
    parser.add_argument("--postgresql", action="store_true", help="also run on a throwaway PostgreSQL server")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        print(f"== SQLite ({args.banks} copies of each seed bank)")
        run(Database(f"sqlite:///{workdir / 'bench.db'}"), args.banks, workdir)
        if args.postgresql:
            from kaoguan.store.pgserver import PostgresServer

            pg_dir = Path(tempfile.mkdtemp(prefix="kaoguan-bench-pg-"))
            server = PostgresServer.create(pg_dir)
            server.start()
            try:
                print(f"== PostgreSQL ({args.banks} copies of each seed bank)")
                (workdir / "pg").mkdir()
                run(Database(server.create_database("bench")), args.banks, workdir / "pg")
            finally:
                server.stop()
                import shutil

                shutil.rmtree(pg_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
