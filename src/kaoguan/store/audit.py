"""The audit log: who imported, edited, exported, viewed a candidate report, changed a score,
changed a user, or exported/deleted a candidate's data.

    AuditLog(db).record(actor, "bank.edit", "bank", 3, {"question": "s1-q2"})

`detail` holds ids and field names only, never answer text or candidate names: a deletion on
request must not leave the deleted data behind in the log.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from kaoguan.store.database import Database
from kaoguan.store.schema import AuditRow, utcnow

ACTION_LABELS = {
    "bank.import": "导入题库", "bank.create": "保存题库", "bank.edit": "修改题库", "bank.delete": "删除题库",
    "bank.export": "导出题库", "bank.visibility": "修改题库公开设置", "bank.tags": "修改标签",
    "bank.merge": "合并重复题", "paper.create": "组卷", "session.invite": "邀请候选人",
    "session.assign": "指派面试官", "report.view": "查看候选人报告", "report.export": "导出成绩",
    "score.run": "运行自动评分", "score.rate": "修改评分", "user.add": "新增用户", "user.password": "修改密码",
    "user.active": "启用/停用用户", "token.create": "创建 API 令牌", "token.revoke": "吊销 API 令牌",
    "login": "登录", "login.failed": "登录失败", "candidate.export": "导出候选人数据",
    "candidate.delete": "删除候选人数据", "retention.purge": "按保留期清理", "settings.retention": "修改保留期",
}


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    action: str
    object_type: str
    object_id: str | None
    detail: dict[str, Any]

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)


class AuditLog:
    def __init__(self, db: Database) -> None:
        self.db = db

    def record(self, actor: str, action: str, object_type: str, object_id: Any = None,
               detail: dict[str, Any] | None = None, actor_id: int | None = None) -> None:
        with self.db.transaction() as session:
            session.add(AuditRow(at=utcnow(), actor_id=actor_id, actor=actor[:100], action=action,
                                 object_type=object_type, object_id=None if object_id is None else str(object_id),
                                 detail=json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)))

    def entries(self, action: str | None = None, object_type: str | None = None, object_id: Any = None,
                limit: int = 200) -> list[AuditEntry]:
        """Newest first."""
        query = select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)
        if action:
            query = query.where(AuditRow.action == action)
        if object_type:
            query = query.where(AuditRow.object_type == object_type)
        if object_id is not None:
            query = query.where(AuditRow.object_id == str(object_id))
        with self.db.reading() as session:
            return [AuditEntry(id=r.id, at=r.at, actor=r.actor, action=r.action, object_type=r.object_type,
                               object_id=r.object_id, detail=json.loads(r.detail or "{}"))
                    for r in session.scalars(query)]
