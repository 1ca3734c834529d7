"""kaoguan.web: the browser pages and the REST API (/api/v1).

    from kaoguan.web import create_app
    app = create_app("sqlite:///kaoguan.db")   # or None for the store's default database
"""

from kaoguan.web.app import API_PREFIX, create_app

__all__ = ["API_PREFIX", "create_app"]
