"""Sentences of the steps' progress rules — what a step still lacks, and the warning on a
signed-off step whose rule no longer holds — in English and Simplified Chinese."""

MESSAGES: dict[str, tuple[str, str]] = {
    "steps.rule_broken": (
        "Signed off, but its rule no longer holds: {reasons}",
        "已签核，但完成条件已不再满足：{reasons}",
    ),
}
