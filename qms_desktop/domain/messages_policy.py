"""Sentences of the quality policy check (ISO 9001 5.2.1, domain/policy.py) and of outsourced
processes, in English and Simplified Chinese (see messages.py)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "policy.missing_purpose": (
        "It does not say what the organisation is for or whom it serves (its purpose and context).",
        "未说明组织的宗旨或服务对象（与组织的宗旨和环境相适应）。",
    ),
    "policy.missing_objectives": (
        "It gives no framework for setting quality objectives.",
        "未为制定质量目标提供框架。",
    ),
    "policy.missing_requirements": (
        "It does not commit to satisfying applicable requirements.",
        "未承诺满足适用的要求。",
    ),
    "policy.missing_improvement": (
        "It does not commit to continual improvement of the quality system.",
        "未承诺持续改进质量管理体系。",
    ),
    "policy.incomplete": (
        "the quality policy does not state: {missing}",
        "质量方针未写明：{missing}",
    ),
    "policy.commitment_purpose": ("its purpose and context", "组织的宗旨和环境"),
    "policy.commitment_objectives": ("a framework for objectives", "制定质量目标的框架"),
    "policy.commitment_requirements": (
        "a commitment to satisfy applicable requirements",
        "满足适用要求的承诺",
    ),
    "policy.commitment_improvement": (
        "a commitment to continual improvement",
        "持续改进的承诺",
    ),
    "plan.outsourced_needs_provider": (
        "An outsourced process needs its external provider.",
        "外包过程须写明外部供方。",
    ),
}
