from tests.reporting.conftest import (  # noqa: F401 - shared fixtures
    assessment,
    dinkes_answer,
    opened_year,
)
