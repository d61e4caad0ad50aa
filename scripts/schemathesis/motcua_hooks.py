"""Accounts and real identifiers for the API fuzzing run (scripts/schemathesis.sh).

Each request carries the bearer token of a demo account that may use the operation (the desk
officer receives dossiers, the staff of the ward act on them, reform officers read reports, the
administrator changes the calendar), fetched through the API itself. `POST /api/v1/auth/logout`
revokes the token it is called with, so it gets a fresh token of its own each time.

Half of the generated cases are pointed at data that exists: real dossier and procedure codes in
paths and bodies, a report period written as the server expects. Schemathesis validates the
modified cases again, so a case made valid is no longer counted as invalid input.
"""

import atexit
import datetime
import json
import os
import random
import urllib.request

import schemathesis

BASE = os.environ["MOTCUA_API"]
LOGOUT = "/api/v1/auth/logout"
RNG = random.Random(20261125)


def demo_accounts(log_path: str) -> dict[str, str]:
    """The accounts the demo printed once: `  <user> <password> <role> — <unit>`."""
    accounts = {}
    with open(log_path, encoding="utf-8") as log:
        for line in log:
            words = line.split()
            if line.startswith("  ") and len(words) >= 4 and "—" in words:
                accounts[words[0]] = words[1]
    return accounts


ACCOUNTS = demo_accounts(os.environ["MOTCUA_DEMO_LOG"])
TOKENS: dict[str, str] = {}


def call(method: str, path: str, token: str | None = None, body: dict | None = None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(BASE + path, data=data, headers=headers, method=method)
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.load(answer)


def new_token(user: str) -> str:
    credentials = {"username": user, "password": ACCOUNTS[user]}
    return call("POST", "/api/v1/auth/token", body=credentials)["token"]


def token(user: str) -> str:
    if user not in TOKENS:
        TOKENS[user] = new_token(user)
    return TOKENS[user]


def user_for(path: str, method: str) -> str:
    if path.startswith("/api/v1/reports"):
        return RNG.choice(["cchc", "quantri", "lanhdao"])
    if path == "/api/v1/dossiers" and method == "POST":
        return "tiepnhan"
    if path.startswith("/api/v1/dossiers"):
        return RNG.choice(["tiepnhan", "chuyenvien", "lanhdao", "vanthu"])
    return "quantri"


@schemathesis.auth()
class Accounts:
    def get(self, case, ctx):
        return "accounts"

    def set(self, case, data, ctx):
        operation = ctx.operation
        if operation.path == LOGOUT:
            bearer = new_token("quantri")
        else:
            bearer = token(user_for(operation.path, operation.method.upper()))
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {bearer}"}


DOSSIERS = [d["code"] for d in call("GET", "/api/v1/dossiers?limit=200", token("lanhdao"))["items"]]
PROCEDURES = [p["code"] for p in call("GET", "/api/v1/procedures")["items"]]
YEAR = datetime.date.today().year
PERIODS = [f"year:{YEAR}", f"calendar-year:{YEAR}", f"month:{YEAR}-6", f"calendar-quarter:{YEAR - 1}-4"]


@schemathesis.hook
def map_case(ctx, case):
    operation = case.operation
    path, method = operation.path, operation.method.upper()
    params = case.path_parameters
    if params and "code" in params and RNG.random() < 0.5:
        pool = PROCEDURES if path.startswith("/api/v1/procedures/") else DOSSIERS
        if pool:
            case.path_parameters = {**params, "code": RNG.choice(pool)}
    if path.startswith("/api/v1/reports") and isinstance(case.query, dict) and RNG.random() < 0.5:
        query = {k: v for k, v in case.query.items() if k not in ("from", "to")}
        query["period"] = RNG.choice(PERIODS)
        case.query = query
    if path == "/api/v1/dossiers" and method == "POST" and isinstance(case.body, dict) and RNG.random() < 0.5:
        body = {k: v for k, v in case.body.items() if k not in ("receiving_unit", "competent_unit")}
        body["procedure_code"] = RNG.choice(PROCEDURES)
        case.body = body
    return case


STATUSES: dict[str, dict[int, int]] = {}


@schemathesis.hook
def after_call(ctx, case, response):
    key = f"{case.operation.method.upper()} {case.operation.path}"
    counts = STATUSES.setdefault(key, {})
    counts[response.status_code] = counts.get(response.status_code, 0) + 1


@atexit.register
def print_statuses():
    print("statuses per operation:")
    for key in sorted(STATUSES):
        counts = ", ".join(f"{status}×{n}" for status, n in sorted(STATUSES[key].items()))
        print(f"  {key}: {counts}")
