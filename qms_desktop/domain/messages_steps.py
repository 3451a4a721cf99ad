"""Sentences of the steps' progress rules — what a step still lacks, and the warning on a
signed-off step whose rule no longer holds — in English and Simplified Chinese."""

MESSAGES: dict[str, tuple[str, str]] = {
    "steps.rule_broken": (
        "Signed off, but its rule no longer holds: {reasons}",
        "已签核，但完成条件已不再满足：{reasons}",
    ),
    # 1 Summarise
    "steps.no_lessons": ("no experience or lesson recorded yet", "尚未记录任何经验教训"),
    "steps.lessons_open": (
        "{count} lesson(s) neither adopted into a document nor rejected",
        "{count} 条经验教训既未采纳成文件，也未否决",
    ),
    # 2 Study
    "steps.no_study_plan": ("no study planned yet", "尚未制定学习计划"),
    "steps.study_open": (
        "{role}: {standard} not yet studied",
        "{role}：尚未完成《{standard}》的学习",
    ),
    # 3 Compare
    "steps.no_assessment": ("no gap assessment yet", "尚未开展差距评估"),
    "steps.unassessed": (
        "{count} applicable requirement(s) not yet assessed",
        "{count} 条适用要求尚未评估",
    ),
    # 4 Plan
    "steps.plan_part_missing": ("the design lacks {part}", "体系设计缺少{part}"),
    "steps.part_positioning": ("the service positioning", "服务定位"),
    "steps.part_policy": ("the quality policy", "质量方针"),
    "steps.part_objectives": ("quality objectives", "质量目标"),
    "steps.part_elements": ("adopted system elements", "选定的体系要素"),
    "steps.part_processes": ("the process network", "过程网络"),
    "steps.part_documents": ("the planned documents", "文件体系设计"),
    "steps.part_outline": ("the service outline", "服务大纲"),
    "steps.part_commitment": ("the service commitment", "服务承诺"),
    "steps.part_satisfaction": ("satisfaction standards", "满意度标准"),
    # 5 Allocate
    "steps.no_roles": ("no roles recorded yet", "尚未设立任何岗位"),
    "steps.role_unfilled": ("nobody fills the role “{role}”", "岗位“{role}”无人任职"),
    "steps.role_appointee_left": (
        "{name}, appointed to “{role}”, has left",
        "任职“{role}”的 {name} 已离职",
    ),
    "steps.role_no_competence": (
        "the competence of the person in “{role}” is not recorded",
        "岗位“{role}”任职人员的能力尚无记录",
    ),
    "steps.resource_not_in_service": (
        "“{item}” is not in service yet",
        "“{item}”尚未投入使用",
    ),
    "steps.calibration_overdue": (
        "“{item}” was due for calibration on {due}",
        "“{item}”应于 {due} 校准，已逾期",
    ),
    # 6 Strengthen
    "steps.no_basic_work": (
        "no area of basic management work recorded yet",
        "尚未记录任何基础管理工作",
    ),
    "steps.basic_work_open": ("“{area}” is not in place yet", "“{area}”尚未到位"),
}
