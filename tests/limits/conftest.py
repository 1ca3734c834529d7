# The web tests' app, client (signed in as admin) and real scorer, for the HTTP checks here.
from tests.web.conftest import client, scorer  # noqa: F401
