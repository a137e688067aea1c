"""Reads for the reporting pages, one module per kind of page.

* ``answers``: the answer pages (progress, one category's answers, my indicators,
  the review list, what sending would send);
* ``timeline``: an assessment's Riwayat;
* ``scores``: one assessment's score, a year's ranking and province counts;
* ``dashboards``: stage counts, predicate distribution and category scores;
* ``history``: a kab/kota's totals year on year and the award streaks;
* ``verification``: the Kanwil's console (queue order, where to start, the review
  page's sections and filters).

The answer-page and timeline reads are also importable from here (``selectors.my_answers``).
"""

from reporting.selectors.answers import (
    ACTIVE_EVIDENCE,
    CategoryProgress,
    Progress,
    answer_for_card,
    answers_for_page,
    my_answers,
    progress_by_category,
    review_answers,
    submission_summary,
)
from reporting.selectors.timeline import (
    TimelineEntry,
    timeline,
    timeline_entries,
    timeline_moments,
)

__all__ = [
    "ACTIVE_EVIDENCE",
    "CategoryProgress",
    "Progress",
    "TimelineEntry",
    "answer_for_card",
    "answers_for_page",
    "my_answers",
    "progress_by_category",
    "review_answers",
    "submission_summary",
    "timeline",
    "timeline_entries",
    "timeline_moments",
]
