"""English pages read dates exactly as the Indonesian ones (day first), times "23.59"."""

from portal.formats.id.formats import (  # noqa: F401
    DATE_INPUT_FORMATS,
    DATETIME_INPUT_FORMATS,
    TIME_FORMAT,
    TIME_INPUT_FORMATS,
)

DATETIME_FORMAT = "N j, Y, H.i T"
