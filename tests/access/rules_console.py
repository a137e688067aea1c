"""The staff console's rules: every URL the admin registry produces.

``admin_model`` gives a registered model's five URLs (list, add, change, delete,
history) at once; custom console views follow one per line.
"""

from __future__ import annotations

from tests.access import watch
from tests.access.bodies import (
    decide_accept,
    deduction_body,
    preview_request,
    refusal_note,
    report_accept,
    submit_confirmed,
)
from tests.access.dsl import (
    CONSOLE,
    CONSOLE_ADMIN,
    CONSOLE_ASSESSOR,
    CONSOLE_LIST,
    CONSOLE_NOBODY,
    CONSOLE_POST_ONLY,
    SIGNED_IN,
    Case,
    Expect,
    but,
    get,
    palu,
    post,
    ref,
)


def admin_model(
    label: str,
    obj: str,
    *,
    view: Expect = CONSOLE,
    listing: Expect | None = None,
    add: Expect = CONSOLE_ADMIN,
    change: Expect = CONSOLE_ADMIN,
    delete: Expect = CONSOLE_ADMIN,
    extra_change: tuple[Case, ...] = (),
    extra_delete: tuple[Case, ...] = (),
) -> dict[str, list[Case]]:
    """The five URLs Django's admin makes for one registered model."""
    target = ref(obj)
    return {
        f"admin:{label}_changelist": [
            get(listing or view, absent=palu if listing else None)
        ],
        f"admin:{label}_add": [get(add), post(add)],
        f"admin:{label}_change": [
            get(view, target),
            post(change, target),
            *extra_change,
        ],
        f"admin:{label}_delete": [
            get(delete, target),
            post(delete, target),
            *extra_delete,
        ],
        f"admin:{label}_history": [get(view, target)],
    }


def console_action(name: str, rule: Expect, *, body=None) -> dict:
    """A POST endpoint of the KKPHAM verification console, on a submitted year."""
    return {
        f"admin:reporting_assessment_{name}": [
            post(
                rule,
                ref("submitted_assessment"),
                data=body,
                watch=watch.submitted_answer
                if name == "decide"
                else watch.submitted_year,
            ),
            get(CONSOLE_POST_ONLY, ref("submitted_assessment")),
        ]
    }


def axes_model(label: str, obj: str) -> dict[str, list[Case]]:
    """django-axes' records: closed to every role of the portal."""
    return admin_model(label, obj, view=AXES, add=AXES, change=AXES, delete=AXES)


CATALOGUE_DRAFT = but(CONSOLE_ADMIN, administrator="allow")
CATALOGUE_OPEN = but(CONSOLE_ADMIN, administrator="403")
VERIFIER_ONLY = but(CONSOLE, assessor="refused", administrator="refused")
# A freshly submitted year: nothing is returned, accepted or forwarded yet, so even
# the right role is refused by the state, and the year stays as it is.
NOT_YET = but(
    CONSOLE, verifier="refused/404", assessor="refused", administrator="refused"
)
# Role requests name accounts and the roles they hold: administrators only, and
# read-only there (decisions are admin actions that call the services).
ROLE_REQUESTS = but(CONSOLE_NOBODY, verifier="403", administrator="allow")
ROLE_REQUEST = but(ROLE_REQUESTS, verifier="404", assessor="404")
# Lockout records: Django permissions, which no role grants (superusers only).
AXES = but(CONSOLE_NOBODY, verifier="403")

CONSOLE_RULES: dict[str, list[Case]] = {
    # ---- the site itself
    "admin:index": [get(CONSOLE)],
    "admin:login": [
        get(
            but(
                SIGNED_IN,
                operator="403",
                coordinator="403",
                verifier="403",
                assessor="403",
                administrator="403",
            )
        )
    ],
    "admin:logout": [
        post(
            but(
                CONSOLE,
                anonymous="moved",
                verifier="login",
                assessor="login",
                administrator="login",
            )
        )
    ],
    "admin:password_change": [get(CONSOLE)],
    "admin:password_change_done": [get(CONSOLE)],
    "admin:jsi18n": [get(CONSOLE)],
    "admin:autocomplete": [
        get(
            CONSOLE_LIST,
            query={
                "app_label": "regions",
                "model_name": "agency",
                "field_name": "regency",
                "term": "Palu",
            },
            absent=palu,
        )
    ],
    "admin:view_on_site": [
        get(
            but(CONSOLE, verifier="404", assessor="404", administrator="404"),
            ref("regency_type"),
            ref("regency", "code"),
        )
    ],
    "admin:app_list": [get(CONSOLE, "reporting")],
    # ---- regions and people
    **admin_model("regions_province", "province", listing=CONSOLE_LIST),
    **admin_model("regions_regency", "regency", listing=CONSOLE_LIST),
    **admin_model("regions_agencytype", "agencytype"),
    # Kanwil offices: everyone in the console reads them; an office is deactivated,
    # never deleted. Coverage rows are never edited: the change page writes new ones.
    **admin_model(
        "regions_kanwiloffice",
        "kanwiloffice",
        delete=but(CONSOLE_ADMIN, administrator="403"),
    ),
    **admin_model(
        "regions_officecoverage",
        "officecoverage",
        add=CONSOLE_NOBODY,
        change=CONSOLE_NOBODY,
        delete=CONSOLE_NOBODY,
    ),
    "admin:regions_officecoverage_change_coverage": [
        get(CONSOLE_ADMIN),
        post(CONSOLE_ADMIN),
    ],
    **admin_model("regions_agency", "agency", listing=CONSOLE_LIST),
    **admin_model("accounts_user", "user", listing=CONSOLE_LIST),
    "admin:auth_user_password_change": [
        get(CONSOLE_ADMIN, ref("user")),
        post(CONSOLE_ADMIN, ref("user")),
    ],
    **admin_model("accounts_roleassignment", "roleassignment", listing=CONSOLE_LIST),
    **admin_model(
        "accounts_rolerequest",
        "rolerequest",
        view=ROLE_REQUEST,
        listing=ROLE_REQUESTS,
        add=but(CONSOLE_NOBODY, verifier="403"),
        change=but(ROLE_REQUEST, administrator="403"),
        delete=but(ROLE_REQUEST, administrator="403"),
    ),
    # ---- catalogue: only drafts change
    **admin_model(
        "indicators_catalogue",
        "catalogue",
        add=CATALOGUE_DRAFT,
        change=CATALOGUE_OPEN,
        delete=CATALOGUE_OPEN,
        extra_change=(post(CATALOGUE_DRAFT, ref("draft_catalogue"), state="draft"),),
        extra_delete=(get(CATALOGUE_DRAFT, ref("draft_catalogue"), state="draft"),),
    ),
    "admin:indicators_catalogue_identity": [
        get(CATALOGUE_DRAFT, ref("catalogue")),
        post(CATALOGUE_DRAFT, ref("catalogue")),
    ],
    "admin:indicators_catalogue_copy": [
        get(CATALOGUE_DRAFT, ref("catalogue")),
        post(CATALOGUE_DRAFT, ref("catalogue")),
    ],
    **admin_model(
        "indicators_category",
        "category",
        add=CATALOGUE_DRAFT,
        change=CATALOGUE_OPEN,
        delete=CATALOGUE_OPEN,
        extra_change=(post(CATALOGUE_DRAFT, ref("draft_category"), state="draft"),),
    ),
    **admin_model(
        "indicators_indicator",
        "indicator",
        add=CATALOGUE_DRAFT,
        change=CATALOGUE_OPEN,
        delete=CATALOGUE_OPEN,
        extra_change=(post(CATALOGUE_DRAFT, ref("draft_indicator"), state="draft"),),
    ),
    "admin:indicators_indicator_import": [get(CATALOGUE_DRAFT), post(CATALOGUE_DRAFT)],
    "admin:indicators_indicator_process_import": [post(CATALOGUE_DRAFT)],
    "admin:indicators_indicator_export": [get(CONSOLE)],
    # ---- KKPHAM assessments: read in the console, changed only through services
    **admin_model(
        "reporting_assessment",
        "assessment",
        listing=CONSOLE_LIST,
        add=CONSOLE_NOBODY,
        change=CONSOLE_NOBODY,
        delete=CONSOLE_NOBODY,
    ),
    "admin:reporting_assessment_open": [get(CONSOLE_ADMIN), post(CONSOLE_ADMIN)],
    "admin:reporting_assessment_publish": [
        get(CONSOLE_ASSESSOR),
        post(CONSOLE_ASSESSOR),
    ],
    "admin:reporting_assessment_extend": [
        get(but(CONSOLE_ADMIN, verifier="403"), ref("assessment")),
        post(but(CONSOLE_ADMIN, verifier="403"), ref("assessment")),
    ],
    "admin:reporting_assessment_review": [
        get(CONSOLE, ref("assessment"), state="draft"),
        get(CONSOLE, ref("submitted_assessment"), state="submitted"),
    ],
    **console_action("decide", VERIFIER_ONLY, body=decide_accept),
    # Whoever may read the review page may ask for a file's preview to be drawn.
    "admin:reporting_assessment_previews": [
        post(
            CONSOLE,
            ref("submitted_assessment"),
            data=preview_request,
            watch=watch.submitted_evidence_preview,
        ),
        get(CONSOLE_POST_ONLY, ref("submitted_assessment")),
    ],
    **console_action("return", NOT_YET, body=submit_confirmed),
    **console_action("forward", NOT_YET, body=submit_confirmed),
    **console_action("adjust", NOT_YET),
    **console_action("aksiham_bonus", NOT_YET),
    **console_action("finalise", NOT_YET),
    **admin_model(
        "reporting_answer",
        "answer",
        listing=CONSOLE_LIST,
        add=CONSOLE_NOBODY,
        change=CONSOLE_NOBODY,
        delete=CONSOLE_NOBODY,
    ),
    "admin:reporting_answer_history": [get(CONSOLE, ref("answer"), watch=None)],
    "admin:reporting_answer_simple_history": [
        get(CONSOLE, ref("answer"), ref("answer_history", "history_id"))
    ],
    # Every file ever attached, removed ones too; "Pulihkan" is a list action.
    **admin_model(
        "reporting_evidence",
        "evidence",
        listing=CONSOLE_LIST,
        add=CONSOLE_NOBODY,
        change=CONSOLE_NOBODY,
        delete=CONSOLE_NOBODY,
    ),
    "admin:reporting_evidence_simple_history": [
        get(CONSOLE, ref("evidence"), ref("evidence_history", "history_id"))
    ],
    # ---- the register of alleged violations: the ministry registers, the Kanwil
    # verifies the follow-up, the assessors decide the deduction it proposes
    **admin_model(
        "reporting_violationcase",
        "case",
        listing=CONSOLE_LIST,
        add=but(CONSOLE_ADMIN, assessor="allow"),
        change=CONSOLE_NOBODY,
        delete=CONSOLE_NOBODY,
    ),
    "admin:reporting_violationcase_verify": [
        post(VERIFIER_ONLY, ref("awaiting_case"), watch=watch.awaiting_case),
        get(CONSOLE_POST_ONLY, ref("awaiting_case")),
    ],
    "admin:reporting_violationcase_refuse": [
        post(
            VERIFIER_ONLY,
            ref("awaiting_case"),
            data=refusal_note,
            watch=watch.awaiting_case,
        ),
        get(CONSOLE_POST_ONLY, ref("awaiting_case")),
    ],
    # Last year's submitted assessment: not forwarded, and no case falls before its
    # cut-off, so even the assessors are refused and nothing is recorded.
    "admin:reporting_violationcase_deduction": [
        get(
            but(CONSOLE_ADMIN, verifier="403", assessor="allow"),
            ref("submitted_assessment"),
        ),
        post(
            but(
                CONSOLE_ADMIN,
                verifier="403",
                assessor="refused",
                administrator="refused",
            ),
            ref("submitted_assessment"),
            data=deduction_body,
            watch=watch.submitted_year_adjustments,
        ),
    ],
    **admin_model("reporting_yearsettings", "yearsettings"),
    # ---- Aksi HAM
    **admin_model("aksiham_generation", "generation"),
    **admin_model("aksiham_actionplan", "actionplan", change=CATALOGUE_OPEN),
    **admin_model(
        "aksiham_action", "action", change=CATALOGUE_OPEN, delete=CATALOGUE_OPEN
    ),
    "admin:aksiham_action_import": [get(CATALOGUE_DRAFT), post(CATALOGUE_DRAFT)],
    "admin:aksiham_action_process_import": [post(CATALOGUE_DRAFT)],
    "admin:aksiham_action_export": [get(CONSOLE)],
    **admin_model("aksiham_period", "period"),
    **admin_model("aksiham_periodextension", "periodextension", listing=CONSOLE_LIST),
    **admin_model(
        "aksiham_actionreport",
        "submitted_report",
        listing=CONSOLE_LIST,
        add=CONSOLE_NOBODY,
        change=CONSOLE_NOBODY,
        delete=CONSOLE_NOBODY,
    ),
    "admin:aksiham_actionreport_review": [
        get(CONSOLE, ref("submitted_report"), state="submitted"),
        get(
            but(CONSOLE, verifier="404", assessor="404", administrator="404"),
            ref("report"),
            state="draft",
        ),
    ],
    "admin:aksiham_actionreport_decide": [
        post(
            VERIFIER_ONLY,
            ref("submitted_report"),
            data=report_accept,
            watch=watch.submitted_report,
        ),
        get(CONSOLE_POST_ONLY, ref("submitted_report")),
    ],
    **admin_model(
        "aksiham_periodscore",
        "periodscore",
        listing=CONSOLE_LIST,
        add=CONSOLE_ASSESSOR,
        change=but(CONSOLE_ASSESSOR, verifier="403/404"),
        delete=but(CONSOLE_NOBODY, verifier="403/404"),
    ),
    **admin_model(
        "aksiham_reportevidence",
        "report_evidence",
        listing=CONSOLE_LIST,
        add=CONSOLE_NOBODY,
        change=CONSOLE_NOBODY,
        delete=CONSOLE_NOBODY,
    ),
    # ---- login throttling records (django-axes)
    **axes_model("axes_accessattempt", "accessattempt"),
    **axes_model("axes_accesslog", "accesslog"),
    **axes_model("axes_accessfailurelog", "accessfailurelog"),
}
