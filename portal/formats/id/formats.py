"""The portal's Indonesian formats: day first always, times "23.59" (also typed "23:59").

Django's own Indonesian input formats read "03/04/2026 23.59" month first (4 March)
but "03/04/2026" day first (3 April), and refuse "31/03/2026 23:59". Here every
input is day first, two-digit years are refused (ambiguous), and ISO dates
("2026-03-31", what a date picker sends) are accepted because the year comes first.
Only the time-of-day part of the display formats is set here: "23.59" and the
zone's label (``T``: WIB, WITA or WIT), so every moment shown, in a template or in a
console list, carries its zone.
"""

DATETIME_FORMAT = "j N Y, H.i T"
TIME_FORMAT = "H.i"
SHORT_DATETIME_FORMAT = "d-m-Y H.i T"

_DAYS = ["%d/%m/%Y", "%d-%m-%Y"]
_TIMES = ["%H.%M", "%H:%M", "%H.%M.%S", "%H:%M:%S"]

DATE_INPUT_FORMATS = [*_DAYS, "%Y-%m-%d"]
TIME_INPUT_FORMATS = _TIMES
DATETIME_INPUT_FORMATS = [
    *(f"{day} {time}" for day in _DAYS for time in _TIMES),
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
]
