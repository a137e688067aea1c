"""Every URL name the project answers, read from the URL configuration and the
admin registry, so that a new URL shows up here without anyone listing it."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.sites import AdminSite
from django.urls import URLPattern, URLResolver, get_resolver

# Unnamed patterns Django's admin adds itself: "<id>/" redirects to "<id>/change/"
# and the catch-all answers 404 for unknown console paths.
UNNAMED_ALLOWED = {
    "django.views.generic.base.RedirectView",
    "django.contrib.admin.sites.AdminSite.catch_all_view",
}


def _callback_name(pattern: URLPattern) -> str:
    callback = pattern.callback
    view_class = getattr(callback, "view_class", None)
    target = view_class or getattr(callback, "__wrapped__", callback)
    return f"{target.__module__}.{target.__qualname__}"


def walk(patterns, namespace: str = "", route: str = ""):
    """(name or None, route, callback) for every pattern, recursively."""
    for pattern in patterns:
        here = route + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = (
                    f"{namespace}:{pattern.namespace}"
                    if namespace
                    else pattern.namespace
                )
            yield from walk(pattern.url_patterns, inner, here)
        else:
            name = None
            if pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, here, _callback_name(pattern)


def admin_registry_names(site: AdminSite = admin.site) -> set[str]:
    """Names from every registered ModelAdmin's own get_urls()."""
    names = set()
    for model_admin in site._registry.values():
        for pattern in model_admin.get_urls():
            if isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{site.name}:{pattern.name}")
    return names


def url_names() -> set[str]:
    names = {name for name, _route, _cb in walk(get_resolver().url_patterns) if name}
    return names | admin_registry_names()


def unnamed_patterns() -> list[str]:
    """Unnamed patterns no rule can point at, other than the admin's own."""
    return sorted(
        f"{route} ({callback})"
        for name, route, callback in walk(get_resolver().url_patterns)
        if name is None and callback not in UNNAMED_ALLOWED
    )
