"""Render every template for the demo organisation in both languages and both formats, and
save one page of each as a PNG in docs/ (DOCX pages via LibreOffice, if installed).

Usage: python packaging/document_samples.py [OUT_DIR]   (needs poppler's pdftoppm)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = {
    "quality-manual": 3,
    "service-outline": 3,
    "gap-report": 3,
    "service-commitment": 1,
    "service-recovery-plan": 1,
    "responsibility-matrix": 2,
    "satisfaction-survey-report": 3,
    "complaints-and-recovery-report": 3,
    "internal-audit-report": 2,
    "management-review-report": 3,
    "quality-cost-report": 2,
}


def main() -> int:
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"
    out_dir.mkdir(parents=True, exist_ok=True)
    from qms_desktop.documents import list_templates
    from qms_desktop.services.demo import write_demo
    from qms_desktop.services.documents import render_workspace_document
    from qms_desktop.storage.workspace import Workspace

    tmp = Path(tempfile.mkdtemp(prefix="qms-samples-"))
    soffice = shutil.which("soffice")
    for lang in ("en", "zh_CN"):
        demo = write_demo(tmp / f"demo-{lang}.qms", lang)
        with Workspace.open(demo, read_only=True) as ws:
            for info in list_templates():
                for fmt in ("pdf", "docx"):
                    out = render_workspace_document(
                        ws, info.id, lang=lang, fmt=fmt, out_path=tmp / f"{info.id}-{lang}.{fmt}"
                    )
                    pdf = out
                    if fmt == "docx":
                        if not soffice:
                            continue
                        subprocess.run(
                            [
                                soffice,
                                "--headless",
                                "--convert-to",
                                "pdf",
                                "--outdir",
                                str(tmp / "lo"),
                                str(out),
                            ],
                            check=True,
                            capture_output=True,
                            timeout=300,
                        )
                        pdf = tmp / "lo" / f"{out.stem}.pdf"
                    page = PAGE.get(info.id, 1)
                    target = out_dir / f"doc-{info.id}-{lang}-{fmt}"
                    subprocess.run(
                        [
                            "pdftoppm",
                            "-png",
                            "-r",
                            "45",
                            "-f",
                            str(page),
                            "-l",
                            str(page),
                            "-singlefile",
                            str(pdf),
                            str(target),
                        ],
                        check=True,
                    )
                    print(f"{target}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
