"""Importer throughput on a large synthetic corpus of the genre (prints figures; asserts nothing).

Every figure is given twice: per CPU second of this process (time.process_time), which other work
on a shared machine disturbs less, and per wall-clock second (time.perf_counter), which is what a
user waits. The machine's load average before and after the run is printed with them: on a loaded
machine both figures drop (CPU time too, as cores and caches are shared), so compare runs made
under similar load.

The corpus (~50 MB of text by default) is generated here from templates of the genre: one item per
line, run-on single-line pages with site boilerplate, Traditional pages with pinyin glosses, and
choice banks with inline options and answer keys, saved as UTF-8 and GB18030 bytes.

    .venv/bin/python bench/import_bench.py            # ~50 MB
    .venv/bin/python bench/import_bench.py --mb 5     # quicker
    .venv/bin/python bench/import_bench.py --profile  # top functions by cumulative time
    .venv/bin/python bench/import_bench.py --stages   # CPU seconds per pipeline step

Compiling the importer was measured and not adopted (mypy 2.4.1's mypyc on normalize, segment,
parser, answers, build and validate, interleaved with the pure-Python tree on the 3 MB corpus):
the parse and build steps ran 1.2-1.6x faster, reading, normalizing and segmenting not at all
(their time is spent in the regex engine and codecs, already C), 1.15-1.3x in all, short of the
1.5x that would pay for a C toolchain in every install. It also needed type fixes, a runtime
dependency for the list subclass, and changed output: compiled f-strings call str(), not
__format__ (212 of 799 documents got different warning texts).

Round 4 (structural costs; every step byte-identical on an 810-document dump of fixtures, seeds,
corpus samples, large documents and mutations). On a machine shared at load 2-5 on 2 cores, CPU-time
A/B runs of the same tree varied by +-15%, so each step was measured by callgrind's instruction
count of importing a 0.5 MB corpus (deterministic to +-0.3%), and the whole by interleaved runs
of this script. Total 1.144 -> 0.975 G instructions (-15%), which is less in CPU time (the
instructions removed were mostly the regex engine's tight loops): base and new tree in one
process, interleaved, 3 MB corpus, min of 12 rounds 2.91 -> 3.30 MB/s CPU (+13%; 2 MB, min of 16:
2.99 -> 3.28, +10%; load 4 on 2 cores). `--mb 20`, three interleaved pairs at load 1-3:
import_bytes 2.85/2.52/2.69 -> 2.77/2.51/2.72 MB/s CPU, parse_text 3.22/2.82/3.22 ->
3.43/3.14/3.06 (single runs vary more than the change). Stage split in instructions: read 9%,
normalize 22%, segment 14%, parse 26%, build 29% (pydantic's validation 10 of them); in CPU time
(`--stages --mb 20`): read 9%, normalize 20%, segment 12%, parse 31%, build 28%.
Kept:
- regexes that are searched (split, sub, finditer) start with a character class: the engine
  then skips in C to candidate characters (~5 ns a character) instead of running its matcher at
  every character, which a leading lookahead, lookbehind or an alternation of classes cost. The
  segmenter's cut (the cut's first character captured, the alternatives in a lookbehind, grouped
  by first character, commonest first) -2.6%; key-point hints, the numbered-step split, the
  placeholder search and the blank test -4.0%; a candidate that mostly cuts nothing (题 of
  面试题, a digit of 2026年) tested for the character its alternatives need next -0.5%.
- one scan for the characters the first normalization steps look for (invisible and odd spaces,
  tone marks, full-width letters), skipping those scans when there are none -3.3%; a bullet line
  rejected by the site-line pattern's first test, the recommended-file pattern only when
  .doc/.pdf/.txt occurs -1.3%.
- the wrapped-text check rules out run-on and single-line texts from character counts before
  encoding 20000 characters -0.7%; bracketed labels read by the segmenter on lines holding a 【,
  not by a pass of the parser over every piece -1.3%; a plain bullet handled without a regex
  match -1.2%; points and bare-label patterns only on stems with a 分 / short enough -0.9%.
Tried and dropped (instructions, same corpus):
- Piece as a NamedTuple made in C (partial(tuple.__new__, Piece)): +3%, and map(Piece, …):
  +2.4%. Python 3.11 specializes attribute loads from __slots__, not from a namedtuple's fields.
- a C-level test for bracketed labels (any/map/attrgetter/methodcaller): +0.6%; a list
  comprehension's specialized bytecode was cheaper.
- one character-class scan instead of _clean_whitespace's dozen substring tests: +-0. `in` costs
  ~0.7 ns a character, a class scan ~5.5: a dozen substring tests cost about one scan.
- key points read in one call per question instead of one per bullet: +0.5%.
- Bank.model_validate(strict=True): 2.6% of the validation (0.3% overall), not worth touching
  the contract.
What remains is spread thin: per-piece work in the parser's loop (~5 us a piece, 130,000 pieces
in 5 MB), dicts and key points built per question, pydantic-core creating ~90,000 model instances
per 5 MB, and a dozen regex passes over the whole text. No single cost left is above ~10%, so
5 MB/s (2x) would need fewer pieces per document (a segmenter that leaves list numbers inside a
bullet uncut, which needs the parser's state) or fewer passes, not further tuning.
Round 5 (the lever round 4 named: list numbers inside a bullet, `-解决步骤：1.倾听…；2.协调…`).
Census of the 0.5 MB corpus after normalization: 13,483 pieces, 3,606 of them (27%) list numbers
cut after a dash bullet on its line, on 1,481 bullets. 927 of those bullets hold a number above
the last question's (the corpus' sections have 3-8 questions, its lists run 1.-3.), which only
`_try_question` can judge (`_clearly_a_question` reads the following piece): 1,156 numbers that
must stay pieces. The others were already cheap: round 4's `_glued_list_item` takes them in about
3,000 instructions of the parser loop each, and a Piece costs the segmenter less than a Python
test per cut does. Repeated callgrind runs of the unchanged tree gave 0.9746 and 0.9783 G, so
+-0.3% is noise. Tried and dropped, all byte-identical on the 810-document dump:
- a `tail` field on every Piece with the list numbers after a bullet, set by a test of each cut
  in the segmenter; the parser glues a tail on in one pass (the limit and sub-list counter worked
  out once per bullet) and makes pieces again from the first number it cannot glue:
  0.978 -> 0.981 G (+0.3%): segment +11 M instructions (~800 per cut for the test), parser -7 M.
- the same, only for lines that open with a bullet and are cut only at list numbers (one test per
  line in C: the cut marks joined, `isdecimal`): 0.977 G (-0.2%, within the noise).
- that, plus lines cut into more than 40 parts (run-on pages), their bullets found by a regex
  over the string of cut marks, and `tail` a class attribute of Piece (on a subclass only):
  0.988 G (+1.0%): building and slicing lists per line cost more than the pieces saved, and the
  class-attribute load on every piece in the parser +0.4%.
- key-point dicts built by a comprehension instead of the append loop: 0.975 -> 0.982 G (+0.7%):
  a comprehension is a function call in Python 3.11, and most questions hold 2-5 points.
So the glued numbers were not where the time goes: even free, they would save under 1%. The
per-piece average comes from the pieces that start something. The corpus has ~3,300 questions a
MB, and each costs ~580,000 instructions end to end (read 52k, normalize 128k, segment 81k,
parse 150k, build 168k). In the parser that is `_try_question` (a RawQuestion with seven
containers, `_question_head`, the numbering checks). In the build it is the key points: split
by `bullet_points`, made into dicts, then checked by pydantic-core. 5 MB/s (2x) would mean
halving that per-question cost in every stage: a different design (e.g. a compiled parser or a
pydantic-free build), not tuning.
Later sessions measure what new patterns cost by the same callgrind count, with PYTHONHASHSEED=0
(hash randomization moves the count by up to +-0.5% between runs otherwise). Session 9, the
patterns for two unseen document sets (key points under a bare 要点, preview and download
notices, an unknown site's header and footer, combined table headers): 1.024 -> 1.062 G (+3.7%),
spread over a dozen line patterns (each +2-15 M); the wall-clock bench moved within its noise.
Session 10, the eleventh unseen set's patterns (header links apart by spaces, paid-document and
preview notices, what other readers liked behind the page's buttons, an unknown site's footer with
its address, a title glued to the uploader line) and the 略 placeholder check: 1.049 -> 1.068 G
(+1.8%), most of it lines starting with a navigation word's first character (客, 下, 分 …) now
also trying the recommendation pattern's button prefix.
Session 11 ran on a faster machine (same 2 cores, `lscpu`: AMD EPYC): the session-10 code gave
import_bytes 5.60 MB/s CPU on the default 50 MB corpus at load 0.4 (parse_text 6.57, large
documents 5.3-7.2), where session 10's machine gave 2.7 MB/s for the same code. With session 11's
patterns (a section restyled under its heading, the title again inside a question, rule lines),
at load 1.1: import_bytes 5.58 MB/s, parse_text 6.58, large documents 5.6-7.3. The figure in
MB/s depends on the CPU by 2x; callgrind's instruction count above is the one to compare across
sessions.

"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import time

from kaoguan.ingest import import_bytes, parse_text

STEMS = [
    "客户因系统故障无法完成转账，情绪激动，你会如何处理？",
    "客户质疑理财产品收益不达标，要求赔偿，你会如何回应？",
    "在高峰期同时收到多个投诉，你如何安排处理顺序？",
    "客户要求你违规办理业务，你会如何拒绝？",
    "请分享一次你成功化解客户矛盾的经历。",
    "如何向老年客户解释手机银行的安全设置？",
]
BULLETS = [
    "-保持冷静，先安抚情绪：“非常抱歉给您带来不便，我理解您的心情。”",
    "-核实信息：确认客户身份与账户状态。",
    "-解决步骤：1.倾听并记录诉求；2.协调相关部门；3.及时反馈进展。",
    "-合规底线：不承诺保本保收益，避免违规操作。",
    "-事后复盘：总结经验，优化服务流程。",
]
SECTIONS = ["行为面试题", "情景模拟题", "专业知识题", "压力面试题", "沟通技巧题"]
NUMERALS = "一二三四五六七八九十"


def open_bank(rng: random.Random, sections: int) -> list[str]:
    lines = ["- 0", "- 约2.9千字", "第PAGE页共NUMPAGES页", f"2026年某银行客服岗位面试题集{rng.randint(1, 999)}"]
    for s in range(sections):
        count, points = rng.randint(3, 8), rng.choice([5, 8, 10])
        lines.append(f"{NUMERALS[s]}、{SECTIONS[s % len(SECTIONS)]}(共{count}题,每题{points}分,总分{count * points}分)")
        lines.append("说明:请结合自身经历回答。")
        for q in range(1, count + 1):
            lines.append(f"{q}.题目:{rng.choice(STEMS)}")
            lines.append("答案要点:")
            lines.extend(rng.sample(BULLETS, rng.randint(2, 5)))
    lines.append("原创力文档")
    return lines


def choice_bank(rng: random.Random, count: int) -> list[str]:
    lines = ["某证券公司客服知识测试", f"一、单选题(每题2分,共{count}题)"]
    for q in range(1, count + 1):
        lines.append(f"{q}.投资者适当性管理要求客服在推荐产品前首先( )。")
        lines.append("A.了解客户风险承受能力B.承诺收益C.推荐高收益产品D.直接办理")
    lines.append("答案及解析")
    lines.extend(f"{q}.答案:A 解析:先了解客户。" for q in range(1, count + 1))
    return lines


def traditional(text: str) -> str:
    table = str.maketrans("银户应处问题试经网联险绍么讯", "銀戶應處問題試經網聯險紹麼訊")
    glossed = text.translate(table).replace("銀", "銀(yín)").replace("聯", "聯(lián)")
    return glossed


def document(rng: random.Random) -> tuple[str, str]:
    style = rng.random()
    if style < 0.4:
        return "lines", "\n".join(open_bank(rng, rng.randint(2, 5)))
    if style < 0.7:
        return "run-on", "已阅读5页，还剩9页未读 继续免费阅读\n下载本文档\n" + "".join(open_bank(rng, rng.randint(2, 5))) + "\n温馨提示\n提交评论"
    if style < 0.85:
        return "traditional", traditional("".join(open_bank(rng, rng.randint(2, 4))))
    return "choice", "\n".join(choice_bank(rng, rng.randint(10, 40)))


def corpus(megabytes: float, seed: int = 7) -> list[tuple[str, bytes]]:
    rng = random.Random(seed)
    docs: list[tuple[str, bytes]] = []
    total = 0
    while total < megabytes * 1024 * 1024:
        style, text = document(rng)
        data = text.encode("gb18030" if rng.random() < 0.2 else "utf-8")
        docs.append((f"{style}-{len(docs)}.txt", data))
        total += len(data)
    return docs


class Timer:
    """CPU and wall-clock seconds of one timed block."""

    def __enter__(self) -> "Timer":
        self._cpu, self._wall = time.process_time(), time.perf_counter()
        return self

    def __exit__(self, *exc_info) -> None:
        self.cpu = time.process_time() - self._cpu
        self.wall = time.perf_counter() - self._wall


def rates(label: str, documents: int, megabytes: float, timer: Timer) -> str:
    def per(seconds: float) -> str:
        by_size = f"{megabytes / seconds:.2f} MB/s"
        return by_size if documents == 1 else f"{documents / seconds:.0f} documents/s, {by_size}"

    return (
        f"{label}: {documents} document{'' if documents == 1 else 's'}, {megabytes:.1f} MB\n"
        f"  CPU  {timer.cpu:6.2f} s = {per(timer.cpu)}\n"
        f"  wall {timer.wall:6.2f} s = {per(timer.wall)}"
    )


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} / {five:.2f} / {fifteen:.2f} (1/5/15 min) on {os.cpu_count()} cores"


def run(docs: list[tuple[str, bytes]]) -> None:
    print(f"before: {load()}")
    total_mb = sum(len(data) for _, data in docs) / 1048576
    questions = 0
    with Timer() as timer:
        for name, data in docs:
            questions += import_bytes(data, name).question_count
    print(rates(f"import_bytes ({questions} questions)", len(docs), total_mb, timer))

    texts = [data.decode("utf-8") if _is_utf8(data) else data.decode("gb18030") for _, data in docs]
    text_mb = sum(len(t.encode("utf-8")) for t in texts) / 1048576
    with Timer() as timer:
        for text in texts:
            parse_text(text)
    print(rates("parse_text (already decoded; MB of UTF-8 text)", len(texts), text_mb, timer))

    larger = [("one large document", large_document(1)), ("one large document", large_document(5)),
              ("one large document on a single line", large_document(1).replace("\n", "")),
              ("one large bank without question numbers", unnumbered_document(1))]
    for label, big in larger:
        size = len(big.encode("utf-8")) / 1048576
        with Timer() as timer:
            bank = parse_text(big)
        print(rates(f"parse_text, {label} ({bank.question_count} questions)", 1, size, timer))
    print(f"after:  {load()}")


def unnumbered_document(megabytes: float) -> str:
    """A bank whose questions carry no numbers (each a line ending in ？) while their key points hold
    numbered steps: every step number is weighed against the section's questions (checks for
    costs that grow with the number of questions)."""
    rng = random.Random(5)
    lines = ["某银行客服面试题（无题号）", "一、情景模拟题"]
    chars = sum(len(line) for line in lines)
    while chars * 3 < megabytes * 1024 * 1024:
        new_lines = [f"{rng.choice(STEMS)[:-1]}（第{len(lines)}行）？", "答案要点：", *rng.sample(BULLETS, 3)]
        lines.extend(new_lines)
        chars += sum(len(line) for line in new_lines)
    return "\n".join(lines)


def large_document(megabytes: float) -> str:
    """One big bank: a long choice section and a long open section (checks for non-linear costs)."""
    rng = random.Random(3)
    lines = ["某银行客服题库（大文件）", "一、单选题(每题1分)"]
    chars = sum(len(line) for line in lines)  # kept as lines are added: summing every time is quadratic

    def add(*new_lines: str) -> None:
        nonlocal chars
        lines.extend(new_lines)
        chars += sum(len(line) for line in new_lines)

    number = 0
    while chars * 3 < megabytes * 1024 * 1024 / 2:
        number += 1
        add(f"{number}.客户要求办理业务时客服首先应该( )。A.核实身份B.直接办理C.拒绝D.转人工", f"答案:A 解析:{rng.choice(STEMS)}")
    add("二、行为面试题(每题10分)")
    number = 0
    while chars * 3 < megabytes * 1024 * 1024:
        number += 1
        add(f"{number}.题目:{rng.choice(STEMS)}", "答案要点:", *rng.sample(BULLETS, 3))
    return "\n".join(lines)


def stages(docs: list[tuple[str, bytes]]) -> None:
    """CPU seconds of each pipeline step over the corpus: the steps of kaoguan.ingest.import_bytes,
    called one by one (with the cyclic collector paused, as analyse_text does), so a slow step shows."""
    import gc

    from kaoguan.ingest.build import build_bank
    from kaoguan.ingest.limits import check_text, check_upload
    from kaoguan.ingest.normalize import normalize
    from kaoguan.ingest.parser import parse_pieces
    from kaoguan.ingest.readers import read_document
    from kaoguan.ingest.segment import segment

    seconds = dict.fromkeys(("read", "normalize", "segment", "parse", "build"), 0.0)
    for name, data in docs:
        started = time.process_time()
        check_upload(data, name)
        text = read_document(data, name)
        check_text(text, name)
        gc.disable()
        try:
            times = [time.process_time()]
            normalized = normalize(text)
            times.append(time.process_time())
            pieces = segment(normalized.text)
            times.append(time.process_time())
            result = parse_pieces(pieces)
            times.append(time.process_time())
            build_bank(result, normalized, name)
            times.append(time.process_time())
        finally:
            gc.enable()
        seconds["read"] += times[0] - started
        for step, before, after in zip(("normalize", "segment", "parse", "build"), times, times[1:]):
            seconds[step] += after - before
    total = sum(seconds.values())
    megabytes = sum(len(data) for _, data in docs) / 1048576
    print(f"CPU seconds per step ({len(docs)} documents, {megabytes:.1f} MB, {megabytes / total:.2f} MB/s in all):")
    for step, spent in seconds.items():
        print(f"  {step:<9} {spent:6.2f} s  {spent / total:4.0%}")
    print(load())


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=50, help="corpus size in MB (default 50)")
    parser.add_argument("--profile", action="store_true", help="profile the run and print the top functions")
    parser.add_argument("--stages", action="store_true", help="CPU seconds per pipeline step (read, normalize, segment, parse, build)")
    args = parser.parse_args()
    docs = corpus(args.mb)
    if args.stages:
        stages(docs)
    elif args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(run, docs)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    else:
        run(docs)


if __name__ == "__main__":
    main()
