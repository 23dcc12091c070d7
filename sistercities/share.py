"""A link to a view that a room can open, and its QR code."""

from __future__ import annotations

import io
from urllib.parse import urlencode, urlsplit

import segno

# The address the audience reaches the Atlas at (e.g. https://atlas.example.org or
# http://192.168.1.20:8501): a server behind a proxy or on a laptop cannot know it.
PUBLIC_URL_ENV = "ATLAS_PUBLIC_URL"
# The presenter's own state: the room gets the view, not the presentation.
PRESENTER_KEYS = ("present", "deck", "slide")
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "0.0.0.0")


class ShareError(ValueError):
    """A public base URL that is not a web address."""


def public_base(configured: str | None, seen: str | None) -> str:
    """The base of shared links: the configured one, else the scheme and host this browser
    used (`seen`, the page's URL)."""
    base = (configured or "").strip()
    if base:
        parts = urlsplit(base)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ShareError(f"{PUBLIC_URL_ENV}={base!r} is not a web address "
                             "(http://… or https://…)")
        return base.rstrip("/")
    parts = urlsplit(seen or "")
    return f"{parts.scheme or 'http'}://{parts.netloc or 'localhost:8501'}"


def is_local(base: str) -> bool:
    """A base only this computer can open (phones in the room cannot)."""
    return (urlsplit(base).hostname or "") in LOCAL_HOSTS


def view_link(base: str, page: str, params: dict[str, list[str] | str]) -> str:
    """`base` + the page's path + the view's parameters, without the presenter's own."""
    kept = {key: value for key, value in params.items() if key not in PRESENTER_KEYS}
    path = "" if page in ("", "overview") else page
    query = urlencode(kept, doseq=True)
    return f"{base}/{path}" + (f"?{query}" if query else "")


def qr_svg(link: str, dark: str = "#0B1526", light: str = "#FFFFFF") -> str:
    """The link as a QR code (error correction M: readable from the back of a room), an SVG
    that stays sharp at any size."""
    out = io.BytesIO()
    segno.make(link, error="m", micro=False).save(out, kind="svg", scale=10, border=4,
                                                  dark=dark, light=light, xmldecl=False)
    return out.getvalue().decode("utf-8")


def qr_png(link: str, scale: int = 10) -> bytes:
    """The same code as a PNG, for slides."""
    out = io.BytesIO()
    segno.make(link, error="m", micro=False).save(out, kind="png", scale=scale, border=4)
    return out.getvalue()
