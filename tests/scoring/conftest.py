from tests.reporting.conftest import (  # noqa: F401 - shared fixtures
    approve,
    assessment,
    banyumas_assessment,
    dinkes_answer,
    opened_year,
    other_agency_answer,
    submitted,
)
