"""The simulated people: OPD operators filling their answers, Kanwil verifiers browsing.

Each operator works on its own agency's answers, as the browser does it: the same
URLs, the CSRF token, the answer's version for optimistic locking, htmx's header for
autosave. It records every value the server acknowledged, so that after the run the
database can be compared with what the clients were told was saved.

No Django here: this module runs in the Locust process (gevent), not in the portal's.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Any

from locust import HttpUser, between, task

from load.files import scan_pdf

VERSION = re.compile(r'name="a(\d+)-version" value="(\d+)"')
SEEN = re.compile(r'name="a(\d+)-seen_version" value="(\d+)"')
ALERT = re.compile(r'role="alert">([^<]*)<')
TIMEOUT = 60
LOGIN_ATTEMPTS = 5
MB = 1024 * 1024
ANSWER_LIMIT = 100 * MB  # EVIDENCE_MAX_ANSWER_MB's default


@dataclass
class Record:
    """What the server acknowledged for one answer (and what is still unconfirmed)."""

    raw_value: str | None = None  # None: never saved by this client
    note: str = ""
    version: int = 0
    valid: bool = False
    files: list[dict[str, Any]] = field(default_factory=list)
    evidence_bytes: int = 0
    ready: bool = False
    unconfirmed: list[dict[str, str]] = field(default_factory=list)
    # Requests that got no answer (a timeout) yet may have changed the version: the
    # next page that shows a newer one settles it, without counting it as drift.
    pending: int = 0


class Ledger:
    """Every client's records, shared by the Locust process's greenlets."""

    records: dict[int, Record] = {}
    # Answers two colleagues type into: every save the server acknowledged, with the
    # version it produced, and what was sent without an answer.
    shared: dict[int, dict[str, list[dict[str, Any]]]] = {}
    conflicts: dict[str, int] = {"shown": 0, "kept_theirs": 0, "saved_mine": 0}
    version_drift: int = 0  # a page showed a version this client did not cause
    signed_in: int = 0  # users past their login: the ramp-up is over when all are
    plans: list[dict[str, Any]] = []
    colleague_plans: list[dict[str, Any]] = []
    verifier_plans: list[dict[str, Any]] = []
    password: str = ""
    year: int = 0


class PortalUser(HttpUser):
    abstract = True

    def login(self, username: str) -> None:
        """Sign in as a person does: a page that did not load (or a refused form) is
        tried again, a few times; only a real sign-in counts for the ramp-up."""
        for _attempt in range(LOGIN_ATTEMPTS):
            if self._login_once(username):
                Ledger.signed_in += 1
                return

    def _login_once(self, username: str) -> bool:
        self.client.get("/akun/masuk/", name="login page", timeout=TIMEOUT)
        with self.client.post(
            "/akun/masuk/",
            data={
                "username": username,
                "password": Ledger.password,
                "csrfmiddlewaretoken": self.csrf(),
            },
            headers={"Referer": f"{self.host}/akun/masuk/"},
            allow_redirects=False,
            name="login",
            timeout=TIMEOUT,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login refused for {username}: {_problem(response)}")
                return False
        return True

    def csrf(self) -> str:
        return self.client.cookies.get("csrftoken", "")

    def category_url(self, code: str) -> str:
        return f"/penilaian/{self.plan['assessment']}/kategori/{code}/"

    def post_answer(
        self,
        answer: dict[str, Any],
        data: dict[str, str],
        *,
        name: str,
        colleague: bool,
    ) -> tuple[str, int | None]:
        """Save an answer as htmx does. ("saved", new version), ("conflict", the version
        the panel showed: only where a colleague types too) or ("failed", None)."""
        with self.client.post(
            f"/penilaian/jawaban/{answer['id']}/simpan/",
            data=data,
            headers={
                "HX-Request": "true",
                "X-CSRFToken": self.csrf(),
                "Referer": f"{self.host}/penilaian/{answer['assessment']}/kategori/"
                f"{answer['category']}/",
            },
            name=name,
            timeout=TIMEOUT,
            catch_response=True,
        ) as response:
            text = response.text or ""
            seen = dict(SEEN.findall(text)).get(str(answer["id"]))
            conflict = response.status_code == 200 and "data-conflict" in text
            if colleague and conflict and seen:
                return "conflict", int(seen)
            found = dict(VERSION.findall(text)).get(str(answer["id"]))
            alert = ALERT.search(text)
            if response.status_code != 200 or alert or not found:
                response.failure(alert.group(1) if alert else _problem(response))
                return "failed", None
            return "saved", int(found)


class OperatorUser(PortalUser):
    """An OPD operator on deadline day: types, autosaves, uploads scans, marks ready."""

    wait_time = between(1, 5)

    def on_start(self) -> None:
        self.plan = Ledger.plans.pop()
        self.answers = {a["id"]: a for a in self.plan["answers"]}
        for pk, answer in self.answers.items():
            Ledger.records[pk] = Record(version=answer["version"])
        self.uploads = 0
        self.login(self.plan["username"])
        # The morning's first step: the scan prepared the day before (the upload
        # opens the category page afterwards, as the browser's redirect does).
        self.upload_evidence()

    def open_category(self, code: str) -> str:
        """The page as the browser shows it; its versions must be the ones we expect."""
        response = self.client.get(
            self.category_url(code), name="category page", timeout=TIMEOUT
        )
        for pk, version in VERSION.findall(response.text):
            record = Ledger.records.get(int(pk))
            if record is not None and record.version != int(version):
                if record.pending or record.unconfirmed:
                    record.pending = 0
                else:
                    Ledger.version_drift += 1
                record.version = int(version)
        return response.text

    @task(3)
    def browse(self) -> None:
        self.open_category(random.choice(list(self.answers.values()))["category"])

    @task(12)
    def save_answer(self) -> None:
        answer = random.choice(list(self.answers.values()))
        record = Ledger.records[answer["id"]]
        prefix = f"a{answer['id']}"
        value = _value_for(answer)
        note = f"{self.plan['username']} {random.getrandbits(48):x}"
        data = {f"{prefix}-note": note, f"{prefix}-version": str(record.version)}
        if value is not None:
            data[f"{prefix}-raw_value"] = value
        sent = {"raw_value": value or "", "note": note}
        record.unconfirmed.append(sent)
        outcome, version = self.post_answer(
            answer, data, name="save answer", colleague=False
        )
        if outcome != "saved":
            return
        record.unconfirmed.remove(sent)
        record.raw_value, record.note = sent["raw_value"], note
        record.version = version
        record.valid = value is not None or answer["evidence_only"]
        record.ready = False

    @task(2)
    def upload_evidence(self) -> None:
        room = [
            a
            for a in self.answers.values()
            if Ledger.records[a["id"]].evidence_bytes + 5 * MB <= ANSWER_LIMIT
        ]
        if not room:
            return
        answer = random.choice(room)
        record = Ledger.records[answer["id"]]
        self.uploads += 1
        name = f"{self.plan['username']}-{answer['code']}-{self.uploads}.pdf"
        content, sha256 = scan_pdf(5 * MB, tag=name)
        prefix = f"e{answer['id']}"
        with self.client.post(
            f"/penilaian/jawaban/{answer['id']}/bukti/",
            data={"csrfmiddlewaretoken": self.csrf(), f"{prefix}-effective_date": ""},
            files={f"{prefix}-files": (name, content, "application/pdf")},
            headers={"Referer": f"{self.host}{self.category_url(answer['category'])}"},
            allow_redirects=False,
            name="upload evidence (5 MB)",
            timeout=TIMEOUT,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                record.pending += response.status_code == 0  # no answer: maybe stored
                response.failure(_problem(response))
                return
        # The browser follows the redirect; the page says whether the file was taken.
        record.version += 1  # a stored file bumps the answer's version
        page = self.open_category(answer["category"])
        if f"diunggah {name}" not in page:
            record.version -= 1
            record.pending += 1  # stored or not, the page did not say
            self._fail("upload evidence (5 MB)", f"{name} not acknowledged")
            return
        record.files.append({"name": name, "sha256": sha256, "size": len(content)})
        record.evidence_bytes += len(content)

    @task(1)
    def mark_ready(self) -> None:
        candidates = [
            a
            for a in self.answers.values()
            if (r := Ledger.records[a["id"]]).valid
            and not r.ready
            and (r.files or not a["evidence_required"])
        ]
        if not candidates:
            return
        answer = random.choice(candidates)
        with self.client.post(
            f"/penilaian/jawaban/{answer['id']}/siap/",
            data={"csrfmiddlewaretoken": self.csrf()},
            headers={"Referer": f"{self.host}{self.category_url(answer['category'])}"},
            allow_redirects=False,
            name="mark ready",
            timeout=TIMEOUT,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                Ledger.records[answer["id"]].pending += response.status_code == 0
                response.failure(_problem(response))
                return
        page = self.open_category(answer["category"])
        if "ditandai siap dikirim" not in page:
            self._fail("mark ready", f"{answer['code']} not marked ready")
            return
        Ledger.records[answer["id"]].ready = True

    def _fail(self, name: str, message: str) -> None:
        self.environment.events.request.fire(
            request_type="CHECK",
            name=name,
            response_time=0,
            response_length=0,
            exception=AssertionError(message),
        )


class ColleagueUser(PortalUser):
    """One of two operators of the same OPD typing into the same answers. A save made
    after the colleague's meets the conflict panel; the person then chooses, as the
    panel asks: keep what is stored (the page is opened again), or save their own
    over the version they were shown, which is a new conflict if the colleague has
    saved once more meanwhile."""

    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.plan = Ledger.colleague_plans.pop()
        self.answers = {a["id"]: a for a in self.plan["answers"]}
        self.versions = {pk: a["version"] for pk, a in self.answers.items()}
        for pk in self.answers:
            Ledger.shared.setdefault(pk, {"acks": [], "unconfirmed": []})
        self.login(self.plan["username"])

    @task
    def save_shared(self) -> None:
        answer = random.choice(list(self.answers.values()))
        prefix = f"a{answer['id']}"
        value = _value_for(answer) or ""
        note = f"{self.plan['username']} {random.getrandbits(48):x}"
        data = {
            f"{prefix}-raw_value": value,
            f"{prefix}-note": note,
            f"{prefix}-version": str(self.versions[answer["id"]]),
        }
        seen = self._save(answer, data)
        if seen is None:
            return
        Ledger.conflicts["shown"] += 1
        if random.random() < 0.5:
            Ledger.conflicts["kept_theirs"] += 1
            self._reopen(answer)
            return
        data[f"{prefix}-resolution"] = "mine"
        data[f"{prefix}-seen_version"] = str(seen)
        if self._save(answer, data) is None:
            Ledger.conflicts["saved_mine"] += 1
        else:  # the colleague saved again meanwhile: take theirs this time
            Ledger.conflicts["shown"] += 1
            Ledger.conflicts["kept_theirs"] += 1
            self._reopen(answer)

    def _save(self, answer: dict[str, Any], data: dict[str, str]) -> int | None:
        """Post a save; the version shown in the conflict panel, or None."""
        prefix = f"a{answer['id']}"
        sent = {
            "raw_value": data[f"{prefix}-raw_value"],
            "note": data[f"{prefix}-note"],
        }
        shared = Ledger.shared[answer["id"]]
        shared["unconfirmed"].append(sent)
        outcome, version = self.post_answer(
            answer, data, name="save answer (colleagues)", colleague=True
        )
        if outcome == "failed":
            return None
        shared["unconfirmed"].remove(sent)
        if outcome == "conflict":
            return version
        shared["acks"].append({**sent, "version": version})
        self.versions[answer["id"]] = version
        return None

    def _reopen(self, answer: dict[str, Any]) -> None:
        response = self.client.get(
            self.category_url(answer["category"]),
            name="category page (colleagues)",
            timeout=TIMEOUT,
        )
        found = dict(VERSION.findall(response.text or "")).get(str(answer["id"]))
        if found:
            self.versions[answer["id"]] = int(found)


class VerifierUser(PortalUser):
    """A Kanwil verifier browsing the queue, review pages and the ranking."""

    wait_time = between(2, 6)

    def on_start(self) -> None:
        self.plan = Ledger.verifier_plans.pop()
        self.login(self.plan["username"])

    @task(3)
    def queue(self) -> None:
        self.client.get(
            "/admin/reporting/assessment/", name="admin queue", timeout=TIMEOUT
        )

    @task(1)
    def queue_filtered(self) -> None:
        self.client.get(
            "/admin/reporting/assessment/?status__exact=draft",
            name="admin queue",
            timeout=TIMEOUT,
        )

    @task(3)
    def review(self) -> None:
        pool = self.plan["busy"] or self.plan["assessments"]
        self.client.get(
            f"/admin/reporting/assessment/{random.choice(pool)}/verifikasi/",
            name="admin review page",
            timeout=TIMEOUT,
        )

    @task(1)
    def ranking(self) -> None:
        self.client.get(
            f"/penilaian/peringkat/{Ledger.year}/", name="ranking", timeout=TIMEOUT
        )


def _problem(response: Any) -> str:
    """The transport error, or the unexpected status."""
    error = getattr(response, "error", None)
    return repr(error) if error else f"HTTP {response.status_code}"


def _value_for(answer: dict[str, Any]) -> str | None:
    """A valid value of the answer's kind, as a person would type or pick it."""
    kind = answer["kind"]
    if kind == "yes_no":
        return random.choice(["ya", "tidak"])
    if kind == "choice":
        return random.choice(answer["options"])
    if kind == "number":
        return str(random.randint(0, 5000))
    if kind == "percentage":
        return f"{random.randint(0, 99)},{random.randint(0, 9)}"
    return None  # document: the evidence is the answer; only the note is typed
