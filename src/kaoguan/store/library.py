"""The bank library: save, version, browse, search and de-duplicate question banks.

Every page and API endpoint that touches banks goes through `Library`; it returns plain
`Bank` objects and the views in `kaoguan.store.views`, never ORM rows.

Each bank version is stored twice, on purpose:
- its Bank JSON, verbatim, so `get_bank` reproduces exactly what was saved (scores stay explainable);
- normalized rows (sections, questions, key points, search terms) for browsing, filters and search.
"""

from __future__ import annotations

import hashlib
import json

import numpy as np
from collections.abc import Iterable, Sequence

from pydantic import ValidationError
from sqlalchemy import Select, and_, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kaoguan.bank.io import bank_from_dict, bank_to_dict
from kaoguan.bank.model import Bank, Question
from kaoguan.store.database import Database
from kaoguan.store.errors import InvalidInput, NotFound
from kaoguan.store import textlimits
from kaoguan.store.schema import (
    BankRow,
    BankTagRow,
    BankVersionRow,
    DuplicateDecisionRow,
    EmbeddingRow,
    KeyPointRow,
    QuestionRow,
    SearchTermRow,
    SectionRow,
    TagRow,
    utcnow,
)
from kaoguan.store import similarity
from kaoguan.store.similarity import (
    DEFAULT_THRESHOLD,
    EMBEDDING_MODEL,
    QuestionText,
    compute_embeddings,
    similarity_matrix,
)
from kaoguan.store.text import term_counts, words
from kaoguan.store.views import BankSummary, BankVersionInfo, DuplicatePair, QuestionHit, QuestionRef, SavedBank

# Where a word occurs decides how much a match counts: the prompt is what the question is about.
FIELD_WEIGHTS = {"prompt": 2.0, "label": 1.0, "key_point": 1.0, "key_point_detail": 0.5}
# A pasted paragraph is not a query; its first words are plenty to rank by.
MAX_QUERY_TERMS = 32


def content_hash(bank: Bank) -> str:
    """sha256 of the canonical Bank JSON: same content, same hash, whatever the key order or spacing."""
    canonical = json.dumps(bank_to_dict(bank), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _clean_tags(tags: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for tag in tags:
        if not isinstance(tag, str):
            raise InvalidInput(f"tag {tag!r}: tags are text")
        tag = tag.strip()
        if tag:
            if len(tag) > textlimits.TAG:
                raise InvalidInput(f"tag {tag[:20]!r}…: longer than {textlimits.TAG} characters")
            seen[tag] = None
    return list(seen)


class Library:
    def __init__(self, db: Database) -> None:
        db.require_schema()
        self.db = db

    # ------------------------------------------------------------ saving and versions

    def save_bank(self, bank: Bank, tags: Iterable[str] = ()) -> SavedBank:
        """Store a bank as a new bank (version 1). Saving content that is already stored (same content
        hash, e.g. importing the same document twice) creates nothing and returns the existing version;
        `tags` are added to the bank either way."""
        tags = _clean_tags(tags)
        textlimits.check_bank(bank)
        digest = content_hash(bank)
        with self.db.transaction() as session:
            existing = session.execute(
                select(BankVersionRow).where(BankVersionRow.content_hash == digest).order_by(BankVersionRow.id)
            ).scalars().first()
            if existing is not None:
                self._add_tags(session, existing.bank_id, tags)
                return SavedBank(bank_id=existing.bank_id, version=existing.version, created=False, content_hash=digest)
            bank_row = BankRow(title=bank.title, source=bank.source, current_version=1)
            session.add(bank_row)
            session.flush()
            self._write_version(session, bank_row.id, 1, bank, digest, note=None)
            self._add_tags(session, bank_row.id, tags)
            return SavedBank(bank_id=bank_row.id, version=1, created=True, content_hash=digest)

    def update_bank(self, bank_id: int, bank: Bank, note: str | None = None) -> SavedBank:
        """Store `bank` as the next version of `bank_id`; earlier versions stay as they were.
        Content identical to the current version creates nothing."""
        textlimits.check_bank(bank)
        textlimits.check_length(note, textlimits.NOTES, "change note")
        digest = content_hash(bank)
        with self.db.transaction() as session:
            bank_row = self._bank_row(session, bank_id, for_update=True)
            current = self._version_row(session, bank_id, bank_row.current_version)
            if current.content_hash == digest:
                return SavedBank(bank_id=bank_id, version=current.version, created=False, content_hash=digest)
            latest = session.scalar(select(func.max(BankVersionRow.version)).where(BankVersionRow.bank_id == bank_id))
            version = (latest or 0) + 1
            self._write_version(session, bank_id, version, bank, digest, note=note)
            bank_row.current_version = version
            bank_row.title = bank.title
            bank_row.source = bank.source
            bank_row.updated_at = utcnow()
            return SavedBank(bank_id=bank_id, version=version, created=True, content_hash=digest)

    def edit_question(self, bank_id: int, question_id: str, note: str | None = None, **changes) -> SavedBank:
        """New version with one question's fields changed (e.g. prompt=…, points=…, kind=…)."""
        bank = self.get_bank(bank_id)
        question = self._question_in(bank, bank_id, question_id)
        self._apply_changes(question, changes, f"bank {bank_id} question {question_id}")
        return self.update_bank(bank_id, bank, note=note or f"edited question {question_id}")

    def edit_key_point(self, bank_id: int, question_id: str, key_point_id: str, note: str | None = None,
                       **changes) -> SavedBank:
        """New version with one key point's fields changed (text=…, detail=…, weight=…)."""
        bank = self.get_bank(bank_id)
        question = self._question_in(bank, bank_id, question_id)
        key_point = next((kp for kp in question.key_points if kp.id == key_point_id), None)
        if key_point is None:
            raise NotFound(f"bank {bank_id} question {question_id}: no key point {key_point_id!r}")
        self._apply_changes(key_point, changes, f"bank {bank_id} question {question_id} key point {key_point_id}")
        return self.update_bank(bank_id, bank, note=note or f"edited key point {question_id}/{key_point_id}")

    def get_bank(self, bank_id: int, version: int | None = None) -> Bank:
        """Exactly the Bank that was saved as that version (current version by default)."""
        with self.db.reading() as session:
            bank_row = self._bank_row(session, bank_id)
            row = self._version_row(session, bank_id, version or bank_row.current_version)
            return bank_from_dict(json.loads(row.bank_json), origin=f"bank {bank_id} version {row.version}")

    def versions(self, bank_id: int) -> list[BankVersionInfo]:
        with self.db.reading() as session:
            self._bank_row(session, bank_id)
            counts = (
                select(QuestionRow.bank_version_id, func.count().label("n"))
                .group_by(QuestionRow.bank_version_id).subquery()
            )
            rows = session.execute(
                select(BankVersionRow, func.coalesce(counts.c.n, 0))
                .outerjoin(counts, counts.c.bank_version_id == BankVersionRow.id)
                .where(BankVersionRow.bank_id == bank_id).order_by(BankVersionRow.version)
            ).all()
            return [
                BankVersionInfo(bank_id=bank_id, version=v.version, content_hash=v.content_hash, title=v.title,
                                question_count=n, note=v.note, created_at=v.created_at)
                for v, n in rows
            ]

    def list_banks(self, include_deleted: bool = False, tag: str | None = None) -> list[BankSummary]:
        with self.db.reading() as session:
            query = select(BankRow.id).order_by(BankRow.id)
            if not include_deleted:
                query = query.where(BankRow.deleted_at.is_(None))
            if tag is not None:
                query = query.where(BankRow.id.in_(self._bank_ids_tagged(tag)))
            return self._summaries(session, list(session.scalars(query)))

    def bank_summary(self, bank_id: int) -> BankSummary:
        with self.db.reading() as session:
            self._bank_row(session, bank_id)
            return self._summaries(session, [bank_id])[0]

    def delete_bank(self, bank_id: int) -> None:
        """Soft delete: hidden from lists, search and duplicates; every version stays readable
        (papers and finished sessions keep pointing at them)."""
        with self.db.transaction() as session:
            bank_row = self._bank_row(session, bank_id, for_update=True)
            if bank_row.deleted_at is None:
                bank_row.deleted_at = utcnow()

    def undelete_bank(self, bank_id: int) -> None:
        with self.db.transaction() as session:
            self._bank_row(session, bank_id, for_update=True).deleted_at = None

    def set_tags(self, bank_id: int, tags: Iterable[str]) -> list[str]:
        """Replace the bank's tags; returns them sorted."""
        tags = _clean_tags(tags)
        with self.db.transaction() as session:
            self._bank_row(session, bank_id)
            session.execute(delete(BankTagRow).where(BankTagRow.bank_id == bank_id))
            self._add_tags(session, bank_id, tags)
        return sorted(tags)

    def all_tags(self) -> list[str]:
        with self.db.reading() as session:
            return list(session.scalars(select(TagRow.name).order_by(TagRow.name)))

    # ------------------------------------------------------------ browsing and search

    def questions(self, bank_id: int | None = None, *, kind: str | None = None, category: str | None = None,
                  points: float | None = None, tag: str | None = None) -> list[QuestionHit]:
        """Questions of the current versions of non-deleted banks, in bank/section/question order."""
        with self.db.reading() as session:
            query = self._current_questions(bank_id, kind, category, points, tag)
            query = query.order_by(BankRow.id, SectionRow.position, QuestionRow.position)
            rows = session.execute(query).all()
            return self._hits(session, rows, relevance={})

    def search(self, query: str, *, kind: str | None = None, category: str | None = None,
               points: float | None = None, tag: str | None = None, bank_id: int | None = None,
               limit: int = 50) -> list[QuestionHit]:
        """Full-text search over prompts, labels and key points of all current banks. Chinese text is
        segmented into words (jieba) and looked up in a word index, so `投诉处理` finds `处理客户投诉`.
        Questions holding every query word come first (and alone, if there are any); otherwise those
        holding the most of them."""
        textlimits.check_length(query, textlimits.QUERY, "search query")
        terms = sorted(set(words(query)))[:MAX_QUERY_TERMS]
        if not terms:
            return []
        with self.db.reading() as session:
            scope = self._current_questions(bank_id, kind, category, points, tag).with_only_columns(QuestionRow.id)
            matched = func.count(SearchTermRow.term)
            weight = func.sum(SearchTermRow.weight)
            ranked = (
                select(SearchTermRow.question_row_id, matched.label("matched"), weight.label("weight"))
                .where(SearchTermRow.term.in_(terms), SearchTermRow.question_row_id.in_(scope))
                .group_by(SearchTermRow.question_row_id)
            )
            results = session.execute(ranked.having(matched == len(terms))).all()
            if not results:
                results = session.execute(ranked).all()
            results.sort(key=lambda r: (-r.matched, -r.weight, r.question_row_id))
            results = results[:limit]
            relevance = {r.question_row_id: round(r.matched / len(terms) + r.weight / 1000, 6) for r in results}
            rows = session.execute(self._current_questions().where(QuestionRow.id.in_(list(relevance)))).all()
            hits = self._hits(session, rows, relevance)
            return sorted(hits, key=lambda h: -h.relevance)

    # ------------------------------------------------------------ near-duplicates

    def near_duplicates(self, threshold: float | None = None, include_decided: bool = False) -> list[DuplicatePair]:
        """Pairs of questions from different banks that say almost the same thing, most similar first.
        Pairs already decided (keep both / merged) are left out unless `include_decided`."""
        threshold = DEFAULT_THRESHOLD if threshold is None else threshold
        hits, texts = self._current_question_texts()
        if len(hits) < 2:
            return []
        similarity = similarity_matrix(texts, embed=self.embed_prompts)
        decisions = self._decisions()
        banks = np.array([h.bank_id for h in hits])
        # Upper triangle only (each pair once), different banks only, at or above the threshold.
        candidates = np.triu(similarity >= threshold, k=1) & (banks[:, None] != banks[None, :])
        pairs = []
        for i, j in zip(*np.nonzero(candidates), strict=True):
            a, b = sorted((hits[i], hits[j]), key=lambda h: (h.bank_id, h.question_id))
            decision = decisions.get(_pair_key(a, b))
            if decision and not include_decided:
                continue
            pairs.append(DuplicatePair(a=a, b=b, similarity=round(float(similarity[i, j]), 4), decision=decision))
        return sorted(pairs, key=lambda p: -p.similarity)

    def merge_duplicate(self, keep: QuestionRef, drop: QuestionRef) -> SavedBank:
        """Keep `keep`; remove `drop` from its bank as a new version of that bank (earlier versions,
        and papers built on them, are untouched), and remember the decision."""
        if keep.bank_id == drop.bank_id and keep.question_id == drop.question_id:
            raise InvalidInput("merge: keep and drop are the same question")
        self._question_in(self.get_bank(keep.bank_id, keep.version), keep.bank_id, keep.question_id)
        bank = self.get_bank(drop.bank_id)
        self._question_in(bank, drop.bank_id, drop.question_id)
        for section in bank.sections:
            section.questions = [q for q in section.questions if q.id != drop.question_id]
        saved = self.update_bank(drop.bank_id, bank, note=f"merged {drop.question_id} into bank {keep.bank_id} "
                                                          f"question {keep.question_id}")
        self._decide(keep, drop, "merged")
        return saved

    def keep_both(self, a: QuestionRef, b: QuestionRef) -> None:
        """Remember that these two are different enough; the pair is no longer offered."""
        for ref in (a, b):
            self._question_in(self.get_bank(ref.bank_id, ref.version), ref.bank_id, ref.question_id)
        self._decide(a, b, "keep_both")

    def prepare_duplicate_scan(self) -> int:
        """Embed every current prompt not embedded yet (e.g. in the background after an import), so the
        next `near_duplicates()` is quick; returns how many prompts the library holds."""
        _, texts = self._current_question_texts()
        self.embed_prompts([t.prompt for t in texts])
        return len(texts)

    def embed_prompts(self, prompts: list[str]) -> np.ndarray | None:
        """e5 vectors of `prompts`, computed once per distinct text and kept in the database
        (the embeddings table), so repeated scans and paper draws cost a lookup, not a model run."""
        digests = [hashlib.sha256(p.encode("utf-8")).hexdigest() for p in prompts]
        texts = dict(zip(digests, prompts, strict=True))
        vectors: dict[str, np.ndarray] = {}
        with self.db.reading() as session:
            unique = sorted(texts)
            for start in range(0, len(unique), 500):
                for row in session.scalars(select(EmbeddingRow).where(
                        EmbeddingRow.model == EMBEDDING_MODEL, EmbeddingRow.text_hash.in_(unique[start:start + 500]))):
                    vectors[row.text_hash] = np.frombuffer(row.vector, dtype="<f4")
        not_stored = [d for d in texts if d not in vectors]
        if not_stored:
            # This process may have embedded them already (for another database); else run the model.
            memory = similarity.process_embeddings
            to_compute = [d for d in not_stored if d not in memory]
            if to_compute:
                computed = compute_embeddings([texts[d] for d in to_compute])
                if computed is None:
                    return None
                memory.update(zip(to_compute, computed, strict=True))
            try:
                with self.db.transaction() as session:
                    session.add_all(EmbeddingRow(text_hash=d, model=EMBEDDING_MODEL,
                                                 vector=np.asarray(memory[d], dtype="<f4").tobytes())
                                    for d in not_stored)
            except IntegrityError:
                pass  # another process stored the same texts meanwhile; the vectors are identical
            vectors.update((d, memory[d]) for d in not_stored)
        return np.vstack([vectors[d] for d in digests]).astype(np.float64)

    # ------------------------------------------------------------ internals: writing

    def _write_version(self, session: Session, bank_id: int, version: int, bank: Bank, digest: str,
                       note: str | None) -> None:
        version_row = BankVersionRow(bank_id=bank_id, version=version, content_hash=digest, title=bank.title,
                                     note=note, bank_json=json.dumps(bank_to_dict(bank), ensure_ascii=False))
        session.add(version_row)
        session.flush()
        # One flush per level (sections, questions) instead of one per row: a bank saves in a few round trips.
        section_rows = [SectionRow(bank_version_id=version_row.id, position=position, title=section.title,
                                   category=section.category, instructions=section.instructions)
                        for position, section in enumerate(bank.sections, start=1)]
        session.add_all(section_rows)
        session.flush()
        question_rows: list[tuple[QuestionRow, Question]] = []
        for section_row, section in zip(section_rows, bank.sections, strict=True):
            for position, question in enumerate(section.questions, start=1):
                row = QuestionRow(bank_version_id=version_row.id, section_id=section_row.id, position=position,
                                  question_id=question.id, number=question.number, kind=question.kind,
                                  label=question.label, prompt=question.prompt,
                                  points=None if question.points is None else float(question.points))
                question_rows.append((row, question))
        session.add_all(row for row, _ in question_rows)
        session.flush()
        for row, question in question_rows:
            self._write_question_details(session, row.id, question)

    @staticmethod
    def _write_question_details(session: Session, question_row_id: int, question: Question) -> None:
        session.add_all(
            KeyPointRow(question_row_id=question_row_id, position=i, key_point_id=kp.id, text=kp.text,
                        detail=kp.detail, weight=kp.weight)
            for i, kp in enumerate(question.key_points, start=1)
        )
        counts = term_counts(
            (question.prompt, FIELD_WEIGHTS["prompt"]),
            (question.label, FIELD_WEIGHTS["label"]),
            *((kp.text, FIELD_WEIGHTS["key_point"]) for kp in question.key_points),
            *((kp.detail, FIELD_WEIGHTS["key_point_detail"]) for kp in question.key_points),
        )
        session.add_all(SearchTermRow(question_row_id=question_row_id, term=term, weight=w)
                        for term, w in counts.items())

    def _add_tags(self, session: Session, bank_id: int, tags: Sequence[str]) -> None:
        for name in tags:
            tag_id = session.scalar(select(TagRow.id).where(TagRow.name == name))
            if tag_id is None:
                tag = TagRow(name=name)
                session.add(tag)
                session.flush()
                tag_id = tag.id
            if session.get(BankTagRow, (bank_id, tag_id)) is None:
                session.add(BankTagRow(bank_id=bank_id, tag_id=tag_id))
        session.flush()

    def _decide(self, a: QuestionRef, b: QuestionRef, decision: str) -> None:
        (a_bank, a_q), (b_bank, b_q) = sorted([(a.bank_id, a.question_id), (b.bank_id, b.question_id)])
        with self.db.transaction() as session:
            row = session.execute(select(DuplicateDecisionRow).where(
                DuplicateDecisionRow.a_bank_id == a_bank, DuplicateDecisionRow.a_question_id == a_q,
                DuplicateDecisionRow.b_bank_id == b_bank, DuplicateDecisionRow.b_question_id == b_q,
            )).scalar_one_or_none()
            if row is None:
                session.add(DuplicateDecisionRow(a_bank_id=a_bank, a_question_id=a_q, b_bank_id=b_bank,
                                                 b_question_id=b_q, decision=decision))
            else:
                row.decision = decision

    @staticmethod
    def _apply_changes(model, changes: dict, where: str) -> None:
        if not changes:
            raise InvalidInput(f"{where}: nothing to change")
        for field, value in changes.items():
            if field == "id" or field not in type(model).model_fields:
                raise InvalidInput(f"{where}: {field!r} is not a field that can be edited")
            try:
                setattr(model, field, value)
            except ValidationError as exc:
                raise InvalidInput(f"{where}: {field}: {exc.errors()[0]['msg']}") from exc

    # ------------------------------------------------------------ internals: reading

    @staticmethod
    def _bank_row(session: Session, bank_id: int, for_update: bool = False) -> BankRow:
        query = select(BankRow).where(BankRow.id == bank_id)
        if for_update:
            query = query.with_for_update()  # PostgreSQL: two editors of one bank take turns
        row = session.execute(query).scalar_one_or_none()
        if row is None:
            raise NotFound(f"no bank with id {bank_id}")
        return row

    @staticmethod
    def _version_row(session: Session, bank_id: int, version: int) -> BankVersionRow:
        row = session.execute(select(BankVersionRow).where(
            BankVersionRow.bank_id == bank_id, BankVersionRow.version == version)).scalar_one_or_none()
        if row is None:
            raise NotFound(f"bank {bank_id} has no version {version}")
        return row

    @staticmethod
    def _question_in(bank: Bank, bank_id: int, question_id: str) -> Question:
        try:
            return bank.question(question_id)
        except KeyError:
            raise NotFound(f"bank {bank_id} has no question {question_id!r}") from None

    @staticmethod
    def _bank_ids_tagged(tag: str) -> Select:
        return select(BankTagRow.bank_id).join(TagRow, TagRow.id == BankTagRow.tag_id).where(TagRow.name == tag)

    def _current_questions(self, bank_id: int | None = None, kind: str | None = None, category: str | None = None,
                           points: float | None = None, tag: str | None = None) -> Select:
        """Question rows of the current version of every non-deleted bank, with their bank and section."""
        query = (
            select(QuestionRow, SectionRow, BankRow)
            .join(SectionRow, SectionRow.id == QuestionRow.section_id)
            .join(BankVersionRow, BankVersionRow.id == QuestionRow.bank_version_id)
            .join(BankRow, and_(BankRow.id == BankVersionRow.bank_id, BankRow.current_version == BankVersionRow.version))
            .where(BankRow.deleted_at.is_(None))
        )
        if bank_id is not None:
            query = query.where(BankRow.id == bank_id)
        if kind is not None:
            query = query.where(QuestionRow.kind == kind)
        if category is not None:
            query = query.where(SectionRow.category == category)
        if points is not None:
            query = query.where(QuestionRow.points == float(points))
        if tag is not None:
            query = query.where(BankRow.id.in_(self._bank_ids_tagged(tag)))
        return query

    def _hits(self, session: Session, rows, relevance: dict[int, float]) -> list[QuestionHit]:
        question_ids = [q.id for q, _, _ in rows]
        key_point_counts = dict(session.execute(
            select(KeyPointRow.question_row_id, func.count()).where(KeyPointRow.question_row_id.in_(question_ids))
            .group_by(KeyPointRow.question_row_id)).all()) if question_ids else {}
        tags = self._tags_of(session, {bank.id for _, _, bank in rows})
        return [
            QuestionHit(bank_id=bank.id, bank_title=bank.title, version=bank.current_version,
                        section_index=section.position, section_title=section.title, category=section.category,
                        question_id=q.question_id, number=q.number, kind=q.kind, label=q.label, prompt=q.prompt,
                        points=q.points, key_point_count=key_point_counts.get(q.id, 0), tags=tags.get(bank.id, []),
                        relevance=relevance.get(q.id, 0.0))
            for q, section, bank in rows
        ]

    @staticmethod
    def _tags_of(session: Session, bank_ids: set[int]) -> dict[int, list[str]]:
        if not bank_ids:
            return {}
        result: dict[int, list[str]] = {}
        for bank_id, name in session.execute(
            select(BankTagRow.bank_id, TagRow.name).join(TagRow, TagRow.id == BankTagRow.tag_id)
            .where(BankTagRow.bank_id.in_(bank_ids)).order_by(TagRow.name)
        ):
            result.setdefault(bank_id, []).append(name)
        return result

    def _summaries(self, session: Session, bank_ids: list[int]) -> list[BankSummary]:
        if not bank_ids:
            return []
        banks = {b.id: b for b in session.scalars(select(BankRow).where(BankRow.id.in_(bank_ids)))}
        version_counts = dict(session.execute(
            select(BankVersionRow.bank_id, func.count()).where(BankVersionRow.bank_id.in_(bank_ids))
            .group_by(BankVersionRow.bank_id)).all())
        current = (
            select(BankVersionRow.bank_id, func.count(QuestionRow.id), func.coalesce(func.sum(QuestionRow.points), 0.0))
            .join(BankRow, and_(BankRow.id == BankVersionRow.bank_id, BankRow.current_version == BankVersionRow.version))
            .outerjoin(QuestionRow, QuestionRow.bank_version_id == BankVersionRow.id)
            .where(BankVersionRow.bank_id.in_(bank_ids)).group_by(BankVersionRow.bank_id)
        )
        sizes = {bank_id: (n, float(total)) for bank_id, n, total in session.execute(current)}
        tags = self._tags_of(session, set(bank_ids))
        return [
            BankSummary(bank_id=b.id, title=b.title, source=b.source, current_version=b.current_version,
                        version_count=version_counts.get(b.id, 0), question_count=sizes.get(b.id, (0, 0.0))[0],
                        total_points=sizes.get(b.id, (0, 0.0))[1], tags=tags.get(b.id, []),
                        deleted=b.deleted_at is not None, created_at=b.created_at, updated_at=b.updated_at)
            for b in (banks[i] for i in bank_ids)
        ]

    def _current_question_texts(self) -> tuple[list[QuestionHit], list[QuestionText]]:
        with self.db.reading() as session:
            rows = session.execute(
                self._current_questions().order_by(BankRow.id, SectionRow.position, QuestionRow.position)).all()
            hits = self._hits(session, rows, relevance={})
        # Texts come from the Bank JSON: it keeps what the rows do not (key-point groups).
        banks = {bank_id: self.get_bank(bank_id) for bank_id in dict.fromkeys(h.bank_id for h in hits)}
        texts = [QuestionText.of(banks[h.bank_id].question(h.question_id)) for h in hits]
        return hits, texts

    def _decisions(self) -> dict[tuple, str]:
        with self.db.reading() as session:
            return {
                ((r.a_bank_id, r.a_question_id), (r.b_bank_id, r.b_question_id)): r.decision
                for r in session.scalars(select(DuplicateDecisionRow))
            }


def _pair_key(a: QuestionHit, b: QuestionHit) -> tuple:
    return tuple(sorted([(a.bank_id, a.question_id), (b.bank_id, b.question_id)]))
