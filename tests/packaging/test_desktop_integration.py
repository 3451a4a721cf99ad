"""The files that register QMS Desktop with each operating system: valid for their tools,
and naming the same application id, file type and icons as the app itself."""

from __future__ import annotations

import configparser
import plistlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from qms_desktop.identity import (
    APP_ID,
    EXECUTABLE,
    WORKSPACE_MIME_TYPE,
    WORKSPACE_PROGID,
    WORKSPACE_SUFFIX,
    WORKSPACE_UTI,
)
from qms_desktop.storage.workspace import APPLICATION_ID

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
MIME_XML = LINUX / f"{APP_ID}.xml"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
MIME_NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (apt-get install desktop-file-utils libxml2-utils)")
    return path


def test_desktop_file_validates() -> None:
    result = subprocess.run(
        [_tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


@pytest.mark.parametrize("path", [MIME_XML, METAINFO, ROOT / "packaging" / "macos" / "Info.plist"])
def test_xml_files_are_well_formed(path: Path) -> None:
    result = subprocess.run(
        [_tool("xmllint"), "--noout", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_update_mime_database_takes_the_workspace_type(tmp_path: Path) -> None:
    packages = tmp_path / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy(MIME_XML, packages)
    result = subprocess.run(
        [_tool("update-mime-database"), str(tmp_path / "mime")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "Unknown" not in result.stderr and "Error" not in result.stderr, result.stderr
    globs = (tmp_path / "mime" / "globs2").read_text()
    assert f"{WORKSPACE_MIME_TYPE}:*{WORKSPACE_SUFFIX}" in globs


def test_desktop_file_opens_workspaces_with_the_app() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(DESKTOP, encoding="utf-8")
    d = entry["Desktop Entry"]
    assert d["Exec"].split() == [EXECUTABLE, "open", "%f"]
    assert d["Icon"] == APP_ID
    assert d["MimeType"].rstrip(";").split(";") == [WORKSPACE_MIME_TYPE]
    assert re.search(r"[\u4e00-\u9fff]", d["Comment[zh_CN]"])  # real Chinese


def test_mime_type_knows_a_workspace_by_name_and_by_its_header() -> None:
    import xml.etree.ElementTree as ET

    mime = ET.parse(MIME_XML).getroot().find("m:mime-type", MIME_NS)
    assert mime is not None and mime.get("type") == WORKSPACE_MIME_TYPE
    globs = [g.get("pattern") for g in mime.findall("m:glob", MIME_NS)]
    assert globs == [f"*{WORKSPACE_SUFFIX}"]
    icon = mime.find("m:icon", MIME_NS)
    assert icon is not None and icon.get("name") == WORKSPACE_MIME_TYPE.replace("/", "-")
    inner = mime.find("m:magic/m:match/m:match", MIME_NS)
    assert inner is not None
    assert (inner.get("type"), inner.get("offset")) == ("big32", "68")
    assert int(inner.get("value") or "0", 16) == APPLICATION_ID  # the storage layer's id


def test_macos_document_type_is_our_uti_for_qms_files() -> None:
    info = plistlib.loads((ROOT / "packaging" / "macos" / "Info.plist").read_bytes())
    (declared,) = info["UTExportedTypeDeclarations"]
    assert declared["UTTypeIdentifier"] == WORKSPACE_UTI
    tags = declared["UTTypeTagSpecification"]
    assert tags["public.filename-extension"] == [WORKSPACE_SUFFIX.lstrip(".")]
    assert tags["public.mime-type"] == [WORKSPACE_MIME_TYPE]
    (document,) = info["CFBundleDocumentTypes"]
    assert document["LSItemContentTypes"] == [WORKSPACE_UTI]
    assert document["CFBundleTypeRole"] == "Editor"
    assert (ROOT / "resources" / "icons" / document["CFBundleTypeIconFile"]).is_file()


def test_windows_installer_registers_the_workspace_type() -> None:
    iss = (ROOT / "packaging" / "windows" / "qms-desktop.iss").read_text(encoding="utf-8")
    assert f'#define ProgId "{WORKSPACE_PROGID}"' in iss
    assert 'Subkey: "Software\\Classes\\.qms"' in iss
    assert '""{app}\\{#AppExe}"" open ""%1""' in iss  # opens through the `open` command
    assert "qms-workspace.ico" in iss and "ChangesAssociations=yes" in iss
    assert "uninsdeletekey" in iss  # uninstalling removes the association


def test_build_script_names_the_same_app_id() -> None:
    text = (ROOT / "packaging" / "dev.py").read_text(encoding="utf-8")
    assert f'APP_ID = "{APP_ID}"' in text


def test_appdir_is_assembled_from_a_bundle_folder(tmp_path: Path) -> None:
    """The AppImage recipe, up to appimagetool, on a stand-in bundle."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("dev", ROOT / "packaging" / "dev.py")
    assert spec is not None and spec.loader is not None
    dev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dev)
    bundle = tmp_path / "qms-desktop"
    bundle.mkdir()
    exe = bundle / "qms-desktop"
    exe.write_text("#!/bin/sh\necho 'qms-desktop 9.8.7'\n")
    exe.chmod(0o755)
    dev.add_linux_desktop_files(bundle)
    assert (bundle / "install-desktop-integration.sh").is_file()
    result = subprocess.run(
        ["bash", str(LINUX / "build-appimage.sh"), str(bundle), str(tmp_path / "out")],
        env={"PATH": "/usr/bin:/bin", "APPDIR_ONLY": "1"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    appdir = Path(result.stdout.strip().splitlines()[-1])
    assert (appdir / "AppRun").is_file() and (appdir / f"{APP_ID}.desktop").is_file()
    assert (appdir / f"{APP_ID}.png").is_file()
    assert (appdir / "usr/share/mime/packages" / f"{APP_ID}.xml").is_file()
    assert (
        appdir / "usr/share/icons/hicolor/48x48/mimetypes/application-x-qms-workspace.png"
    ).is_file()
    assert (appdir / "usr/share/metainfo" / f"{APP_ID}.appdata.xml").is_file()
    run = subprocess.run([str(appdir / "AppRun"), "--version"], capture_output=True, text=True)
    assert run.stdout.strip() == "qms-desktop 9.8.7"
    shutil.rmtree(appdir.parent)


def test_user_install_script_registers_and_removes(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("dev", ROOT / "packaging" / "dev.py")
    assert spec is not None and spec.loader is not None
    dev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dev)
    bundle = tmp_path / "My Apps" / "qms-desktop"
    bundle.mkdir(parents=True)
    dev.add_linux_desktop_files(bundle)
    data = tmp_path / "data"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_DATA_HOME": str(data)}
    script = bundle / "install-desktop-integration.sh"
    subprocess.run(["sh", str(script)], env=env, check=True, capture_output=True)
    desktop = (data / "applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    assert f'Exec="{bundle}/qms-desktop" open %f' in desktop
    assert (data / "mime" / "packages" / f"{APP_ID}.xml").is_file()
    assert (data / "icons/hicolor/256x256/apps" / f"{APP_ID}.png").is_file()
    subprocess.run(["sh", str(script), "--remove"], env=env, check=True, capture_output=True)
    assert not (data / "applications" / f"{APP_ID}.desktop").exists()
    assert not (data / "icons/hicolor/256x256/apps" / f"{APP_ID}.png").exists()
