"""Accounts: teams, users and their roles, signed-in browser sessions, API tokens, site settings,
and which team owns which bank, paper and session.

    accounts = Accounts(db)
    admin = accounts.add_user("admin", "a long passphrase", role="admin")
    user = accounts.authenticate("admin", "a long passphrase")      # None when wrong
    raw = accounts.start_login_session(user.id)                    # goes into the signed cookie
    accounts.login_session_user(raw)                               # → the same user, until it expires

Passwords are hashed with argon2id (argon2-cffi, memory-hard); session ids and API tokens are
random and stored only as sha256 (they are long and random, so a fast hash is enough).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select, update

from kaoguan.store.database import Database
from kaoguan.store.errors import InvalidInput, NotFound
from kaoguan.store.schema import (
    ApiTokenRow,
    BankRow,
    LoginSessionRow,
    PaperRow,
    SessionRow,
    SettingRow,
    TeamRow,
    UserRow,
    utcnow,
)

ROLES = ("admin", "owner", "interviewer")
ROLE_LABELS = {"admin": "管理员", "owner": "题库负责人", "interviewer": "面试官"}
MIN_PASSWORD_LENGTH = 10
LOGIN_SESSION_LIFETIME = timedelta(hours=12)
_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class User:
    id: int
    username: str
    role: str
    team_id: int | None
    team: str | None
    active: bool

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def role_label(self) -> str:
        return ROLE_LABELS.get(self.role, self.role)


@dataclass(frozen=True)
class ApiToken:
    id: int
    name: str
    username: str
    created_at: object
    revoked: bool


@dataclass(frozen=True)
class SessionAccess:
    """What decides who may see a candidate session: its paper's team and its interviewer."""

    session_id: int
    paper_id: int
    team_id: int | None
    interviewer_id: int | None
    candidate_id: int


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(f"password: at least {MIN_PASSWORD_LENGTH} characters (a passphrase is easiest)")


class Accounts:
    def __init__(self, db: Database) -> None:
        self.db = db

    # ------------------------------------------------------------ teams and users

    def team_id(self, name: str, create: bool = True) -> int:
        name = name.strip()
        if not name:
            raise InvalidInput("team: the name is empty")
        with self.db.transaction() as session:
            row = session.scalars(select(TeamRow).where(TeamRow.name == name)).first()
            if row is None:
                if not create:
                    raise NotFound(f"team {name!r} does not exist")
                row = TeamRow(name=name)
                session.add(row)
                session.flush()
            return row.id

    def has_users(self) -> bool:
        with self.db.reading() as session:
            return session.scalars(select(UserRow.id).limit(1)).first() is not None

    def add_user(self, username: str, password: str, role: str, team: str | None = None) -> User:
        username = username.strip()
        if not username or len(username) > 100 or any(c.isspace() for c in username):
            raise InvalidInput(f"user name {username!r}: 1–100 characters without spaces")
        if role not in ROLES:
            raise InvalidInput(f"role {role!r}: one of {', '.join(ROLES)}")
        if role != "admin" and not (team or "").strip():
            raise InvalidInput(f"user {username}: a {role} belongs to a team; give --team")
        check_password(password)
        team_id = self.team_id(team) if team and team.strip() else None
        with self.db.transaction() as session:
            if session.scalars(select(UserRow.id).where(UserRow.username == username)).first() is not None:
                raise InvalidInput(f"user {username!r} already exists")
            row = UserRow(username=username, role=role, team_id=team_id, password_hash=_hasher.hash(password))
            session.add(row)
            session.flush()
            user_id = row.id
        return self.get_user(user_id)

    def set_password(self, username: str, password: str) -> User:
        check_password(password)
        with self.db.transaction() as session:
            row = self._user_row(session, username)
            row.password_hash = _hasher.hash(password)
            row.updated_at = utcnow()
            # A new password signs the user out everywhere: an old cookie may be why it changed.
            session.execute(delete(LoginSessionRow).where(LoginSessionRow.user_id == row.id))
            user_id = row.id
        return self.get_user(user_id)

    def set_active(self, username: str, active: bool) -> User:
        with self.db.transaction() as session:
            row = self._user_row(session, username)
            row.active = active
            row.updated_at = utcnow()
            if not active:
                session.execute(delete(LoginSessionRow).where(LoginSessionRow.user_id == row.id))
            user_id = row.id
        return self.get_user(user_id)

    def list_users(self) -> list[User]:
        with self.db.reading() as session:
            rows = session.execute(select(UserRow, TeamRow.name).outerjoin(TeamRow, TeamRow.id == UserRow.team_id)
                                   .order_by(UserRow.username)).all()
            return [_user(row, team) for row, team in rows]

    def get_user(self, user_id: int) -> User:
        with self.db.reading() as session:
            found = session.execute(select(UserRow, TeamRow.name).outerjoin(TeamRow, TeamRow.id == UserRow.team_id)
                                    .where(UserRow.id == user_id)).first()
            if found is None:
                raise NotFound(f"user {user_id} does not exist")
            return _user(*found)

    def find_user(self, username: str) -> User:
        with self.db.reading() as session:
            return self.get_user(self._user_row(session, username).id)

    @staticmethod
    def _user_row(session, username: str) -> UserRow:
        row = session.scalars(select(UserRow).where(UserRow.username == username.strip())).first()
        if row is None:
            raise NotFound(f"user {username!r} does not exist")
        return row

    def authenticate(self, username: str, password: str) -> User | None:
        """The user when the password is right and the account active; None otherwise. Unknown
        names cost a hash too, so timing does not tell which user names exist."""
        with self.db.reading() as session:
            row = session.scalars(select(UserRow).where(UserRow.username == username.strip())).first()
        if row is None:
            _hasher.hash(password)
            return None
        try:
            _hasher.verify(row.password_hash, password)
        except (VerificationError, InvalidHashError):
            return None
        if not row.active:
            return None
        if _hasher.check_needs_rehash(row.password_hash):
            with self.db.transaction() as session:
                session.execute(update(UserRow).where(UserRow.id == row.id)
                                .values(password_hash=_hasher.hash(password)))
        return self.get_user(row.id)

    # ------------------------------------------------------------ browser sessions

    def start_login_session(self, user_id: int, lifetime: timedelta = LOGIN_SESSION_LIFETIME) -> str:
        raw = secrets.token_urlsafe(32)
        with self.db.transaction() as session:
            now = utcnow()
            session.execute(delete(LoginSessionRow).where(LoginSessionRow.expires_at < now))
            session.add(LoginSessionRow(token_hash=sha256(raw), user_id=user_id, expires_at=now + lifetime))
        return raw

    def login_session_user(self, raw: str) -> User | None:
        with self.db.reading() as session:
            row = session.scalars(select(LoginSessionRow).where(LoginSessionRow.token_hash == sha256(raw))).first()
            if row is None or row.expires_at < utcnow():
                return None
            user_id = row.user_id
        user = self.get_user(user_id)
        return user if user.active else None

    def end_login_session(self, raw: str) -> None:
        with self.db.transaction() as session:
            session.execute(delete(LoginSessionRow).where(LoginSessionRow.token_hash == sha256(raw)))

    # ------------------------------------------------------------ API tokens

    def create_api_token(self, user_id: int, name: str) -> tuple[ApiToken, str]:
        """A new token for scripts; the clear text is returned once and never stored."""
        name = name.strip() or "script"
        raw = "kg_" + secrets.token_urlsafe(32)
        with self.db.transaction() as session:
            row = ApiTokenRow(token_hash=sha256(raw), user_id=user_id, name=name[:100])
            session.add(row)
            session.flush()
            token_id = row.id
        return self._token(token_id), raw

    def api_token_user(self, raw: str) -> User | None:
        with self.db.reading() as session:
            row = session.scalars(select(ApiTokenRow).where(ApiTokenRow.token_hash == sha256(raw))).first()
            if row is None or row.revoked_at is not None:
                return None
            user_id = row.user_id
        user = self.get_user(user_id)
        return user if user.active else None

    def api_tokens(self, user_id: int | None = None) -> list[ApiToken]:
        with self.db.reading() as session:
            query = select(ApiTokenRow.id).order_by(ApiTokenRow.id)
            if user_id is not None:
                query = query.where(ApiTokenRow.user_id == user_id)
            ids = list(session.scalars(query))
        return [self._token(token_id) for token_id in ids]

    def revoke_api_token(self, token_id: int, user_id: int | None = None) -> ApiToken:
        """Revoke a token; with `user_id`, only that user's own token (others look absent)."""
        with self.db.transaction() as session:
            row = session.get(ApiTokenRow, token_id)
            if row is None or (user_id is not None and row.user_id != user_id):
                raise NotFound(f"API token {token_id} does not exist")
            row.revoked_at = row.revoked_at or utcnow()
        return self._token(token_id)

    def _token(self, token_id: int) -> ApiToken:
        with self.db.reading() as session:
            row, username = session.execute(select(ApiTokenRow, UserRow.username)
                                            .join(UserRow, UserRow.id == ApiTokenRow.user_id)
                                            .where(ApiTokenRow.id == token_id)).one()
            return ApiToken(id=row.id, name=row.name, username=username, created_at=row.created_at,
                            revoked=row.revoked_at is not None)

    # ------------------------------------------------------------ settings

    def setting(self, key: str, default: str | None = None) -> str | None:
        with self.db.reading() as session:
            row = session.get(SettingRow, key)
            return row.value if row is not None else default

    def set_setting(self, key: str, value: str) -> None:
        with self.db.transaction() as session:
            row = session.get(SettingRow, key)
            if row is None:
                session.add(SettingRow(key=key, value=value))
            else:
                row.value = value

    def secret_key(self) -> str:
        """The cookie-signing key, made once per database: sign-ins survive a restart."""
        existing = self.setting("session_secret")
        if existing:
            return existing
        self.set_setting("session_secret", secrets.token_hex(32))
        return self.setting("session_secret") or ""

    # ------------------------------------------------------------ ownership

    def bank_access(self, bank_id: int) -> tuple[int | None, bool]:
        """(owning team, public) of a bank; NotFound when there is no such bank."""
        with self.db.reading() as session:
            row = session.get(BankRow, bank_id)
            if row is None:
                raise NotFound(f"bank {bank_id} does not exist")
            return row.team_id, bool(row.public)

    def bank_teams(self) -> dict[int, tuple[int | None, bool]]:
        """Every bank's (team, public), for filtering lists in one query."""
        with self.db.reading() as session:
            return {bank_id: (team, bool(public))
                    for bank_id, team, public in session.execute(select(BankRow.id, BankRow.team_id, BankRow.public))}

    def claim_bank(self, bank_id: int, team_id: int | None) -> None:
        """Give an unowned bank to a team (an owned bank keeps its team)."""
        if team_id is None:
            return
        with self.db.transaction() as session:
            session.execute(update(BankRow).where(BankRow.id == bank_id, BankRow.team_id.is_(None))
                            .values(team_id=team_id))

    def set_bank_public(self, bank_id: int, public: bool) -> None:
        with self.db.transaction() as session:
            row = session.get(BankRow, bank_id)
            if row is None:
                raise NotFound(f"bank {bank_id} does not exist")
            row.public = public

    def paper_team(self, paper_id: int) -> int | None:
        with self.db.reading() as session:
            row = session.get(PaperRow, paper_id)
            if row is None:
                raise NotFound(f"paper {paper_id} does not exist")
            return row.team_id

    def paper_teams(self) -> dict[int, int | None]:
        with self.db.reading() as session:
            return dict(session.execute(select(PaperRow.id, PaperRow.team_id)).all())

    def set_paper_team(self, paper_id: int, team_id: int | None) -> None:
        with self.db.transaction() as session:
            session.execute(update(PaperRow).where(PaperRow.id == paper_id).values(team_id=team_id))

    def session_access(self, session_id: int) -> SessionAccess:
        with self.db.reading() as session:
            found = session.execute(select(SessionRow, PaperRow.team_id).join(PaperRow, PaperRow.id == SessionRow.paper_id)
                                    .where(SessionRow.id == session_id)).first()
            if found is None:
                raise NotFound(f"session {session_id} does not exist")
            row, team_id = found
            return SessionAccess(session_id=row.id, paper_id=row.paper_id, team_id=team_id,
                                 interviewer_id=row.interviewer_id, candidate_id=row.candidate_id)

    def sessions_access(self) -> dict[int, SessionAccess]:
        with self.db.reading() as session:
            return {row.id: SessionAccess(session_id=row.id, paper_id=row.paper_id, team_id=team_id,
                                          interviewer_id=row.interviewer_id, candidate_id=row.candidate_id)
                    for row, team_id in session.execute(select(SessionRow, PaperRow.team_id)
                                                        .join(PaperRow, PaperRow.id == SessionRow.paper_id))}

    def candidate_sessions_access(self, candidate_id: int) -> list[SessionAccess]:
        """Who may see each of one candidate's sessions (empty: no such candidate, or no session)."""
        with self.db.reading() as session:
            rows = session.execute(select(SessionRow, PaperRow.team_id).join(PaperRow, PaperRow.id == SessionRow.paper_id)
                                   .where(SessionRow.candidate_id == candidate_id))
            return [SessionAccess(session_id=row.id, paper_id=row.paper_id, team_id=team_id,
                                  interviewer_id=row.interviewer_id, candidate_id=row.candidate_id)
                    for row, team_id in rows]

    def assign_interviewer(self, session_id: int, user_id: int | None) -> None:
        if user_id is not None:
            user = self.get_user(user_id)
            access = self.session_access(session_id)
            if user.role != "interviewer" or (access.team_id is not None and user.team_id != access.team_id):
                raise InvalidInput(f"session {session_id}: {user.username} is not an interviewer of the paper's team")
        with self.db.transaction() as session:
            row = session.get(SessionRow, session_id)
            if row is None:
                raise NotFound(f"session {session_id} does not exist")
            row.interviewer_id = user_id


def _user(row: UserRow, team: str | None) -> User:
    return User(id=row.id, username=row.username, role=row.role, team_id=row.team_id, team=team,
                active=bool(row.active))
