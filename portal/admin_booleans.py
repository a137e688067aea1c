"""Yes/no icons of the staff console with a text people can read.

Django's admin draws a boolean as an icon whose ``alt`` is Python's ``True``,
``False`` or ``None``, in English whatever the language. The console's lists and
read-only fields all draw it through ``admin_list._boolean_icon``, looked up when
the page renders, so replacing that one function gives every such icon its
Indonesian (or English) word.
"""

from __future__ import annotations

from django.contrib.admin.templatetags import admin_list
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

ICONS = {True: "yes", False: "no", None: "unknown"}


def boolean_icon(value: bool | None) -> SafeString:
    words = {
        True: gettext("Ya"),
        False: gettext("Tidak"),
        None: gettext("Tidak diketahui"),
    }
    return format_html(
        '<img src="{}" alt="{}">',
        static(f"admin/img/icon-{ICONS[value]}.svg"),
        words[value],
    )


def install() -> None:
    admin_list._boolean_icon = boolean_icon
