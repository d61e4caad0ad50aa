"""Authentication of the API fuzzing run (scripts/schemathesis.sh).

Every request carries a bearer token of the demo administrator, fetched through the API itself.
`POST /api/v1/auth/logout` revokes the token it is called with, so it gets a fresh token of its
own each time and the shared one stays valid for the other operations.
"""

import json
import os
import urllib.request

import schemathesis

BASE = os.environ["MOTCUA_API"]
CREDENTIALS = json.dumps(
    {"username": os.environ["MOTCUA_USER"], "password": os.environ["MOTCUA_PASSWORD"]}
).encode()
LOGOUT = "/api/v1/auth/logout"


def new_token() -> str:
    request = urllib.request.Request(
        f"{BASE}/api/v1/auth/token",
        data=CREDENTIALS,
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.load(answer)["token"]


@schemathesis.auth()
class Bearer:
    def get(self, case, ctx):
        return new_token()

    def set(self, case, data, ctx):
        token = new_token() if ctx.operation.path == LOGOUT else data
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}
