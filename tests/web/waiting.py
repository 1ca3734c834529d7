"""Waiting for background work in web tests (scoring runs outside the request)."""

import time


def wait_scored(client, session_id: int, seconds: float = 60) -> dict:
    """Submitted answers are scored in the background; wait until the sheet has every score."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        sheet = client.get(f"/api/v1/sessions/{session_id}/sheet").json()
        if all(item["auto"]["status"] == "done" for item in sheet["items"]):
            return sheet
        time.sleep(0.1)
    raise AssertionError(f"session {session_id} was not scored within {seconds}s")
