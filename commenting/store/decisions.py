"""Review work on findings: 不采纳 with a reason, 采纳全部 in one batch, their undo, their counts;
and a comment's versions with restore. Mixed into :class:`commenting.store.api.Store`.

A finding is named by :func:`commenting.comments.finding_key` (rule, article, sub, address,
quote), because a review run replaces a draft's findings whole. Decisions are rows of
``finding_decisions``; undoing one sets its ``undone_at``/``undone_by`` and keeps the row, so the
record of who decided what, when, and who took it back stays complete.

A finding is *adopted* while a live (not 撤回) comment of the draft carries its key (also a comment
carried from an earlier round); it is *rejected* (不采纳) while a 不采纳 row for its key stands.

Search: a standing 不采纳 is indexed in its own FTS table ``decisions_fts`` (reason, quote,
message; see :func:`commenting.store.fts.index_decision`), not in ``comments_fts``, whose rowids
are comment ids and whose hits are comments to reuse. :func:`commenting.search.search_rejected`
queries it with the same segmenter.

Counts (:meth:`DecisionsMixin.decision_counts`): 采纳 counts recorded adoptions whose comment is
still live, 不采纳 the standing rejections, each once per finding.
"""
from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from commenting.comments import AdoptionPlan, FindingKey, comment_from_finding, finding_key, plan_adoption
from commenting.errors import StoreError
from commenting.model import Comment, Finding
from commenting.store import fts
from commenting.store.codec import comment_from_json, now

#: the fields a restore brings back from an earlier version (the status is the review's progress,
#: not the comment's wording: restoring a wording does not re-adopt or withdraw it)
RESTORED_FIELDS = ("kind", "original", "proposed", "reason", "basis")

_DECISION_COLUMNS = ("id, draft_id, rule, article, sub, address, quote, message, suggestion, decision, reason,"
                     " comment_id, batch_id, author, at, undone_at, undone_by")


@dataclass
class FindingDecision:
    """One decision on a finding: 采纳 (``comment_id`` the comment it made) or 不采纳 (``reason``)."""

    id: int
    draft_id: int
    rule: str
    article: int
    sub: int
    address: str
    quote: str
    message: str
    suggestion: str
    decision: str
    reason: str
    comment_id: int | None
    batch_id: int | None
    author: str
    at: str
    undone_at: str | None = None
    undone_by: str | None = None

    @property
    def key(self) -> FindingKey:
        return (self.rule, self.article, self.sub, self.address, self.quote)


@dataclass
class AdoptionBatch:
    """One 「采纳全部」: the findings it adopted (``comment_ids``), how many it skipped, its undo."""

    id: int
    draft_id: int
    scope: str  # the unit address of 「本条采纳全部」, "" for the whole draft
    author: str
    at: str
    skipped: int
    comment_ids: list[int]
    undone_at: str | None = None
    undone_by: str | None = None


class DecisionsMixin:
    """Store methods of the review work (see the module docstring). Relies on the Store's
    ``conn``, ``transaction``, ``_one``, ``get_draft``, ``get_draft_info``, ``add_comment``,
    ``get_comment``, ``update_comment`` and ``get_comment_version``."""

    conn: sqlite3.Connection
    transaction: Callable[[], AbstractContextManager[sqlite3.Connection]]
    _one: Callable[..., Any]

    # ------------------------------------------------------------ state of a draft's findings

    def adopted_keys(self, draft_id: int) -> set[FindingKey]:
        """Keys of the findings a live comment of the draft was adopted from."""
        rows = self.conn.execute(
            "SELECT finding_rule, article, sub, coalesce(address, ''), quote FROM comments"
            " WHERE draft_id=? AND finding_rule IS NOT NULL AND status != '撤回'",
            (draft_id,),
        )
        return {tuple(r) for r in rows}

    def finding_decisions(self, draft_id: int, include_undone: bool = False) -> list[FindingDecision]:
        """The draft's decisions, oldest first; without ``include_undone`` only those that stand."""
        sql = f"SELECT {_DECISION_COLUMNS} FROM finding_decisions WHERE draft_id=?"
        if not include_undone:
            sql += " AND undone_at IS NULL"
        return [FindingDecision(*r) for r in self.conn.execute(sql + " ORDER BY id", (draft_id,))]

    def rejections(self, draft_id: int) -> dict[FindingKey, FindingDecision]:
        """The standing 不采纳 of the draft by finding key."""
        return {d.key: d for d in self.finding_decisions(draft_id) if d.decision == "不采纳"}

    def get_decision(self, decision_id: int) -> FindingDecision:
        """One decision.

        Raises:
            StoreError: no decision has this id.
        """
        row = self._one(f"SELECT {_DECISION_COLUMNS} FROM finding_decisions WHERE id=?", (decision_id,))
        if row is None:
            raise StoreError(f"审查发现的处理记录不存在（编号 {decision_id}）")
        return FindingDecision(*row)

    def get_decisions(self, ids: Iterable[int]) -> dict[int, FindingDecision]:
        """Many decisions by id; ids that do not exist are absent."""
        ids = list(ids)
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(f"SELECT {_DECISION_COLUMNS} FROM finding_decisions WHERE id IN ({marks})", ids)
        return {r[0]: FindingDecision(*r) for r in rows}

    def _insert_decision(self, conn: sqlite3.Connection, draft_id: int, finding: Finding, decision: str, *,
                         author: str, at: str, reason: str = "", comment_id: int | None = None,
                         batch_id: int | None = None) -> int:
        rule, article, sub, address, quote = finding_key(finding)
        cur = conn.execute(
            "INSERT INTO finding_decisions (draft_id, rule, article, sub, address, quote, message, suggestion,"
            " decision, reason, comment_id, batch_id, author, at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (draft_id, rule, article, sub, address, quote, finding.message or "", finding.suggestion or "",
             decision, reason, comment_id, batch_id, author, at),
        )
        return cur.lastrowid

    def _refuse_decided(self, draft_id: int, finding: Finding) -> None:
        key = finding_key(finding)
        if key in self.adopted_keys(draft_id):
            raise StoreError("该审查发现已采纳；如不采纳，请先将由它生成的意见撤回")
        if key in self.rejections(draft_id):
            raise StoreError("该审查发现已标记为不采纳；如需采纳，请先撤销不采纳")

    # ------------------------------------------------------------ 采纳 / 不采纳 one finding

    def adopt_finding(self, draft_id: int, finding: Finding, author: str) -> Comment:
        """Turn a review finding into a 采纳 comment on the same article (the conversion itself is
        :func:`commenting.comments.comment_from_finding`) and record the adoption.

        Returns:
            The new comment, its history noting 「采纳审查发现 <rule>」.

        Raises:
            StoreError: unknown draft; the finding is marked 不采纳.
        """
        fts.segmenter()  # loaded before the write lock is taken
        document = self.get_draft(draft_id).document
        with self.transaction() as conn:
            if finding_key(finding) in self.rejections(draft_id):
                raise StoreError("该审查发现已标记为不采纳；如需采纳，请先撤销不采纳")
            comment = self._adopt(conn, draft_id, document, finding, author, None)
        return comment

    def _adopt(self, conn: sqlite3.Connection, draft_id: int, document, finding: Finding, author: str,
               batch_id: int | None) -> Comment:
        comment = comment_from_finding(finding, document, author)
        comment.draft_id = draft_id
        saved = self.add_comment(comment, note=f"采纳审查发现 {finding.rule}")
        self._insert_decision(conn, draft_id, finding, "采纳", author=author, at=saved.created_at,
                              comment_id=saved.id, batch_id=batch_id)
        return saved

    def reject_finding(self, draft_id: int, finding: Finding, reason: str, author: str) -> FindingDecision:
        """Mark a finding 不采纳 with the reviewer's reason (kept, searchable, counted).

        Raises:
            StoreError: no reason given, unknown draft, or the finding is already adopted or rejected.
        """
        reason = (reason or "").strip()
        if not reason:
            raise StoreError("请填写不采纳的理由")
        fts.segmenter()
        with self.transaction() as conn:
            self.get_draft_info(draft_id)
            self._refuse_decided(draft_id, finding)
            did = self._insert_decision(conn, draft_id, finding, "不采纳", author=author, at=now(), reason=reason)
            fts.index_decision(conn, did)
        return self.get_decision(did)

    def undo_rejection(self, decision_id: int, author: str) -> FindingDecision:
        """Take back a 不采纳: the row stays (who undid it, when); the finding is open again.

        Raises:
            StoreError: no such decision, it is not a 不采纳, or it was already undone.
        """
        with self.transaction() as conn:
            d = self.get_decision(decision_id)
            if d.decision != "不采纳":
                raise StoreError("只能撤销「不采纳」的处理")
            if d.undone_at is not None:
                raise StoreError(f"该不采纳已于 {d.undone_at} 由 {d.undone_by or '未署名'} 撤销")
            conn.execute("UPDATE finding_decisions SET undone_at=?, undone_by=? WHERE id=?",
                         (now(), author, decision_id))
            fts.index_decision(conn, decision_id)
        return self.get_decision(decision_id)

    # ------------------------------------------------------------ 采纳全部 and its undo

    def adoption_plan(self, draft_id: int, findings: Iterable[Finding]) -> AdoptionPlan:
        """What 「采纳全部」 over ``findings`` would do now (the count shown before acting)."""
        decided = self.adopted_keys(draft_id) | set(self.rejections(draft_id))
        return plan_adoption(list(findings), decided)

    def adopt_findings(self, draft_id: int, findings: Iterable[Finding], author: str,
                       scope: str = "") -> tuple[AdoptionBatch | None, AdoptionPlan]:
        """「采纳全部」: adopt every finding with a wording that is not yet decided, in ONE
        transaction, as one batch that :meth:`undo_batch` takes back whole.

        Args:
            draft_id: the draft.
            findings: the findings of one article or of the whole draft.
            author: who adopts.
            scope: the unit address for one article, "" for the whole draft (kept with the batch).

        Returns:
            (the batch, or None when nothing was adoptable; the plan that was carried out).
        """
        fts.segmenter()
        findings = list(findings)
        document = self.get_draft(draft_id).document
        with self.transaction() as conn:
            plan = self.adoption_plan(draft_id, findings)
            if not plan.adopt:
                return None, plan
            at = now()
            bid = conn.execute(
                "INSERT INTO finding_batches (draft_id, scope, author, at, skipped) VALUES (?,?,?,?,?)",
                (draft_id, scope, author, at, len(plan.advice_only) + len(plan.decided)),
            ).lastrowid
            for f in plan.adopt:
                self._adopt(conn, draft_id, document, f, author, bid)
        return self.get_batch(bid), plan

    def get_batch(self, batch_id: int) -> AdoptionBatch:
        """One 「采纳全部」 batch with the comments it made.

        Raises:
            StoreError: no batch has this id.
        """
        row = self._one("SELECT id, draft_id, scope, author, at, skipped, undone_at, undone_by FROM finding_batches"
                        " WHERE id=?", (batch_id,))
        if row is None:
            raise StoreError(f"批量采纳记录不存在（编号 {batch_id}）")
        bid, draft_id, scope, author, at, skipped, undone_at, undone_by = row
        ids = [r[0] for r in self.conn.execute(
            "SELECT comment_id FROM finding_decisions WHERE batch_id=? AND comment_id IS NOT NULL ORDER BY id", (bid,))]
        return AdoptionBatch(id=bid, draft_id=draft_id, scope=scope, author=author, at=at, skipped=skipped,
                             comment_ids=ids, undone_at=undone_at, undone_by=undone_by)

    def list_batches(self, draft_id: int, include_undone: bool = False) -> list[AdoptionBatch]:
        """The draft's 「采纳全部」 batches, newest first."""
        sql = "SELECT id FROM finding_batches WHERE draft_id=?"
        if not include_undone:
            sql += " AND undone_at IS NULL"
        return [self.get_batch(r[0]) for r in self.conn.execute(sql + " ORDER BY id DESC", (draft_id,)).fetchall()]

    def undo_batch(self, batch_id: int, author: str) -> AdoptionBatch:
        """Take back one 「采纳全部」 whole: each comment it made is withdrawn (状态「撤回」, a new
        version with its history) and its adoption marked undone. Comments adopted otherwise are
        untouched; a comment of the batch already withdrawn stays as it is.

        Raises:
            StoreError: no such batch, or it was already undone.
        """
        fts.segmenter()
        with self.transaction() as conn:
            batch = self.get_batch(batch_id)
            if batch.undone_at is not None:
                raise StoreError(f"该批量采纳已于 {batch.undone_at} 由 {batch.undone_by or '未署名'} 撤销")
            at = now()
            for cid in batch.comment_ids:
                c = self.get_comment(cid)
                if c.status != "撤回":
                    self.update_comment(cid, c.version, author, status="撤回")
            conn.execute("UPDATE finding_decisions SET undone_at=?, undone_by=? WHERE batch_id=? AND undone_at IS NULL",
                         (at, author, batch_id))
            conn.execute("UPDATE finding_batches SET undone_at=?, undone_by=? WHERE id=?", (at, author, batch_id))
        return self.get_batch(batch_id)

    # ------------------------------------------------------------ counts (annual statistics)

    def decision_counts(self, consultation_id: int | None = None, year: int | None = None,
                        draft_id: int | None = None) -> dict[str, int]:
        """How many findings were adopted (采纳) and rejected (不采纳), each finding once.

        采纳: recorded adoptions not undone whose comment is not withdrawn; 不采纳: standing
        rejections. Comments written by hand are not findings and are not counted.

        Args:
            consultation_id: only this consultation's drafts (all rounds).
            year: only decisions made in this calendar year (by the decision's date).
            draft_id: only this draft round.

        Returns:
            ``{"采纳": n, "不采纳": m}``.
        """
        where = ["d.undone_at IS NULL", "(d.decision = '不采纳' OR c.status != '撤回')"]
        params: list[Any] = []
        if consultation_id is not None:
            where.append("r.consultation_id = ?")
            params.append(int(consultation_id))
        if draft_id is not None:
            where.append("d.draft_id = ?")
            params.append(int(draft_id))
        if year is not None:
            where.append("substr(d.at, 1, 4) = ?")
            params.append(f"{int(year):04d}")
        rows = self.conn.execute(
            "SELECT d.decision, count(DISTINCT d.draft_id || char(31) || d.rule || char(31) || d.article || char(31)"
            " || d.sub || char(31) || d.address || char(31) || d.quote)"
            " FROM finding_decisions d JOIN drafts r ON r.id = d.draft_id"
            " LEFT JOIN comments c ON c.id = d.comment_id"
            f" WHERE {' AND '.join(where)} GROUP BY d.decision",
            params,
        )
        counts = {"采纳": 0, "不采纳": 0}
        counts.update({decision: n for decision, n in rows})
        return counts

    # ------------------------------------------------------------ search of rejections

    def search_decision_ids(self, match: str | None, *, consultation_id: int | None = None,
                            limit: int = 20) -> list[int]:
        """Ids of standing 不采纳 whose reason, quote or message match the FTS5 expression
        ``match`` (:func:`commenting.search.match_expression`), newest first; without ``match``,
        the newest standing rejections."""
        params: list[Any] = []
        if match:
            sql = ("SELECT d.id FROM decisions_fts f CROSS JOIN finding_decisions d ON d.id = f.rowid"
                   " JOIN drafts r ON r.id = d.draft_id WHERE f.decisions_fts MATCH ?")
            params.append(match)
        else:
            sql = ("SELECT d.id FROM finding_decisions d JOIN drafts r ON r.id = d.draft_id"
                   " WHERE d.decision = '不采纳' AND d.undone_at IS NULL")
        if consultation_id is not None:
            sql += " AND r.consultation_id = ?"
            params.append(int(consultation_id))
        rows = self.conn.execute(sql + " ORDER BY d.id DESC LIMIT ?", (*params, int(limit)))
        return [r[0] for r in rows]

    # ------------------------------------------------------------ a comment's versions

    def comment_versions(self, comment_id: int) -> list[Comment]:
        """Every saved version of a comment, oldest first; each one's ``updated_by`` and
        ``updated_at`` say who saved it and when."""
        rows = self.conn.execute("SELECT data FROM comment_versions WHERE comment_id=? ORDER BY version",
                                 (comment_id,))
        return [comment_from_json(r[0]) for r in rows]

    def restore_comment_version(self, comment_id: int, version: int, expected_version: int,
                                author: str) -> Comment:
        """Bring back the wording of an earlier version as a NEW version (nothing is overwritten):
        the fields of :data:`RESTORED_FIELDS` are saved through ``update_comment`` with
        ``expected_version``, so an edit someone saved meanwhile is not lost but refused
        (StaleEditError), and the history notes 「恢复第 N 版」.

        Returns:
            The comment as stored afterwards (unchanged when that version equals the current one).

        Raises:
            StaleEditError: the comment is no longer at ``expected_version``.
            StoreError: unknown comment or version.
        """
        old = self.get_comment_version(comment_id, version)
        with self.transaction() as conn:
            saved = self.update_comment(comment_id, expected_version, author,
                                        **{f: getattr(old, f) for f in RESTORED_FIELDS})
            if saved.version != expected_version:
                conn.execute(
                    "INSERT INTO comment_history (comment_id, version, at, author, action, field, before, after)"
                    " VALUES (?,?,?,?,?,NULL,NULL,?)",
                    (comment_id, saved.version, saved.updated_at, author, "恢复", f"恢复第 {version} 版"),
                )
        return saved
