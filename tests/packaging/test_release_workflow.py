"""The release workflow builds on the three platforms with pinned actions and smoke-tests
each bundle before attaching it."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"


def _steps() -> list[dict]:
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    return [step for job in jobs.values() for step in job["steps"]]


def test_every_action_is_pinned_to_a_commit() -> None:
    uses = [step["uses"] for step in _steps() if "uses" in step]
    assert uses
    for use in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", use), use


def test_builds_on_windows_macos_and_linux() -> None:
    job = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["bundle"]
    systems = {entry["os"].split("-")[0] for entry in job["strategy"]["matrix"]["include"]}
    assert systems == {"ubuntu", "windows", "macos"}
    runs = " ".join(step.get("run", "") for step in job["steps"])
    assert "packaging/dev.py bundle" in runs  # builds and smoke-tests the bundle
    assert "ISCC.exe" in runs and "make-dmg.sh" in runs and "build-appimage.sh" in runs


def test_the_release_job_only_runs_for_version_tags() -> None:
    release = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["release"]
    assert release["needs"] == "bundle"
    assert "refs/tags/v" in release["if"]
    assert release["permissions"] == {"contents": "write"}
