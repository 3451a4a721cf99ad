"""A small requirement library for tests, stored straight into a workspace."""

from qms_desktop.domain.requirements import LibraryCopy, LibraryRow
from qms_desktop.services.libraries import store_library
from qms_desktop.storage.workspace import Workspace

ROWS = (
    LibraryRow("4", "", 0, True, "Context of the organization", "组织环境"),
    LibraryRow(
        "4.1",
        "4",
        1,
        False,
        "Understanding the organization and its context",
        "理解组织及其环境",
        "Look for a record of internal and external issues.",
        "查看内外部因素的记录。",
    ),
    LibraryRow(
        "4.2",
        "4",
        1,
        False,
        "Interested parties",
        "相关方",
        "A list of interested parties.",
        "相关方清单。",
    ),
    LibraryRow("4.3", "4", 1, False, "Scope", "范围", "The written scope.", "成文的范围。"),
    LibraryRow("8", "", 0, True, "Operation", "运行"),
    LibraryRow("8.5", "8", 1, True, "Production and service provision", "生产和服务提供"),
    LibraryRow(
        "8.5.1",
        "8.5",
        2,
        False,
        "Control of service provision",
        "服务提供的控制",
        "Check-in procedure, room inspection records.",
        "入住程序、查房记录。",
    ),
    LibraryRow(
        "8.5.2",
        "8.5",
        2,
        False,
        "Identification and traceability",
        "标识和可追溯性",
        "Key cards.",
        "房卡。",
    ),
    LibraryRow("10", "", 0, True, "Improvement", "改进"),
    LibraryRow(
        "10.2",
        "10",
        1,
        False,
        "Nonconformity and corrective action",
        "不合格和纠正措施",
        "Complaint log with causes and actions.",
        "含原因和措施的投诉记录。",
    ),
)

LIBRARY = LibraryCopy("test-iso", "Test ISO", "测试标准", "1", "yaml", "id: test-iso\n", ROWS)


def add_test_library(ws: Workspace, library: LibraryCopy = LIBRARY) -> None:
    store_library(ws, "tester", library)
