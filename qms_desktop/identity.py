"""Who the application is to the operating system: its id, the workspace file type, and the
version from the package metadata. The bundles, installers and desktop files use the same
names (packaging/ reads them from here)."""

from __future__ import annotations

from functools import cache

from qms_desktop import __version__

DISTRIBUTION = "qms-desktop"
# Reverse-DNS application id: the .desktop file's name, the Wayland app id, the macOS bundle id.
APP_ID = "org.qmsdesktop.QmsDesktop"
EXECUTABLE = "qms-desktop"
WORKSPACE_SUFFIX = ".qms"
# The workspace file type: freedesktop MIME type, macOS UTI and Windows ProgID.
WORKSPACE_MIME_TYPE = "application/x-qms-workspace"
WORKSPACE_UTI = "org.qmsdesktop.workspace"
WORKSPACE_PROGID = "QMSDesktop.Workspace"


@cache
def app_version() -> str:
    """The installed package's version (its metadata, also inside a frozen bundle); the
    source's own number only when the package is not installed at all."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return __version__
