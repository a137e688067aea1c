"""Who may open which page and run which action: one entry per URL name.

A new URL needs one line here (see README "Access matrix"); ``test_coverage`` fails
while a URL name has no rule. Read an entry as: the URL, how its arguments are taken
from the shared world (``tests/access/world.py``), and per role what must happen in
scope and out of scope (``"allow/404"``). The vocabulary is in ``dsl.py``.
"""

from __future__ import annotations

from tests.access import watch
from tests.access.bodies import (
    TUS_CREATE,
    answer_body,
    answer_sheet_file,
    assignment_body,
    bulk_assignment_body,
    case_files,
    evidence_files,
    report_body,
    report_files,
    submit_confirmed,
)
from tests.access.dsl import (
    COORDINATOR,
    POST_ONLY,
    PUBLIC,
    REGION,
    REGION_LIST,
    SIGNED_IN,
    WORKERS,
    Case,
    but,
    draft_year_link,
    everyone,
    get,
    palu,
    post,
    ref,
    report_args,
)
from tests.access.rules_console import CONSOLE_RULES

# ------------------------------------------------------------------ helpers


# The register of alleged violations: the kab/kota's coordinator, its Kanwil and the
# ministry; OPD operators do not see it.
CASES = but(REGION, operator="404")
MINISTRY = everyone("403", anonymous="login", assessor="allow", administrator="allow")
# A draft catalogue exists for its administrators only.
DRAFT_CATALOGUE = everyone("404", anonymous="login", administrator="allow")
# An Aksi HAM draft's files: the kab/kota's people only.
DRAFT_FILES = but(REGION, verifier="404", assessor="404", administrator="404")
# The offline answer sheet: the people at work in the kab/kota only.
SHEET = but(REGION, verifier="404", assessor="404", administrator="404")

# ------------------------------------------------------------------ the table


# Open data and the read API: public, published years only; any other year is 404.
def published_only(*extra: object) -> list[Case]:
    return [
        get(PUBLIC, ref("published_catalogue", "year"), *extra, state="published"),
        get(everyone("404"), ref("catalogue", "year"), *extra, state="unpublished"),
    ]


RULES: dict[str, list[Case]] = {
    # ---- site shell, accounts, i18n
    "portal:home": [get(SIGNED_IN)],
    # The web process only: the full check also wants a worker heartbeat (Operations).
    "healthz": [get(PUBLIC, query={"scope": "web"})],
    "set_language": [post(PUBLIC, data=lambda w, s: {"language": "en", "next": "/"})],
    "accounts:login": [get(everyone("moved", anonymous="allow"))],
    "accounts:logout": [post(everyone("login"))],
    "accounts:profile": [get(SIGNED_IN)],
    "accounts:password-change": [get(SIGNED_IN)],
    "accounts:password-change-done": [get(SIGNED_IN)],
    "accounts:password-reset": [get(PUBLIC)],
    "accounts:password-reset-done": [get(PUBLIC)],
    "accounts:password-reset-confirm": [get(PUBLIC, "MQ", "bukan-token")],
    "accounts:password-reset-complete": [get(PUBLIC)],
    # ---- regions
    "regions:regency-list": [get(REGION_LIST, absent=palu)],
    "regions:province-detail": [get(REGION, ref("province", "code"))],
    "regions:regency-detail": [get(REGION, ref("regency", "code"))],
    "regions:agency-add": [
        post(but(COORDINATOR, administrator="allow"), ref("regency", "code")),
        get(POST_ONLY, ref("regency", "code")),
    ],
    "regions:agency-template": [
        post(but(COORDINATOR, administrator="allow"), ref("regency", "code")),
        get(POST_ONLY, ref("regency", "code")),
    ],
    # ---- catalogue pages: drafts are the administrator's only
    "indicators:catalogue-list": [
        get(
            everyone("scoped", anonymous="login", administrator="allow"),
            absent=draft_year_link,
        )
    ],
    "indicators:catalogue-detail": [
        get(SIGNED_IN, ref("catalogue", "year"), state="open"),
        get(
            DRAFT_CATALOGUE,
            ref("draft_catalogue", "year"),
            state="draft",
        ),
    ],
    "indicators:indicator-detail": [
        get(
            SIGNED_IN, ref("catalogue", "year"), ref("indicator", "code"), state="open"
        ),
        get(
            DRAFT_CATALOGUE,
            ref("draft_catalogue", "year"),
            ref("draft_indicator", "code"),
            state="draft",
        ),
    ],
    # ---- KKPHAM pages of the kab/kota
    "reporting:assessment-list": [get(REGION_LIST, absent=palu)],
    "reporting:assessment-detail": [get(REGION, ref("assessment"))],
    "reporting:category": [get(REGION, ref("assessment"), ref("category_code", None))],
    "reporting:answer-save": [
        post(
            WORKERS,
            ref("answer"),
            state="draft",
            data=answer_body("answer"),
            watch=watch.answer,
        ),
        post(
            but(WORKERS, operator="refused/404", coordinator="refused/404"),
            ref("submitted_answer"),
            state="submitted",
            data=answer_body("submitted_answer"),
            watch=watch.submitted_answer,
        ),
        get(POST_ONLY, ref("answer")),
    ],
    "reporting:answer-ready": [
        post(WORKERS, ref("answer"), state="draft", watch=watch.answer),
        post(
            but(WORKERS, operator="refused/404", coordinator="refused/404"),
            ref("submitted_answer"),
            state="submitted",
            watch=watch.submitted_answer,
        ),
        get(POST_ONLY, ref("answer")),
    ],
    "reporting:evidence-upload": [
        post(
            WORKERS,
            ref("answer"),
            state="draft",
            data=evidence_files("answer"),
            watch=watch.answer_files,
        ),
        post(
            but(WORKERS, operator="refused/404", coordinator="refused/404"),
            ref("submitted_answer"),
            state="submitted",
            data=evidence_files("submitted_answer"),
            watch=watch.submitted_answer_files,
        ),
        get(POST_ONLY, ref("answer")),
    ],
    # Starting from last year: the world's earlier year has nothing left to carry
    # into an empty answer, so every POST is refused by state (the allowed paths
    # are in tests/yeartwo/).
    "reporting:carry-forward": [
        get(REGION, ref("assessment")),
        post(
            but(WORKERS, operator="refused/404", coordinator="refused/404"),
            ref("assessment"),
            state="nothing-to-carry",
            watch=watch.answer,
        ),
    ],
    "reporting:answer-keep": [
        post(
            but(WORKERS, operator="refused/404", coordinator="refused/404"),
            ref("answer"),
            state="not-carried",
            watch=watch.answer,
        ),
        get(POST_ONLY, ref("answer")),
    ],
    "reporting:answer-change": [
        post(
            but(WORKERS, operator="refused/404", coordinator="refused/404"),
            ref("answer"),
            state="not-carried",
            watch=watch.answer,
        ),
        get(POST_ONLY, ref("answer")),
    ],
    "reporting:large-upload": [get(REGION, ref("answer"))],
    # tus creation; HEAD/PATCH/DELETE on an upload are covered by
    # tests/reporting/test_resumable_uploads.py (owner only, answer editable).
    "reporting:tus-create": [
        post(
            WORKERS,
            ref("answer"),
            state="draft",
            headers=TUS_CREATE,
            watch=watch.answer_partial_uploads,
        ),
        post(
            but(WORKERS, operator="refused/404", coordinator="refused/404"),
            ref("submitted_answer"),
            state="submitted",
            headers=TUS_CREATE,
            watch=watch.submitted_answer_partial_uploads,
        ),
        get(POST_ONLY, ref("answer")),
    ],
    "reporting:tus-upload": [
        get(POST_ONLY, ref("partial_upload", "key")),
        post(POST_ONLY, ref("partial_upload", "key")),
    ],
    "reporting:sheet-download": [get(SHEET, ref("assessment"))],
    "reporting:sheet-upload": [
        get(SHEET, ref("assessment")),
        post(SHEET, ref("assessment"), data=answer_sheet_file),
    ],
    # The plan belongs to the operator who uploaded it; anyone else is sent back.
    "reporting:sheet-preview": [
        get(
            but(SHEET, coordinator="moved/404"),
            ref("assessment"),
            ref("sheet_token", None),
        ),
        post(SHEET, ref("assessment"), ref("sheet_token", None)),
    ],
    "reporting:evidence-download": [get(REGION, ref("evidence"))],
    "reporting:evidence-preview": [get(REGION, ref("evidence"))],
    "reporting:evidence-delete": [
        post(WORKERS, ref("evidence"), state="draft", watch=watch.evidence),
        post(
            but(WORKERS, operator="refused/404", coordinator="refused/404"),
            ref("submitted_evidence"),
            state="submitted",
            watch=watch.submitted_evidence,
        ),
        get(POST_ONLY, ref("evidence")),
    ],
    "reporting:assignment": [
        get(COORDINATOR, ref("assessment")),
        post(COORDINATOR, ref("assessment"), data=assignment_body, watch=watch.answer),
        post(
            COORDINATOR,
            ref("assessment"),
            data=bulk_assignment_body,
            watch=watch.answer,
        ),
    ],
    "reporting:assign-by-type": [
        post(COORDINATOR, ref("assessment")),
        get(POST_ONLY, ref("assessment")),
    ],
    "reporting:invite": [
        post(COORDINATOR, ref("assessment")),
        get(POST_ONLY, ref("assessment")),
    ],
    "reporting:review": [get(REGION, ref("assessment"))],
    "reporting:approval": [
        post(COORDINATOR, ref("assessment")),
        get(POST_ONLY, ref("assessment")),
    ],
    "reporting:approval-download": [get(REGION, ref("approval"))],
    "reporting:submit": [
        post(
            but(WORKERS, operator="refused/404"),
            ref("assessment"),
            state="draft",
            data=submit_confirmed,
            watch=watch.draft_year,
        ),
        post(
            but(WORKERS, operator="refused/404", coordinator="refused/404"),
            ref("submitted_assessment"),
            state="submitted",
            data=submit_confirmed,
            watch=watch.submitted_year,
        ),
        get(POST_ONLY, ref("assessment")),
    ],
    "reporting:timeline": [get(REGION, ref("assessment"))],
    "reporting:score-explain": [
        get(but(REGION, operator="403/404"), ref("assessment"))
    ],
    "reporting:cases": [get(CASES, ref("regency", "code"))],
    "reporting:case-follow-up": [
        post(
            but(
                CASES,
                verifier="refused/404",
                assessor="refused",
                administrator="refused",
            ),
            ref("case"),
            data=case_files,
            watch=watch.case_files,
        ),
        get(POST_ONLY, ref("case")),
    ],
    "reporting:case-file": [get(CASES, ref("case_follow_up"))],
    "reporting:ranking-latest": [get(everyone("moved", anonymous="login"))],
    "reporting:ranking": [
        get(
            but(SIGNED_IN, operator="403", coordinator="403", verifier="scoped"),
            ref("catalogue", "year"),
            absent=palu,
        )
    ],
    "notices:list": [get(SIGNED_IN)],
    # ---- exports: a job's file is served only to the person who asked for it
    "exports:list": [get(but(SIGNED_IN, operator="403"))],
    "exports:rows": [get(but(SIGNED_IN, operator="403"))],
    "exports:request": [
        post(but(SIGNED_IN, operator="403")),
        get(but(POST_ONLY, operator="405")),
    ],
    "exports:download": [
        get(
            everyone("404", anonymous="login", coordinator="allow/404"),
            ref("export"),
        )
    ],
    "exports:retry": [
        post(
            everyone("404", anonymous="login", coordinator="allow/404"),
            ref("failed_export"),
        ),
        get(POST_ONLY, ref("failed_export")),
    ],
    # ---- dashboards
    "portal:dashboard": [get(everyone("moved", anonymous="login"))],
    "portal:dashboard-national": [
        get(everyone("403", anonymous="login", assessor="allow", administrator="allow"))
    ],
    # A Kanwil office's dashboard: its verifiers and the ministry.
    "portal:dashboard-office": [
        get(but(REGION, operator="404", coordinator="404"), ref("kanwiloffice", "code"))
    ],
    "portal:dashboard-province": [
        get(but(REGION, operator="404", coordinator="404"), ref("province", "code"))
    ],
    "portal:dashboard-regency": [get(REGION, ref("regency", "code"))],
    # Handing over an operator's account: the kab/kota's coordinator only.
    "portal:handover": [
        get(COORDINATOR, ref("regency", "code")),
        post(COORDINATOR, ref("regency", "code")),
    ],
    "portal:onboarding": [get(SIGNED_IN)],
    # The best-region list: the ministry's staff only.
    "portal:best-regions": [get(MINISTRY, ref("catalogue", "year"))],
    "portal:best-regions-xlsx": [get(MINISTRY, ref("catalogue", "year"))],
    # ---- public results: anonymous, published years only. The world's years are
    # not published, so every page of them answers 404 to everyone; the published
    # side is proven in tests/public/. Certificates: the ministry only.
    "public:years": [get(PUBLIC)],
    "public:year": [get(everyone("404"), ref("catalogue", "year"))],
    "public:province": [
        get(everyone("404"), ref("catalogue", "year"), ref("province", "code"))
    ],
    "public:regency": [
        get(everyone("404"), ref("catalogue", "year"), ref("regency", "code"))
    ],
    "public:province-certificate": [
        get(
            everyone("403", anonymous="login", assessor="404", administrator="404"),
            ref("catalogue", "year"),
            ref("province", "code"),
        )
    ],
    "public:regency-certificate": [
        get(
            everyone("403", anonymous="login", assessor="404", administrator="404"),
            ref("catalogue", "year"),
            ref("regency", "code"),
        )
    ],
    # ---- Aksi HAM pages of the kab/kota
    "aksiham:home": [get(but(SIGNED_IN, operator="moved", coordinator="moved"))],
    "aksiham:rates": [
        get(
            but(SIGNED_IN, operator="404", coordinator="404", verifier="scoped"),
            ref("period", "year"),
            absent=palu,
        )
    ],
    "aksiham:grid": [get(REGION, ref("period", "year"), ref("regency", "code"))],
    # An OPD operator works on the actions assigned to their OPD ("report", action
    # 1) and does not see the others ("submitted_report", action 2), as in KKPHAM.
    "aksiham:report": [
        get(REGION, *report_args("report"), state="assigned"),
        get(but(REGION, operator="404"), *report_args("submitted_report")),
    ],
    "aksiham:report-save": [
        post(
            WORKERS,
            *report_args("report"),
            state="draft",
            data=report_body("report"),
            watch=watch.report,
        ),
        post(
            but(WORKERS, operator="404", coordinator="refused/404"),
            *report_args("submitted_report"),
            state="submitted",
            data=report_body("submitted_report"),
            watch=watch.submitted_report,
        ),
        get(POST_ONLY, *report_args("report")),
    ],
    "aksiham:evidence-upload": [
        post(
            WORKERS,
            *report_args("report"),
            state="draft",
            data=report_files,
            watch=watch.report_files,
        ),
        post(
            but(WORKERS, operator="404", coordinator="refused/404"),
            *report_args("submitted_report"),
            state="submitted",
            data=report_files,
            watch=watch.submitted_report_files,
        ),
        get(POST_ONLY, *report_args("report")),
    ],
    "aksiham:report-submit": [
        post(
            but(WORKERS, operator="refused/404"),
            *report_args("report"),
            state="draft",
            watch=watch.report,
        ),
        post(
            but(WORKERS, operator="404", coordinator="refused/404"),
            *report_args("submitted_report"),
            state="submitted",
            watch=watch.submitted_report,
        ),
        get(POST_ONLY, *report_args("report")),
    ],
    # A draft's files stay with the people at work in the kab/kota; the Kanwil and
    # the ministry open what was sent (as the console shows only sent reports).
    "aksiham:evidence-download": [
        get(DRAFT_FILES, ref("report_evidence"), state="draft"),
        get(
            but(REGION, operator="404"),
            ref("submitted_report_evidence"),
            state="submitted",
        ),
    ],
    "aksiham:evidence-delete": [
        post(
            but(DRAFT_FILES, operator="allow/404", coordinator="allow/404"),
            ref("report_evidence"),
            state="draft",
            watch=watch.report_evidence,
        ),
        post(
            but(WORKERS, operator="404", coordinator="refused/404"),
            ref("submitted_report_evidence"),
            state="submitted",
            watch=watch.submitted_report_evidence,
        ),
        get(POST_ONLY, ref("report_evidence")),
    ],
    # ---- open data files and the read API (public; published years only)
    "opendata:index": [get(PUBLIC)],
    "opendata:results-csv": published_only(),
    "opendata:results-json": published_only(),
    "opendata:metadata": published_only(),
    "api:year-list": [get(PUBLIC)],
    "api:year-detail": published_only(),
    "api:result-list": published_only(),
    # The world's published year lists no kab/kota: 404 in both years here
    # (tests/opendata reads a published row).
    "api:result-detail": [
        get(everyone("404"), ref("published_catalogue", "year"), "33.73"),
        get(everyone("404"), ref("catalogue", "year"), "33.73", state="unpublished"),
    ],
    "api:region-list": [get(PUBLIC)],
    "api:region-detail": [get(PUBLIC, ref("regency", "code"))],
    "api:schema": [get(PUBLIC)],
    "api:not-found": [get(everyone("404"))],
}

# The staff console's URLs live in their own table.
RULES.update(CONSOLE_RULES)
