"""Sentences of the Allocate and Strengthen steps (roles, the responsibility matrix, facilities
and equipment, references between records) in English and Simplified Chinese (see
messages.py). Field errors are shown next to their field, so they do not repeat its name."""

MESSAGES: dict[str, tuple[str, str]] = {
    # references between records
    "core.must_be_reference": (
        "Pick a record from the list.",
        "请从列表中选择一条记录。",
    ),
    "allocation.reference_gone": (
        "The record picked here (no. {id}) does not exist; it may have been deleted.",
        "此处选择的记录（编号 {id}）不存在，可能已被删除。",
    ),
    "allocation.person_left": (
        "{name} has left the organisation and cannot be picked here.",
        "{name} 已离开本组织，不能在此选择。",
    ),
    "allocation.person_in_use": (
        "{name} cannot be deleted while records point at them: {uses}. Appoint someone else, "
        "or mark {name} as left (the records keep their history).",
        "{name} 仍被以下记录引用，不能删除：{uses}。请改任他人，或将 {name} 标为已离职（记录保留其历史）。",
    ),
    "allocation.record_in_use": (
        "“{name}” cannot be deleted while records point at it: {uses}.",
        "“{name}”仍被以下记录引用，不能删除：{uses}。",
    ),
    "allocation.used_by_role": ("the role “{label}”", "岗位“{label}”"),
    "allocation.used_by_responsibility": (
        "{count} cell(s) of the responsibility matrix",
        "责任矩阵中的 {count} 个单元格",
    ),
    "allocation.used_by_facility": ("the facility “{label}”", "设施“{label}”"),
    "allocation.used_by_basic_work": (
        "the basic management work “{label}”",
        "基础管理工作“{label}”",
    ),
    "allocation.used_by_training": ("the training session “{label}”", "培训“{label}”"),
    # roles
    "allocation.appointed_on_needs_appointee": (
        "An appointment date needs the person appointed.",
        "填写任命日期前，请先选择被任命人。",
    ),
    "allocation.reporting_loop": (
        "A role cannot report to itself, directly or through the roles above it.",
        "岗位不能直接或经由上级岗位向自己汇报。",
    ),
    # the responsibility matrix
    "allocation.not_raci": (
        "“{value}” is not R, A, C or I (responsible, accountable, consulted, informed).",
        "“{value}”不是 R、A、C 或 I（负责、批准/问责、咨询、知会）。",
    ),
    "allocation.cell_needs_one_target": (
        "A matrix cell is for one process or one system element.",
        "责任矩阵的每个单元格只对应一个过程或一个体系要素。",
    ),
    "allocation.cell_taken": (
        "This role already has a letter for that process or element; change that cell instead.",
        "该岗位对此过程或要素已有字母，请直接修改该单元格。",
    ),
    "allocation.not_a_target": (
        "The matrix has no column “{kind}”; its columns are processes and system elements.",
        "责任矩阵没有“{kind}”列，其列为过程和体系要素。",
    ),
    "allocation.process_without_a": (
        "No role is accountable (A) for the process “{name}”.",
        "过程“{name}”没有批准/问责（A）岗位。",
    ),
    "allocation.element_without_a": (
        "No role is accountable (A) for the system element “{name}”.",
        "体系要素“{name}”没有批准/问责（A）岗位。",
    ),
    "allocation.process_many_a": (
        "The process “{name}” has more than one accountable role (A): {roles}.",
        "过程“{name}”有多个批准/问责（A）岗位：{roles}。",
    ),
    "allocation.element_many_a": (
        "The system element “{name}” has more than one accountable role (A): {roles}.",
        "体系要素“{name}”有多个批准/问责（A）岗位：{roles}。",
    ),
    "allocation.matrix_role_unfilled": (
        "The role “{role}” holds cells of the matrix but nobody fills it.",
        "岗位“{role}”在责任矩阵中有职责，但尚无人任职。",
    ),
    # facilities and equipment
    "allocation.calibration_only_for_measuring": (
        "Only measuring equipment is calibrated; choose that kind or clear the calibration.",
        "只有计量器具需要校准；请选择该类别，或清除校准信息。",
    ),
    "allocation.interval_out_of_range": (
        "The calibration interval is a number of months from 1 to {limit}.",
        "校准周期为 1 至 {limit} 个月。",
    ),
    "allocation.interval_whole_months": (
        "The calibration interval is a whole number of months.",
        "校准周期须为整月数。",
    ),
    "allocation.calibration_after_next": (
        "The last calibration ({last}) is after the next one ({next}).",
        "上次校准日期（{last}）晚于下次校准日期（{next}）。",
    ),
    # training attendees
    "allocation.not_an_attendee_list": (
        "Attendees are picked from the people register.",
        "参加人员须从人员登记表中选择。",
    ),
}
