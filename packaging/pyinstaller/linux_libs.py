"""Linux libraries the bundle takes from the host instead of shipping: every desktop has
them, and they must match its graphics drivers, display server and font configuration
(the AppImage project's exclude list is built on the same rule)."""

from __future__ import annotations

import re

HOST_LIBRARIES = re.compile(
    r"^lib(GL|EGL|GLX|GLdispatch|OpenGL|gbm|drm|X11|X11-xcb|xcb(-[a-z-]+[0-9]?)?|Xau|Xdmcp|Xext|"
    r"Xrender|xkbcommon(-x11)?|wayland-(client|cursor|egl)|fontconfig|freetype|harfbuzz|expat|"
    # Printing talks to the host's CUPS server through the host's own libcups (with its 12 MB
    # of TLS, Kerberos and D-Bus libraries); without it Qt offers printing to a PDF file.
    r"cups)"
    r"\.so[.0-9]*$"
)
# A wheel's private copy (pillow.libs/libxcb-9065bb12.so...) is not the host's library.
WHEEL_PRIVATE = re.compile(r"-[0-9a-f]{8}\.so")


def is_host_library(name: str) -> bool:
    return bool(HOST_LIBRARIES.match(name)) and not WHEEL_PRIVATE.search(name)
