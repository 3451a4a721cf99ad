<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActionsPanel</name>
    <message>
        <source>Raise from a finding…</source>
        <translation>从发现项提出…</translation>
    </message>
    <message>
        <source>A nonconformity from a checklist gap or an audit finding, linked to it</source>
        <translation>根据检查表差距或审核发现提出不合格，并与之关联</translation>
    </message>
    <message>
        <source>Raise from a complaint…</source>
        <translation>从投诉提出…</translation>
    </message>
    <message>
        <source>Verify…</source>
        <translation>验证…</translation>
    </message>
    <message>
        <source>Record whether the action worked; a &apos;no&apos; reopens it, kept on record</source>
        <translation>记录措施是否有效；结论为“否”时重新打开该措施，验证记录予以保留</translation>
    </message>
    <message>
        <source>Turn into a lesson</source>
        <translation>转为经验教训</translation>
    </message>
    <message>
        <source>Adds a lesson to step 1 (Summarise) from the root cause, linked to it</source>
        <translation>根据根本原因在第 1 步（总结）中添加一条经验教训，并与之关联</translation>
    </message>
    <message>
        <source>Raise from a finding</source>
        <translation>从发现项提出</translation>
    </message>
    <message>
        <source>No checklist gap or audit finding is waiting for a nonconformity.</source>
        <translation>没有等待提出不合格的检查表差距或审核发现。</translation>
    </message>
    <message>
        <source>Raise a nonconformity</source>
        <translation>提出不合格</translation>
    </message>
    <message>
        <source>Raise from a complaint</source>
        <translation>从投诉提出</translation>
    </message>
    <message>
        <source>No complaint has been recorded.</source>
        <translation>尚未记录任何投诉。</translation>
    </message>
    <message>
        <source>Verify effectiveness</source>
        <translation>验证有效性</translation>
    </message>
</context>
<context>
    <name>AppraisalPanel</name>
    <message>
        <source>Apply the veto…</source>
        <translation>实行否决…</translation>
    </message>
    <message>
        <source>Record that the quality veto applies to this appraisal, with the reason</source>
        <translation>记录本次考核实行质量否决及其理由</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>(no department)</source>
        <translation>（无部门）</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Veto proposed</source>
        <translation>建议否决</translation>
    </message>
    <message>
        <source>Veto applied</source>
        <translation>已实行否决</translation>
    </message>
    <message>
        <source>Economic effect</source>
        <translation>经济责任影响</translation>
    </message>
    <message>
        <source>Select an appraisal to see whether its period&apos;s records propose the quality veto.</source>
        <translation>选择一项考核，查看其期间的记录是否建议实行质量否决。</translation>
    </message>
    <message>
        <source>Apply the quality veto</source>
        <translation>实行质量否决</translation>
    </message>
    <message>
        <source>Why does the veto apply? (the record or event it rests on)</source>
        <translation>为何实行否决？（所依据的记录或事件）</translation>
    </message>
</context>
<context>
    <name>AssessmentPicker</name>
    <message>
        <source>Assessment:</source>
        <translation>评估：</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>New assessment…</source>
        <translation>新建评估…</translation>
    </message>
    <message>
        <source>Rename the assessment</source>
        <translation>重命名评估</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <source>Rename %1</source>
        <translation>重命名 %1</translation>
    </message>
    <message>
        <source>Delete the assessment</source>
        <translation>删除评估</translation>
    </message>
    <message>
        <source>Delete “%1” with all its findings and evidence files? Edit ▸ Undo brings it back.</source>
        <translation>删除“%1”及其全部发现和证据文件？可通过“编辑 ▸ 撤销”恢复。</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>删除 %1</translation>
    </message>
    <message>
        <source>The change was not made</source>
        <translation>未做出更改</translation>
    </message>
</context>
<context>
    <name>AttachmentsPanel</name>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Attach…</source>
        <translation>附加…</translation>
    </message>
    <message>
        <source>Store files in the workspace with this record (or drop them on the list)</source>
        <translation>把文件随本记录存入工作区（也可拖放到列表中）</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Open a copy in its usual program; changes to it are not stored</source>
        <translation>用常用程序打开一份副本；对副本的修改不会存入</translation>
    </message>
    <message>
        <source>Save a copy…</source>
        <translation>另存副本…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove the selected files (Ctrl+Z undoes)</source>
        <translation>移除所选文件（Ctrl+Z 可撤销）</translation>
    </message>
    <message>
        <source>Files can be attached once the record is saved.</source>
        <translation>记录保存后即可附加文件。</translation>
    </message>
    <message>
        <source>Select a record to see its files.</source>
        <translation>选择一条记录以查看其文件。</translation>
    </message>
    <message>
        <source>No files attached. Drop files here or use Attach…</source>
        <translation>尚无附件。可把文件拖放到此处，或使用“附加…”</translation>
    </message>
    <message>
        <source>First page</source>
        <translation>第一页</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>No preview of this kind of file; use Open.</source>
        <translation>无法预览此类文件；请使用“打开”。</translation>
    </message>
    <message>
        <source>Attach %1</source>
        <translation>附加 %1</translation>
    </message>
    <message>
        <source>Attach %1 files</source>
        <translation>附加 %1 个文件</translation>
    </message>
    <message>
        <source>Attached %1</source>
        <translation>已附加 %1</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>附加文件</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>移除 %1</translation>
    </message>
    <message>
        <source>Remove %1 files</source>
        <translation>移除 %1 个文件</translation>
    </message>
    <message>
        <source>Save a copy of the file</source>
        <translation>另存文件副本</translation>
    </message>
    <message>
        <source>Saved a copy as %1</source>
        <translation>副本已另存为 %1</translation>
    </message>
    <message>
        <source>No program on this computer opens this kind of file; save a copy instead.</source>
        <translation>本机没有能打开此类文件的程序；请改为另存副本。</translation>
    </message>
</context>
<context>
    <name>AuditorExport</name>
    <message>
        <source>Export for auditor</source>
        <translation>导出给审核员</translation>
    </message>
    <message>
        <source>Zip archive (*.zip)</source>
        <translation>Zip 压缩包 (*.zip)</translation>
    </message>
    <message>
        <source>Preparing the auditor&apos;s package…</source>
        <translation>正在准备审核资料包……</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Wrote the auditor&apos;s package %1: %2 files, %3 MB; check it with “qms-desktop verify”.</source>
        <translation>已写出审核资料包 %1：%2 个文件，%3 MB；可用“qms-desktop verify”核验。</translation>
    </message>
    <message>
        <source>The auditor&apos;s package was not written</source>
        <translation>未写出审核资料包</translation>
    </message>
</context>
<context>
    <name>AuditsPanel</name>
    <message>
        <source>Start audit</source>
        <translation>开始审核</translation>
    </message>
    <message>
        <source>Draws the audit&apos;s checklist from the requirements in its scope (its clauses, or the process&apos;s requirements) and puts it in progress</source>
        <translation>根据审核范围内的要求（其条款，或过程的要求）生成审核检查表，并将审核置为进行中</translation>
    </message>
    <message>
        <source>Held on:</source>
        <translation>实施日期：</translation>
    </message>
    <message>
        <source>Complete audit</source>
        <translation>完成审核</translation>
    </message>
    <message>
        <source>Completes the audit on the day it was held; every nonconforming finding needs a grade</source>
        <translation>以实施日期完成审核；每项不符合的发现都须定级</translation>
    </message>
    <message>
        <source>Planned: start it when the audit begins.</source>
        <translation>已计划：审核开始时请点击“开始审核”。</translation>
    </message>
    <message>
        <source>In progress: grade the findings below, then complete it.</source>
        <translation>进行中：为下方的发现项定级，然后完成审核。</translation>
    </message>
    <message>
        <source>Completed.</source>
        <translation>已完成。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Plan an audit with Add.</source>
        <translation>点击“添加”计划一次审核。</translation>
    </message>
    <message>
        <source>Audits and findings</source>
        <translation>审核与发现</translation>
    </message>
    <message>
        <source>Year programme</source>
        <translation>年度方案</translation>
    </message>
</context>
<context>
    <name>BasicWorkPanel</name>
    <message>
        <source>Start from the six areas the method names (standardisation, measurement, quality information, the responsibility system, rules, education) and change them to fit.</source>
        <translation>从方法列出的六个方面（标准化、计量、质量信息、质量责任制、规章制度、质量教育）开始，再按本组织的情况修改。</translation>
    </message>
    <message>
        <source>Add the starting areas</source>
        <translation>添加初始方面</translation>
    </message>
</context>
<context>
    <name>BulkEditDialog</name>
    <message>
        <source>Set a field of the %1 selected records to one value.</source>
        <translation>把所选 %1 条记录的某个字段设为同一个值。</translation>
    </message>
    <message>
        <source>Field:</source>
        <translation>字段：</translation>
    </message>
    <message>
        <source>New value:</source>
        <translation>新值：</translation>
    </message>
    <message>
        <source>Edit selected records</source>
        <translation>编辑所选记录</translation>
    </message>
</context>
<context>
    <name>Checklist</name>
    <message>
        <source>Not assessed</source>
        <translation>未评估</translation>
    </message>
    <message>
        <source>Conforming</source>
        <translation>符合</translation>
    </message>
    <message>
        <source>Partially conforming</source>
        <translation>部分符合</translation>
    </message>
    <message>
        <source>Nonconforming</source>
        <translation>不符合</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>Major nonconformity</source>
        <translation>严重不符合</translation>
    </message>
    <message>
        <source>Minor nonconformity</source>
        <translation>轻微不符合</translation>
    </message>
    <message>
        <source>Observation</source>
        <translation>观察项</translation>
    </message>
    <message>
        <source>Opportunity for improvement</source>
        <translation>改进机会</translation>
    </message>
    <message>
        <source>Good practice</source>
        <translation>良好实践</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未关闭</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>ChecklistExchange</name>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Export the requirements shown (after filtering) to Excel or CSV</source>
        <translation>将当前显示（筛选后）的要求导出为 Excel 或 CSV</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Apply a filled-in checklist from Excel or CSV</source>
        <translation>从 Excel 或 CSV 导入已填写的检查表</translation>
    </message>
    <message>
        <source>Export checklist</source>
        <translation>导出检查表</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Exported %1 requirement(s) to %2</source>
        <translation>已将 %1 项要求导出到 %2</translation>
    </message>
    <message>
        <source>Import checklist</source>
        <translation>导入检查表</translation>
    </message>
    <message>
        <source>Checklists (*.xlsx *.csv)</source>
        <translation>检查表 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Import refused — nothing was changed</source>
        <translation>导入被拒绝——未作任何修改</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <source>Imported %1: %2 requirement(s) changed, %3 unchanged</source>
        <translation>已导入 %1：%2 项要求有修改，%3 项未变</translation>
    </message>
</context>
<context>
    <name>ChecklistModel</name>
    <message>
        <source>Ref.</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>Requirement</source>
        <translation>要求</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>发现</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
</context>
<context>
    <name>ChecklistPanel</name>
    <message>
        <source>Add library…</source>
        <translation>添加要求库…</translation>
    </message>
    <message>
        <source>Add your own requirement library (YAML) or an OSCAL catalog (JSON)</source>
        <translation>添加自己的要求库（YAML）或 OSCAL 目录（JSON）</translation>
    </message>
    <message>
        <source>Compare…</source>
        <translation>比较…</translation>
    </message>
    <message>
        <source>What improved and what regressed since an earlier assessment</source>
        <translation>与较早的评估相比，哪些改进了，哪些退步了</translation>
    </message>
    <message>
        <source>Keys 0–4 set the status: 0 not assessed, 1 conforming, 2 partially conforming, 3 nonconforming, 4 not applicable. Enter edits.</source>
        <translation>按 0–4 键设置状态：0 未评估，1 符合，2 部分符合，3 不符合，4 不适用。按回车键编辑。</translation>
    </message>
    <message>
        <source>No assessment yet. Add a requirement library and start a baseline assessment with “New assessment…”.</source>
        <translation>尚无评估。请添加要求库，并通过“新建评估…”开始基线评估。</translation>
    </message>
    <message>
        <source>Conformity by clause appears here once requirements are assessed.</source>
        <translation>评估要求后，此处将显示各条款的符合度。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Conformity %1&lt;/b&gt; · assessed %2 of %3 applicable (%4%)</source>
        <translation>&lt;b&gt;符合度 %1&lt;/b&gt; · 已评估 %3 项适用要求中的 %2 项（%4%）</translation>
    </message>
    <message>
        <source>Set status to %1</source>
        <translation>将状态设为%1</translation>
    </message>
</context>
<context>
    <name>CirclesPanel</name>
    <message>
        <source>%1: %2 circle(s) registered, %3 project(s) finished, savings %4</source>
        <translation>%1 年：登记 %2 个小组，完成 %3 个课题，节约 %4</translation>
    </message>
</context>
<context>
    <name>ClaimsPanel</name>
    <message>
        <source>%1 claim(s), %2 paid, payouts %3; commitment kept on %4 of services</source>
        <translation>索赔 %1 件，已支付 %2 件，赔付 %3；%4 的服务兑现了承诺</translation>
    </message>
</context>
<context>
    <name>ColumnMapDialog</name>
    <message>
        <source>Import %1 — map its columns</source>
        <translation>导入 %1——对应各列</translation>
    </message>
    <message>
        <source>Rows above the data (title, headings):</source>
        <translation>数据上方的行数（标题、表头）：</translation>
    </message>
    <message>
        <source>Library of the references:</source>
        <translation>条款编号所属的要求库：</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>(not used)</source>
        <translation>（不使用）</translation>
    </message>
    <message>
        <source>Choose the column that holds the reference (clause).</source>
        <translation>请选择存放条款编号的列。</translation>
    </message>
    <message>
        <source>%1 requirement(s) will change, %2 stay as they are.</source>
        <translation>将更改 %1 项要求，%2 项保持不变。</translation>
    </message>
</context>
<context>
    <name>CommitmentPanel</name>
    <message>
        <source>How the draft rates against the five qualities</source>
        <translation>草稿对照五项品质的评价</translation>
    </message>
    <message>
        <source>%1 of 5 qualities met</source>
        <translation>满足 5 项特性中的 %1 项</translation>
    </message>
</context>
<context>
    <name>ComparePage</name>
    <message>
        <source>Step 3 · %1 — the gap checklist</source>
        <translation>第3步 · %1 — 差距检查表</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>检查表</translation>
    </message>
    <message>
        <source>Guidance and sign-off</source>
        <translation>指南与签核</translation>
    </message>
</context>
<context>
    <name>ComparisonDialog</name>
    <message>
        <source>Compare assessments</source>
        <translation>比较评估</translation>
    </message>
    <message>
        <source>Compare with:</source>
        <translation>比较对象：</translation>
    </message>
    <message>
        <source>Improved:</source>
        <translation>有改进：</translation>
    </message>
    <message>
        <source>Regressed:</source>
        <translation>有退步：</translation>
    </message>
    <message>
        <source>Newly assessed:</source>
        <translation>新评估：</translation>
    </message>
    <message>
        <source>There is no other assessment to compare with.</source>
        <translation>没有可供比较的其他评估。</translation>
    </message>
    <message>
        <source>%1 improved, %2 regressed, %3 newly assessed, %4 unchanged.</source>
        <translation>改进 %1 项，退步 %2 项，新评估 %3 项，未变 %4 项。</translation>
    </message>
</context>
<context>
    <name>ComplaintsPanel</name>
    <message>
        <source>Turn the cause into a lesson</source>
        <translation>将原因转为经验教训</translation>
    </message>
    <message>
        <source>Adds a lesson to step 1 (Summarise) from this complaint&apos;s cause, linked to it</source>
        <translation>根据本投诉的原因在第 1 步（总结）中添加一条经验教训，并与本投诉关联</translation>
    </message>
</context>
<context>
    <name>ConformityChart</name>
    <message>
        <source>conformity, by clause</source>
        <translation>各条款符合度</translation>
    </message>
    <message>
        <source>share assessed</source>
        <translation>已评估比例</translation>
    </message>
    <message>
        <source>Clause %1: conformity %2, %3% of its requirements assessed</source>
        <translation>第 %1 条：符合度 %2，已评估其要求的 %3%</translation>
    </message>
</context>
<context>
    <name>CustomersPanel</name>
    <message>
        <source>Record customers per month to see retention.</source>
        <translation>按月记录顾客数即可查看顾客保持率。</translation>
    </message>
    <message>
        <source>Latest month %1: retention %2, %3 complaint(s) per 1 000 services.</source>
        <translation>最近一月 %1：顾客保持率 %2，每千次服务投诉 %3 件。</translation>
    </message>
    <message>
        <source>Assumption (the method&apos;s rule of thumb): winning a new customer costs 3–5 times keeping one. Keeping one costs %1, so a lost customer costs %2–%3 to replace, and one point of retention is worth %4–%5.</source>
        <translation>假设（方法中的经验法则）：争取一位新顾客的成本是保持一位老顾客的 3–5 倍。保持一位顾客的成本为 %1，因此补上一位流失顾客需要 %2–%3，顾客保持率每提高一个百分点价值 %4–%5。</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Overall progress through the eight steps</source>
        <translation>八个步骤的总体进度</translation>
    </message>
    <message>
        <source>The eight steps</source>
        <translation>八个步骤</translation>
    </message>
    <message>
        <source>Go to step</source>
        <translation>前往该步骤</translation>
    </message>
    <message>
        <source>Gap checklist</source>
        <translation>差距检查表</translation>
    </message>
    <message>
        <source>No requirement assessed yet — start in step 3, Compare.</source>
        <translation>尚未评估任何要求——请从第3步“对照”开始。</translation>
    </message>
    <message>
        <source>⚠ %1 overdue corrective actions</source>
        <translation>⚠ %1 项纠正措施已逾期</translation>
    </message>
    <message>
        <source>All eight steps are done. Keep the system running: audit, review and improve.</source>
        <translation>八个步骤均已完成。请保持体系运行：审核、评审、改进。</translation>
    </message>
    <message>
        <source>Next: step %1 · %2</source>
        <translation>下一步：第%1步 · %2</translation>
    </message>
    <message>
        <source>Step %1 · %2 was signed off, but: %3</source>
        <translation>第 %1 步 · %2 已签核，但：%3</translation>
    </message>
    <message>
        <source>No assessment yet.</source>
        <translation>尚无评估。</translation>
    </message>
    <message>
        <source>%1: conformity %2, %3% of applicable requirements assessed.</source>
        <translation>%1：符合度 %2，已评估 %3% 的适用要求。</translation>
    </message>
    <message>
        <source>Next audit %1 — open actions: %2, overdue: %3, due after the audit: %4.</source>
        <translation>下次审核 %1 —— 未完成措施：%2，已逾期：%3，审核后到期：%4。</translation>
    </message>
</context>
<context>
    <name>DateLineEdit</name>
    <message>
        <source>Pick a date (Alt+Down)</source>
        <translation>选择日期（Alt+向下键）</translation>
    </message>
</context>
<context>
    <name>DetailForm</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>状态(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Finding grade:</source>
        <translation>发现等级(&amp;F)：</translation>
    </message>
    <message>
        <source>Why not applicable:</source>
        <translation>不适用的理由：</translation>
    </message>
    <message>
        <source>Current &amp;practice:</source>
        <translation>现行做法(&amp;P)：</translation>
    </message>
    <message>
        <source>E&amp;vidence notes:</source>
        <translation>证据说明(&amp;V)：</translation>
    </message>
    <message>
        <source>Evidence files:</source>
        <translation>证据文件：</translation>
    </message>
    <message>
        <source>&amp;Gap:</source>
        <translation>差距(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>措施(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation>负责人(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Due date:</source>
        <translation>完成期限(&amp;D)：</translation>
    </message>
    <message>
        <source>P&amp;riority:</source>
        <translation>优先级(&amp;R)：</translation>
    </message>
    <message>
        <source>Action s&amp;tate:</source>
        <translation>措施状态(&amp;T)：</translation>
    </message>
    <message>
        <source>Verification:</source>
        <translation>有效性验证：</translation>
    </message>
    <message>
        <source>Not verified yet (Operate step, corrective actions).</source>
        <translation>尚未验证（运行步骤，纠正措施）。</translation>
    </message>
    <message>
        <source>(not named)</source>
        <translation>（未注明）</translation>
    </message>
    <message>
        <source>Verified effective by %1 on %2.</source>
        <translation>已由%1于%2验证有效。</translation>
    </message>
    <message>
        <source>Found not effective by %1 on %2; the action was reopened.</source>
        <translation>已由%1于%2验证为无效，措施已重新打开。</translation>
    </message>
    <message>
        <source>Assess %1</source>
        <translation>评估 %1</translation>
    </message>
</context>
<context>
    <name>DocumentControl</name>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>审核中</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>已发布</translation>
    </message>
    <message>
        <source>Superseded</source>
        <translation>已被替代</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>Quality manual</source>
        <translation>质量手册</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>程序文件</translation>
    </message>
    <message>
        <source>Work instruction</source>
        <translation>作业指导书</translation>
    </message>
    <message>
        <source>Form or record</source>
        <translation>表单或记录</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Made from</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>现行版次</translation>
    </message>
    <message>
        <source>Latest revision</source>
        <translation>最新版次</translation>
    </message>
    <message>
        <source>Uploaded file</source>
        <translation>上传的文件</translation>
    </message>
    <message>
        <source>Rev. %1 since %2</source>
        <translation>%1 版，自 %2 起</translation>
    </message>
    <message>
        <source>No revision yet</source>
        <translation>尚无版次</translation>
    </message>
    <message>
        <source>Rev.</source>
        <translation>版次</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>编写人</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>审核人</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>批准人</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>更改内容</translation>
    </message>
    <message>
        <source>SHA-256 (PDF or file)</source>
        <translation>SHA-256（PDF 或文件）</translation>
    </message>
</context>
<context>
    <name>DocumentControlPanel</name>
    <message>
        <source>Revisions labelled:</source>
        <translation>版次编号方式：</translation>
    </message>
    <message>
        <source>Both languages</source>
        <translation>两种语言</translation>
    </message>
    <message>
        <source>Owner:</source>
        <translation>负责人：</translation>
    </message>
    <message>
        <source>Distribution:</source>
        <translation>发放范围：</translation>
    </message>
    <message>
        <source>Author:</source>
        <translation>编写人：</translation>
    </message>
    <message>
        <source>Reviewer:</source>
        <translation>审核人：</translation>
    </message>
    <message>
        <source>Approver:</source>
        <translation>批准人：</translation>
    </message>
    <message>
        <source>Change:</source>
        <translation>更改内容：</translation>
    </message>
    <message>
        <source>Made from:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <source>Who holds a controlled copy, e.g. General Manager; hotel managers</source>
        <translation>持有受控副本的人员，例如：总经理；各酒店经理</translation>
    </message>
    <message>
        <source>What this revision changes (printed in the revision history)</source>
        <translation>本版次的更改内容（印在修订记录中）</translation>
    </message>
    <message>
        <source>Generate draft</source>
        <translation>生成草稿</translation>
    </message>
    <message>
        <source>Upload file…</source>
        <translation>上传文件…</translation>
    </message>
    <message>
        <source>Send for review</source>
        <translation>提交审核</translation>
    </message>
    <message>
        <source>Return to draft</source>
        <translation>退回草稿</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>发布</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>Delete draft</source>
        <translation>删除草稿</translation>
    </message>
    <message>
        <source>Open PDF</source>
        <translation>打开 PDF</translation>
    </message>
    <message>
        <source>Open DOCX</source>
        <translation>打开 DOCX</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <source>Compare with previous</source>
        <translation>与上一版比较</translation>
    </message>
    <message>
        <source>Renders the revision once more with its approval and freezes its files: they can never change afterwards.</source>
        <translation>带上批准信息重新生成本版次并冻结其文件：此后文件永远不能再更改。</translation>
    </message>
    <message>
        <source>Uploaded file (written elsewhere)</source>
        <translation>上传的文件（在别处编写）</translation>
    </message>
    <message>
        <source>%1 of %2 planned documents issued</source>
        <translation>%2 份计划文件中已发布 %1 份</translation>
    </message>
    <message>
        <source>Frozen since its approval on %1 by %2: its files can never change. %3</source>
        <translation>自 %1 由 %2 批准起已冻结：其文件永远不能更改。%3</translation>
    </message>
    <message>
        <source>Label revisions</source>
        <translation>设置版次编号方式</translation>
    </message>
    <message>
        <source>Change what makes %1</source>
        <translation>更改 %1 的来源</translation>
    </message>
    <message>
        <source>Edit document control of %1</source>
        <translation>编辑 %1 的文件控制信息</translation>
    </message>
    <message>
        <source>Edit revision %1</source>
        <translation>编辑版次 %1</translation>
    </message>
    <message>
        <source>Send revision %1 for review</source>
        <translation>提交版次 %1 审核</translation>
    </message>
    <message>
        <source>Return revision %1 to draft</source>
        <translation>将版次 %1 退回草稿</translation>
    </message>
    <message>
        <source>Issue revision %1</source>
        <translation>发布版次 %1</translation>
    </message>
    <message>
        <source>Withdraw revision %1</source>
        <translation>作废版次 %1</translation>
    </message>
    <message>
        <source>Delete draft %1</source>
        <translation>删除草稿 %1</translation>
    </message>
    <message>
        <source>The document&apos;s file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Documents (*.docx *.pdf *.xlsx *.odt *.txt *.md);;All files (*)</source>
        <translation>文件 (*.docx *.pdf *.xlsx *.odt *.txt *.md);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Upload %1</source>
        <translation>上传 %1</translation>
    </message>
    <message>
        <source>Generating %1…</source>
        <translation>正在生成 %1…</translation>
    </message>
    <message>
        <source>Approving revision %1…</source>
        <translation>正在批准版次 %1…</translation>
    </message>
    <message>
        <source>Draft stored in the workspace.</source>
        <translation>草稿已存入工作区。</translation>
    </message>
    <message>
        <source>Approve revision</source>
        <translation>批准版次</translation>
    </message>
    <message>
        <source>Approved: the files are frozen with their SHA-256.</source>
        <translation>已批准：文件已连同其 SHA-256 冻结。</translation>
    </message>
    <message>
        <source>The words of %1 and %2 are the same.</source>
        <translation>%1 与 %2 的文字相同。</translation>
    </message>
</context>
<context>
    <name>DocumentsPanel</name>
    <message>
        <source>Document &amp;language:</source>
        <translation>文件语言(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <source>Styles from (optional .docx):</source>
        <translation>样式来源（可选 .docx）：</translation>
    </message>
    <message>
        <source>Use the built-in look</source>
        <translation>使用内置样式</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Generate…</source>
        <translation>生成…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Print the PDF shown in the preview</source>
        <translation>打印预览中显示的 PDF</translation>
    </message>
    <message>
        <source>Also &amp;keep as the current draft in document control</source>
        <translation>同时作为文件控制中的当前草稿保存(&amp;K)</translation>
    </message>
    <message>
        <source>Open in &amp;Word Processor</source>
        <translation>用文字处理软件打开(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Open in PDF Viewer</source>
        <translation>用 PDF 阅读器打开(&amp;O)</translation>
    </message>
    <message>
        <source>This is %1 in the document register; its number and revision come from there.</source>
        <translation>这是文件清单中的 %1；其编号和版次均取自文件清单。</translation>
    </message>
    <message>
        <source>built in</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>your own template</source>
        <translation>您自己的模板</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>Styles from a Word document</source>
        <translation>采用 Word 文档的样式</translation>
    </message>
    <message>
        <source>Word documents (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <source>Save the document as</source>
        <translation>文件另存为</translation>
    </message>
    <message>
        <source>Generating %1…</source>
        <translation>正在生成 %1……</translation>
    </message>
    <message>
        <source>The file was written but not kept in document control: %1</source>
        <translation>文件已写出，但未保存到文件控制：%1</translation>
    </message>
    <message>
        <source>Written: %1</source>
        <translation>已写入：%1</translation>
    </message>
    <message>
        <source>Keep %1 as the draft</source>
        <translation>将 %1 保存为草稿</translation>
    </message>
    <message>
        <source>Written: %1 — kept as draft %2 of %3 in document control.</source>
        <translation>已写出：%1 —— 已作为 %3 的 %2 版草稿保存到文件控制。</translation>
    </message>
    <message>
        <source>The printer could not be started; nothing was printed.</source>
        <translation>无法启动打印机；未打印任何内容。</translation>
    </message>
    <message numerus="yes">
        <source>Sent %n page(s) to the printer.</source>
        <translation>
            <numerusform>已将 %n 页发送到打印机。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EvidenceBox</name>
    <message>
        <source>Attach…</source>
        <translation>附加…</translation>
    </message>
    <message>
        <source>Save a copy…</source>
        <translation>另存副本…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Drop files here to attach them as evidence.</source>
        <translation>将文件拖放到此处即可作为证据附加。</translation>
    </message>
    <message>
        <source>Attach %1</source>
        <translation>附加 %1</translation>
    </message>
    <message>
        <source>Attach evidence</source>
        <translation>附加证据</translation>
    </message>
    <message>
        <source>Save a copy of the evidence</source>
        <translation>另存证据副本</translation>
    </message>
    <message>
        <source>Saved a copy as %1</source>
        <translation>已另存副本为 %1</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>移除 %1</translation>
    </message>
</context>
<context>
    <name>Exchange</name>
    <message>
        <source>Western European (cp1252)</source>
        <translation>西欧语言（cp1252）</translation>
    </message>
    <message>
        <source>Chinese (GB18030)</source>
        <translation>中文（GB18030）</translation>
    </message>
    <message>
        <source>Text encoding</source>
        <translation>文本编码</translation>
    </message>
    <message>
        <source>Which encoding is %1 in? (Saving it as UTF-8 CSV avoids this question.)</source>
        <translation>%1 使用哪种编码？（将其另存为 UTF-8 CSV 即可避免此问题。）</translation>
    </message>
</context>
<context>
    <name>FacilitiesPanel</name>
    <message>
        <source>Calibration overdue since %1</source>
        <translation>自 %1 起校准已逾期</translation>
    </message>
    <message>
        <source>Calibration due on %1</source>
        <translation>应于 %1 校准</translation>
    </message>
    <message>
        <source>%1 calibration(s) overdue: %2</source>
        <translation>%1 项校准已逾期：%2</translation>
    </message>
    <message>
        <source>Due within 30 days: %1</source>
        <translation>30 天内到期：%1</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Search titles, guidance and notes (Ctrl+F)</source>
        <translation>搜索标题、指南和备注（Ctrl+F）</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Open findings (partial or nonconforming)</source>
        <translation>未关闭的发现（部分符合或不符合）</translation>
    </message>
    <message>
        <source>All priorities</source>
        <translation>全部优先级</translation>
    </message>
    <message>
        <source>All owners</source>
        <translation>全部负责人</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>Ref</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>Requirement</source>
        <translation>要求</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>Nonconformity</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Grade:</source>
        <translation>等级：</translation>
    </message>
    <message>
        <source>Evidence:</source>
        <translation>证据：</translation>
    </message>
    <message>
        <source>Attach file…</source>
        <translation>附加文件…</translation>
    </message>
    <message>
        <source>Raise nonconformity</source>
        <translation>提出不合格</translation>
    </message>
    <message>
        <source>Adds a nonconformity to the corrective actions, linked to this finding</source>
        <translation>在纠正措施中添加一项与此发现关联的不合格</translation>
    </message>
    <message>
        <source>Select an audit to see its findings.</source>
        <translation>选择一次审核以查看其发现项。</translation>
    </message>
    <message>
        <source>“%1” has not been started: Start audit draws its checklist.</source>
        <translation>“%1”尚未开始：点击“开始审核”生成其检查表。</translation>
    </message>
    <message>
        <source>Findings of “%1” (%2 requirements in scope)</source>
        <translation>“%1”的发现项（范围内 %2 项要求）</translation>
    </message>
    <message>
        <source>(no grade)</source>
        <translation>（未定级）</translation>
    </message>
    <message>
        <source>Grade a finding</source>
        <translation>为发现项定级</translation>
    </message>
    <message>
        <source>Attach evidence</source>
        <translation>附加证据</translation>
    </message>
</context>
<context>
    <name>GuideWindow</name>
    <message>
        <source>QMS Desktop Guide</source>
        <translation>QMS Desktop 使用指南</translation>
    </message>
    <message>
        <source>← Back</source>
        <translation>← 后退</translation>
    </message>
    <message>
        <source>Forward →</source>
        <translation>前进 →</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Short name</source>
        <translation>简称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Sites</source>
        <translation>场所</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Document prefix</source>
        <translation>文件编号前缀</translation>
    </message>
    <message>
        <source>Management representative</source>
        <translation>管理者代表</translation>
    </message>
    <message>
        <source>Document language</source>
        <translation>文件语言</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>标志</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Signed off by</source>
        <translation>签核人</translation>
    </message>
    <message>
        <source>Sign-off date</source>
        <translation>签核日期</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Finding grade</source>
        <translation>发现等级</translation>
    </message>
    <message>
        <source>Why not applicable</source>
        <translation>不适用的理由</translation>
    </message>
    <message>
        <source>Current practice</source>
        <translation>现行做法</translation>
    </message>
    <message>
        <source>Evidence notes</source>
        <translation>证据说明</translation>
    </message>
    <message>
        <source>Gap</source>
        <translation>差距</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>措施</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>完成期限</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Action state</source>
        <translation>措施状态</translation>
    </message>
</context>
<context>
    <name>HistoryDock</name>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>History — organisation profile</source>
        <translation>历史记录 — 组织概况</translation>
    </message>
    <message>
        <source>History — step %1</source>
        <translation>历史记录 — 第%1步</translation>
    </message>
    <message>
        <source>History — plan design</source>
        <translation>历史记录 — 体系设计</translation>
    </message>
    <message>
        <source>History — %1</source>
        <translation>历史记录 — %1</translation>
    </message>
    <message>
        <source>History — requirement %1</source>
        <translation>历史记录 — 要求 %1</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>原值</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>(created)</source>
        <translation>（新建）</translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>（删除）</translation>
    </message>
</context>
<context>
    <name>ImportPreview</name>
    <message>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <source>Row %1: record %2 — %3</source>
        <translation>第 %1 行：记录 %2——%3</translation>
    </message>
    <message>
        <source>New: %1</source>
        <translation>新增：%1</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
</context>
<context>
    <name>Kano</name>
    <message>
        <source>Nothing missing: every basic need has a standard; every moment of truth a standard, an owner and a recovery plan; every SERVQUAL dimension a standard.</source>
        <translation>没有缺项：每项基本需求都有标准；每个关键时刻都有标准、负责人和补救预案；每个 SERVQUAL 维度都有标准。</translation>
    </message>
    <message>
        <source>Missing for the needs to be served (%1):</source>
        <translation>满足顾客需求尚缺（%1 项）：</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>……另有 %1 项</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Clear list</source>
        <translation>清除列表</translation>
    </message>
    <message>
        <source>(no recent workspaces)</source>
        <translation>（无最近的工作区）</translation>
    </message>
    <message>
        <source>The change was not made</source>
        <translation>未做出更改</translation>
    </message>
    <message>
        <source>Cannot open workspace</source>
        <translation>无法打开工作区</translation>
    </message>
    <message>
        <source>Opened for reading only, as asked: nothing can be changed.</source>
        <translation>已按要求以只读方式打开：不能做任何更改。</translation>
    </message>
    <message>
        <source>Opened read-only</source>
        <translation>已以只读方式打开</translation>
    </message>
    <message>
        <source>Upgraded the workspace; the original was kept as %1</source>
        <translation>工作区已升级；原文件已保留为 %1</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>QMS workspaces (*.qms);;All files (*)</source>
        <translation>QMS 工作区 (*.qms);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot create workspace</source>
        <translation>无法创建工作区</translation>
    </message>
    <message>
        <source>Cannot open the demo organisation</source>
        <translation>无法打开示例组织</translation>
    </message>
    <message>
        <source>The backup was not restored</source>
        <translation>未恢复备份</translation>
    </message>
    <message>
        <source>Restored the backup. The workspace as it was before is kept as a backup: restore that one to go back.</source>
        <translation>已恢复备份。恢复前的工作区已另存为备份：恢复那一份即可撤回。</translation>
    </message>
    <message>
        <source>New record not saved</source>
        <translation>新记录未保存</translation>
    </message>
    <message>
        <source>The new record in this form has not been saved. Save it?</source>
        <translation>此表单中的新记录尚未保存。是否保存？</translation>
    </message>
    <message>
        <source> [read-only]</source>
        <translation> [只读]</translation>
    </message>
    <message>
        <source>No workspace open</source>
        <translation>未打开工作区</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>every change is saved as you make it</source>
        <translation>每项修改即时保存</translation>
    </message>
    <message>
        <source>Cannot create the assessment</source>
        <translation>无法创建评估</translation>
    </message>
    <message>
        <source>New assessment %1</source>
        <translation>新建评估 %1</translation>
    </message>
    <message>
        <source>Add a requirement library</source>
        <translation>添加要求库</translation>
    </message>
    <message>
        <source>Requirement libraries (*.yaml *.yml *.json)</source>
        <translation>要求库 (*.yaml *.yml *.json)</translation>
    </message>
    <message>
        <source>Cannot add the library</source>
        <translation>无法添加要求库</translation>
    </message>
    <message>
        <source>Add library %1</source>
        <translation>添加要求库 %1</translation>
    </message>
    <message>
        <source>Added %1 with %2 requirements; choose it in “New assessment…”.</source>
        <translation>已添加 %1（%2 项要求）；请在“新建评估…”中选用。</translation>
    </message>
    <message>
        <source>About QMS Desktop</source>
        <translation>关于 QMS Desktop</translation>
    </message>
    <message>
        <source>&lt;h3&gt;QMS Desktop %1&lt;/h3&gt;&lt;p&gt;Build an ISO 9000-family quality system for a service organisation in eight steps.&lt;/p&gt;&lt;p&gt;Chinese text uses WenQuanYi Micro Hei (Apache-2.0).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;QMS Desktop %1&lt;/h3&gt;&lt;p&gt;按八个步骤为服务组织建立 ISO 9000 族质量体系。&lt;/p&gt;&lt;p&gt;中文字体采用文泉驿微米黑（Apache-2.0）。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>NavigatorModel</name>
    <message>
        <source>Dashboard</source>
        <translation>总览</translation>
    </message>
    <message>
        <source>Organisation profile</source>
        <translation>组织概况</translation>
    </message>
    <message>
        <source>%1 — %2% done</source>
        <translation>%1 — 已完成 %2%</translation>
    </message>
</context>
<context>
    <name>NewAssessmentDialog</name>
    <message>
        <source>New assessment</source>
        <translation>新建评估</translation>
    </message>
    <message>
        <source>Baseline assessment</source>
        <translation>基线评估</translation>
    </message>
    <message>
        <source>Re-assessment</source>
        <translation>复评</translation>
    </message>
    <message>
        <source>YYYY-MM-DD (optional)</source>
        <translation>YYYY-MM-DD（可选）</translation>
    </message>
    <message>
        <source>%1 — %2 requirements</source>
        <translation>%1 — %2 项要求</translation>
    </message>
    <message>
        <source>Start empty</source>
        <translation>从空白开始</translation>
    </message>
    <message>
        <source>Start from “%1”</source>
        <translation>以“%1”为起点</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Held on:</source>
        <translation>评估日期(&amp;H)：</translation>
    </message>
    <message>
        <source>Next &amp;audit:</source>
        <translation>下次审核(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Libraries:</source>
        <translation>要求库(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Findings:</source>
        <translation>发现(&amp;F)：</translation>
    </message>
    <message>
        <source>The assessment needs a name.</source>
        <translation>请填写评估名称。</translation>
    </message>
    <message>
        <source>Dates are written as YYYY-MM-DD.</source>
        <translation>日期格式为 YYYY-MM-DD。</translation>
    </message>
    <message>
        <source>Tick at least one requirement library.</source>
        <translation>请至少勾选一个要求库。</translation>
    </message>
</context>
<context>
    <name>NewWorkspaceDialog</name>
    <message>
        <source>New workspace</source>
        <translation>新建工作区</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Organisation &amp;name:</source>
        <translation>组织名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Document &amp;language:</source>
        <translation>文件语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Workspace &amp;file:</source>
        <translation>工作区文件(&amp;F)：</translation>
    </message>
    <message>
        <source>QMS workspaces (*.qms)</source>
        <translation>QMS 工作区 (*.qms)</translation>
    </message>
    <message>
        <source>The organisation needs a name.</source>
        <translation>请填写组织名称。</translation>
    </message>
    <message>
        <source>Choose where to keep the workspace file.</source>
        <translation>请选择工作区文件的保存位置。</translation>
    </message>
    <message>
        <source>That file already exists; choose another name or open it.</source>
        <translation>该文件已存在；请另选文件名，或直接打开它。</translation>
    </message>
</context>
<context>
    <name>Operate</name>
    <message>
        <source>Nothing recorded yet</source>
        <translation>尚无记录</translation>
    </message>
    <message>
        <source>apology</source>
        <translation>道歉</translation>
    </message>
    <message>
        <source>urgent reinstatement</source>
        <translation>紧急复原</translation>
    </message>
    <message>
        <source>empathy</source>
        <translation>移情</translation>
    </message>
    <message>
        <source>symbolic atonement</source>
        <translation>象征性赎罪</translation>
    </message>
    <message>
        <source>follow-up</source>
        <translation>跟踪</translation>
    </message>
    <message>
        <source>Every closed complaint had the recovery steps it needs (disappointed: steps 1–2; angered: all five).</source>
        <translation>每件已关闭的投诉都采取了所需的补救步骤（失望：第 1–2 步；愤怒：全部五步）。</translation>
    </message>
    <message>
        <source>%1 closed complaint(s) lack recovery steps:</source>
        <translation>%1 件已关闭的投诉缺少补救步骤：</translation>
    </message>
    <message>
        <source>missing %1</source>
        <translation>缺少 %1</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>……另有 %1 件</translation>
    </message>
    <message>
        <source>Overdue: due before today, not verified</source>
        <translation>已逾期：完成期限早于今天且尚未验证</translation>
    </message>
    <message>
        <source>%1 overdue corrective actions</source>
        <translation>%1 项纠正措施已逾期</translation>
    </message>
    <message>
        <source>No corrective action is overdue.</source>
        <translation>没有逾期的纠正措施。</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <source>Cannot use the file %1: %2</source>
        <translation>无法使用文件 %1：%2</translation>
    </message>
    <message>
        <source>Something went wrong; the details are in the log. Your work up to the last stored edit is safe.</source>
        <translation>出现了问题，详情已写入日志。截至最后一次保存的编辑，您的工作都是安全的。</translation>
    </message>
</context>
<context>
    <name>OutputDialog</name>
    <message>
        <source>Add output action</source>
        <translation>添加输出措施</translation>
    </message>
    <message>
        <source>Due by</source>
        <translation>完成期限</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>措施</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>The pages of a PDF you generate are shown here.</source>
        <translation>生成的 PDF 页面会显示在这里。</translation>
    </message>
    <message>
        <source>A Word document is previewed in your word processor: use “Open in Word Processor”. Generate the PDF to see its pages here and print them.</source>
        <translation>Word 文档请在文字处理软件中预览：使用“用文字处理软件打开”。生成 PDF 即可在此查看并打印其页面。</translation>
    </message>
    <message>
        <source>The PDF could not be shown; open it in your PDF viewer.</source>
        <translation>无法显示此 PDF；请用 PDF 阅读器打开。</translation>
    </message>
</context>
<context>
    <name>Plan</name>
    <message>
        <source>Target customers</source>
        <translation>目标顾客</translation>
    </message>
    <message>
        <source>Service offerings</source>
        <translation>服务项目</translation>
    </message>
    <message>
        <source>Service level</source>
        <translation>服务水平</translation>
    </message>
    <message>
        <source>Quality policy</source>
        <translation>质量方针</translation>
    </message>
    <message>
        <source>Document numbering scheme</source>
        <translation>文件编号规则</translation>
    </message>
    <message>
        <source>Service environment (facilities, layout, ambience, tangibles)</source>
        <translation>服务环境（设施、布局、氛围、有形展示）</translation>
    </message>
    <message>
        <source>The promise</source>
        <translation>承诺内容</translation>
    </message>
    <message>
        <source>What it covers</source>
        <translation>承诺范围</translation>
    </message>
    <message>
        <source>Remedy when it is broken</source>
        <translation>未兑现时的补偿</translation>
    </message>
    <message>
        <source>How a customer invokes it</source>
        <translation>顾客如何要求兑现</translation>
    </message>
    <message>
        <source>Write the promise itself: one or two sentences a customer can repeat.</source>
        <translation>请写出承诺本身：一两句顾客能复述的话。</translation>
    </message>
    <message>
        <source>It carries conditions (%1). A commitment with fine print is not believed; make it unconditional.</source>
        <translation>承诺附有条件（%1）。带附加条款的承诺难以取信于人；请做到无条件。</translation>
    </message>
    <message>
        <source>It is long. Customers and staff should be able to repeat it from memory.</source>
        <translation>承诺太长。顾客和员工应能凭记忆复述。</translation>
    </message>
    <message>
        <source>It uses words that cannot be checked (%1). Say exactly what the customer gets.</source>
        <translation>使用了无法检验的词语（%1）。请明确说出顾客能得到什么。</translation>
    </message>
    <message>
        <source>It names no number — a time, a count, an amount — so nobody can tell whether it was kept.</source>
        <translation>没有任何数字——时间、数量或金额——无法判断是否兑现。</translation>
    </message>
    <message>
        <source>It does not say whether it is about time, quality or price — what customers care about.</source>
        <translation>没有说明涉及时间、质量还是价格——这些正是顾客关心的。</translation>
    </message>
    <message>
        <source>There is no remedy: say what the customer receives when the promise is broken.</source>
        <translation>没有补偿：请说明承诺未兑现时顾客能得到什么。</translation>
    </message>
    <message>
        <source>Say how a customer claims it; the simpler, the better.</source>
        <translation>请说明顾客如何要求兑现；越简便越好。</translation>
    </message>
    <message>
        <source>Claiming it takes effort (%1). A customer should only have to say so.</source>
        <translation>要求兑现太费事（%1）。顾客只需开口即可。</translation>
    </message>
    <message>
        <source>The remedy comes late (%1). Pay it on the spot.</source>
        <translation>补偿来得太迟（%1）。请当场兑现。</translation>
    </message>
    <message>
        <source>Unconditional</source>
        <translation>无条件</translation>
    </message>
    <message>
        <source>Easy to understand and communicate</source>
        <translation>易于理解和沟通</translation>
    </message>
    <message>
        <source>Meaningful</source>
        <translation>有意义</translation>
    </message>
    <message>
        <source>Simple to invoke</source>
        <translation>简便易行</translation>
    </message>
    <message>
        <source>Easy to collect</source>
        <translation>易于兑现</translation>
    </message>
</context>
<context>
    <name>PlanFormPanel</name>
    <message>
        <source>Edit %1</source>
        <translation>编辑%1</translation>
    </message>
</context>
<context>
    <name>PolicyPanel</name>
    <message>
        <source>What ISO 9001 (5.2.1) asks the policy to state</source>
        <translation>ISO 9001（5.2.1）要求质量方针阐明的内容</translation>
    </message>
    <message>
        <source>The policy states all four commitments.</source>
        <translation>质量方针已阐明全部四项承诺。</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>Your name is written into the audit trail with every change you make. Left empty, your computer account name (%1) is used.</source>
        <translation>您的姓名会随每一项修改写入审计记录。留空时使用计算机账户名（%1）。</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>您的姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>Interface &amp;language:</source>
        <translation>界面语言(&amp;L)：</translation>
    </message>
</context>
<context>
    <name>ProcessDiagram</name>
    <message>
        <source>Add processes, and in “Hands over to” name the processes each one feeds.</source>
        <translation>请添加过程，并在“移交给”中填写每个过程输出到的过程。</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <source>Organisation profile</source>
        <translation>组织概况</translation>
    </message>
    <message>
        <source>Who the quality system is for. These facts appear in every generated document. Each field is stored as soon as you leave it; Ctrl+Z undoes.</source>
        <translation>质量体系所属的组织。这些信息会出现在生成的每一份文件中。离开字段即自动保存；按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>S&amp;hort name:</source>
        <translation>简称(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Industry:</source>
        <translation>行业(&amp;I)：</translation>
    </message>
    <message>
        <source>S&amp;cope of the quality system:</source>
        <translation>质量体系范围(&amp;C)：</translation>
    </message>
    <message>
        <source>Ser&amp;vices offered (one per line):</source>
        <translation>提供的服务（每行一项）(&amp;V)：</translation>
    </message>
    <message>
        <source>Si&amp;tes (one per line):</source>
        <translation>场所（每行一个）(&amp;T)：</translation>
    </message>
    <message>
        <source>Document number &amp;prefix:</source>
        <translation>文件编号前缀(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Management representative:</source>
        <translation>管理者代表(&amp;M)：</translation>
    </message>
    <message>
        <source>Default document &amp;language:</source>
        <translation>默认文件语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Logo:</source>
        <translation>标志：</translation>
    </message>
    <message>
        <source>e.g. HLH-QMS</source>
        <translation>例如 HLH-QMS</translation>
    </message>
    <message>
        <source>Choose image…</source>
        <translation>选择图片…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>No logo</source>
        <translation>无标志</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>编辑%1</translation>
    </message>
    <message>
        <source>Choose a logo</source>
        <translation>选择标志</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>图片 (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
</context>
<context>
    <name>ProgrammeYear</name>
    <message>
        <source>Year:</source>
        <translation>年份：</translation>
    </message>
    <message>
        <source>○ planned   ▶ in progress   ✓ completed   ✕ cancelled</source>
        <translation>○ 已计划   ▶ 进行中   ✓ 已完成   ✕ 已取消</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>过程</translation>
    </message>
    <message>
        <source>(clauses only)</source>
        <translation>（仅按条款）</translation>
    </message>
</context>
<context>
    <name>QualityCostPanel</name>
    <message>
        <source>Currency:</source>
        <translation>币种：</translation>
    </message>
    <message>
        <source>Every amount of quality cost and revenue is in this one currency</source>
        <translation>所有质量成本和营业收入金额都使用这一种币种</translation>
    </message>
    <message>
        <source>Set the currency</source>
        <translation>设置币种</translation>
    </message>
    <message>
        <source>Record quality costs per month in the four categories of the quality-cost literature (prevention, appraisal, internal and external failure). Recovery tokens and commitment payouts count as external failure by themselves.</source>
        <translation>按质量成本文献中的四类（预防、鉴定、内部损失、外部损失）逐月记录质量成本。补救赠礼和承诺赔付自动计入外部损失。</translation>
    </message>
    <message>
        <source>ratio to revenue %1</source>
        <translation>占营业收入 %1</translation>
    </message>
    <message>
        <source>no revenue recorded: no ratio to revenue</source>
        <translation>未记录营业收入：无法计算占营业收入的比例</translation>
    </message>
    <message>
        <source>All months: %1 %2 — %3; %4.</source>
        <translation>全部月份：%1 %2 —— %3；%4。</translation>
    </message>
    <message>
        <source>Of the external failure, %1 comes from recovery tokens and commitment payouts (read from the complaints, not entered here).</source>
        <translation>外部损失中有 %1 来自补救赠礼和承诺赔付（取自投诉记录，不在此录入）。</translation>
    </message>
    <message>
        <source>%1 month(s) without revenue are left out of the ratio.</source>
        <translation>有 %1 个月没有营业收入，未计入比例。</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>of which from recovery and payouts</source>
        <translation>其中来自补救和赔付</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>营业收入</translation>
    </message>
    <message>
        <source>Ratio to revenue</source>
        <translation>占营业收入比例</translation>
    </message>
    <message>
        <source>no revenue</source>
        <translation>无营业收入</translation>
    </message>
    <message>
        <source>Quality cost per month (%1)</source>
        <translation>每月质量成本（%1）</translation>
    </message>
</context>
<context>
    <name>RecoveryPanel</name>
    <message>
        <source>Five steps: 1 apology, 2 urgent reinstatement, 3 empathy, 4 symbolic atonement, 5 follow-up. A disappointed customer needs at least steps 1–2; an angered one all five.</source>
        <translation>五个步骤：1 道歉，2 紧急复原，3 移情，4 象征性赎罪，5 跟踪。失望的顾客至少需要第 1–2 步；愤怒的顾客需要全部五步。</translation>
    </message>
</context>
<context>
    <name>ReferenceCombo</name>
    <message>
        <source>%1 (not available)</source>
        <translation>%1（不可选）</translation>
    </message>
</context>
<context>
    <name>ReferenceList</name>
    <message>
        <source>Find a name</source>
        <translation>查找姓名</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>%1 (not available)</source>
        <translation>%1（不可选）</translation>
    </message>
</context>
<context>
    <name>RegisterExchange</name>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Write this register to Excel or CSV</source>
        <translation>将本登记表导出为 Excel 或 CSV</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Read records from Excel or CSV: rows with a record ID change that record, rows without one are added; all rows or none</source>
        <translation>从 Excel 或 CSV 读入记录：有记录编号的行更改该记录，没有编号的行作为新记录添加；全部导入或全不导入</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>导出 %1</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Import into %1</source>
        <translation>导入到 %1</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation>电子表格 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Import refused — nothing was changed</source>
        <translation>导入被拒绝——未作任何更改</translation>
    </message>
    <message>
        <source>Nothing to import</source>
        <translation>没有可导入的内容</translation>
    </message>
    <message>
        <source>%1 holds no change: %2 row(s) are the same as the records.</source>
        <translation>%1 没有任何更改：%2 行与现有记录相同。</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <source>Imported %1</source>
        <translation>已导入 %1</translation>
    </message>
    <message>
        <source>Edit ▸ Undo takes the whole import back.</source>
        <translation>“编辑 ▸ 撤销”可撤回整个导入。</translation>
    </message>
    <message>
        <source>%1 record(s) added, %2 changed, %3 unchanged.</source>
        <translation>新增 %1 条记录，更改 %2 条，%3 条未变。</translation>
    </message>
</context>
<context>
    <name>RegisterPanel</name>
    <message>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Write a new record; it is stored when you press Save</source>
        <translation>填写新记录；按“保存”后才存入</translation>
    </message>
    <message>
        <source>Edit selected…</source>
        <translation>编辑所选…</translation>
    </message>
    <message>
        <source>Set one field of every selected record at once</source>
        <translation>一次设置所有所选记录的同一字段</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the selected records (Ctrl+Z undoes)</source>
        <translation>删除所选记录（Ctrl+Z 可撤销）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>%1 records selected: Delete removes them all, Edit selected… sets a field of them all (one step to undo). The form shows the current one.</source>
        <translation>已选 %1 条记录：“删除”会全部删除，“编辑所选…”会设置它们的同一字段（一步即可撤销）。表单显示当前这一条。</translation>
    </message>
    <message>
        <source>New record — fill in the fields marked * and press Save.</source>
        <translation>新记录——填写标有 * 的字段后按“保存”。</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>编辑%1</translation>
    </message>
    <message>
        <source>Add a record</source>
        <translation>添加记录</translation>
    </message>
    <message>
        <source>Delete %1 records</source>
        <translation>删除 %1 条记录</translation>
    </message>
    <message>
        <source>Set %1 of %2 records</source>
        <translation>设置 %2 条记录的%1</translation>
    </message>
    <message>
        <source>Delete a record</source>
        <translation>删除记录</translation>
    </message>
</context>
<context>
    <name>Registers</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Sessions attended</source>
        <translation>参加的培训场次</translation>
    </message>
    <message>
        <source>Planned standards covered</source>
        <translation>已覆盖的计划标准</translation>
    </message>
    <message>
        <source>Trained on the system</source>
        <translation>已接受体系培训</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>尚未</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>Responsible: does the work</source>
        <translation>负责：承担工作</translation>
    </message>
    <message>
        <source>Accountable: answers for it (one per row)</source>
        <translation>批准：对结果负总责（每行一个）</translation>
    </message>
    <message>
        <source>Consulted before decisions</source>
        <translation>咨询：决策前征求意见</translation>
    </message>
    <message>
        <source>Informed of results</source>
        <translation>知会：告知结果</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>过程</translation>
    </message>
    <message>
        <source>System element</source>
        <translation>体系要素</translation>
    </message>
    <message>
        <source>No one fills this role yet</source>
        <translation>该角色尚无人担任</translation>
    </message>
    <message>
        <source>✔ completed: marked so in the study plan, or everyone in the role attended a session on it · ○ planned, not yet completed · blank: nothing planned</source>
        <translation>✔ 已完成：学习计划中标记为完成，或该角色的所有人都参加过相关培训 · ○ 已计划，尚未完成 · 空白：未作计划</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>已计划</translation>
    </message>
</context>
<context>
    <name>ResponsesPanel</name>
    <message>
        <source>Import responses…</source>
        <translation>导入答卷…</translation>
    </message>
    <message>
        <source>Survey</source>
        <translation>调查</translation>
    </message>
    <message>
        <source>Respondent…</source>
        <translation>答卷人…</translation>
    </message>
    <message>
        <source>Shows the answers of respondents whose name holds this</source>
        <translation>显示姓名中包含此内容的答卷人的回答</translation>
    </message>
    <message>
        <source>◀</source>
        <translation>◀</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>▶</source>
        <translation>▶</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Import: a file with the columns Respondent, Item (its code), Expectation, Perception, Date, into the survey chosen; all rows or none.</source>
        <translation>导入：文件应含答卷人、题目（其编号）、期望、感知、日期各列，导入到所选调查；要么全部导入，要么一行也不导入。</translation>
    </message>
    <message>
        <source>no answers</source>
        <translation>没有回答</translation>
    </message>
    <message>
        <source>%1–%2 of %3</source>
        <translation>第 %1–%2 条，共 %3 条</translation>
    </message>
    <message>
        <source>Import responses</source>
        <translation>导入答卷</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation>电子表格 (*.xlsx *.csv)</translation>
    </message>
</context>
<context>
    <name>ResponsibilityMatrixPanel</name>
    <message>
        <source>Select cells and type R, A, C or I; Delete empties them. %1 · %2 · %3 · %4</source>
        <translation>选中单元格后键入 R、A、C 或 I；按 Delete 清空。%1 · %2 · %3 · %4</translation>
    </message>
    <message>
        <source>The matrix needs roles (Roles tab) and processes or adopted system elements (Plan step).</source>
        <translation>职责矩阵需要角色（“角色”选项卡）以及过程或已采用的体系要素（策划步骤）。</translation>
    </message>
    <message>
        <source>Every process and element has exactly one accountable role, and every role in the matrix is filled.</source>
        <translation>每个过程和要素都恰有一个批准（A）角色，矩阵中的每个角色都已有人担任。</translation>
    </message>
    <message>
        <source>Still to settle:</source>
        <translation>尚待解决：</translation>
    </message>
    <message>
        <source>Empty %1 matrix cells</source>
        <translation>清空 %1 个矩阵单元格</translation>
    </message>
    <message>
        <source>Set %1 matrix cells to %2</source>
        <translation>将 %1 个矩阵单元格设为 %2</translation>
    </message>
    <message>
        <source>“%1” is not a matrix letter: type R, A, C or I (Delete empties a cell).</source>
        <translation>“%1”不是矩阵字母：请键入 R、A、C 或 I（按 Delete 清空单元格）。</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Backups of %1, newest first. Restoring replaces the workspace with the backup; the workspace as it is now is backed up first, so you can go back.</source>
        <translation>%1 的备份，最新的在前。恢复会用备份替换工作区；替换前会先备份当前的工作区，因此可以撤回。</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Changes since</source>
        <translation>此后的更改</translation>
    </message>
    <message>
        <source>on opening</source>
        <translation>打开时</translation>
    </message>
    <message>
        <source>while editing</source>
        <translation>编辑期间</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation>恢复之前</translation>
    </message>
    <message>
        <source>before a restore (damaged)</source>
        <translation>恢复之前（已损坏）</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1 changes, the latest by %2</source>
        <translation>%1 处更改，最近一次由 %2 做出</translation>
    </message>
    <message>
        <source>There are no backups of this workspace yet.</source>
        <translation>此工作区还没有备份。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
</context>
<context>
    <name>ResultsPanel</name>
    <message>
        <source>target does not read as a number — rewrite it, e.g. “≥ 90%”</source>
        <translation>目标值无法识别为数字——请改写，例如“≥ 90%”</translation>
    </message>
    <message>
        <source>no result yet</source>
        <translation>尚无结果</translation>
    </message>
    <message>
        <source>met</source>
        <translation>达到</translation>
    </message>
    <message>
        <source>not met</source>
        <translation>未达到</translation>
    </message>
    <message>
        <source>Objective or standard</source>
        <translation>目标或标准</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>Latest result</source>
        <translation>最新结果</translation>
    </message>
    <message>
        <source>Against the target</source>
        <translation>与目标比较</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <source>Add output action…</source>
        <translation>添加输出措施…</translation>
    </message>
    <message>
        <source>Records a decision or action of the selected review as a corrective action linked to it</source>
        <translation>将所选评审的一项决定或措施记录为与之关联的纠正措施</translation>
    </message>
    <message>
        <source>Input (ISO 9001 9.3.2)</source>
        <translation>输入（ISO 9001 9.3.2）</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Select a review to see the inputs gathered for it.</source>
        <translation>选择一次评审以查看为其汇集的输入。</translation>
    </message>
    <message>
        <source>Inputs gathered for %1 to %2</source>
        <translation>%1 至 %2 期间汇集的输入</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>not written</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>Status of actions from previous reviews</source>
        <translation>以往管理评审所采取措施的情况</translation>
    </message>
    <message>
        <source>Changes in external and internal issues</source>
        <translation>内外部因素的变化</translation>
    </message>
    <message>
        <source>Customer satisfaction and feedback</source>
        <translation>顾客满意和反馈</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Complaints still open</source>
        <translation>尚未关闭的投诉</translation>
    </message>
    <message>
        <source>Service recovery cases</source>
        <translation>服务补救案例</translation>
    </message>
    <message>
        <source>Commitment claims / payouts</source>
        <translation>承诺索赔 / 赔付</translation>
    </message>
    <message>
        <source>Extent to which quality objectives have been met</source>
        <translation>质量目标的实现程度</translation>
    </message>
    <message>
        <source>Process performance</source>
        <translation>过程绩效</translation>
    </message>
    <message>
        <source>%1 of %2 objectives met</source>
        <translation>%2 个目标中实现 %1 个</translation>
    </message>
    <message>
        <source>Nonconformities and corrective actions</source>
        <translation>不合格及纠正措施</translation>
    </message>
    <message>
        <source>Raised in the period</source>
        <translation>期内提出</translation>
    </message>
    <message>
        <source>Verified or closed in the period</source>
        <translation>期内验证或关闭</translation>
    </message>
    <message>
        <source>Not finished at the end</source>
        <translation>期末尚未完成</translation>
    </message>
    <message>
        <source>Overdue at the end</source>
        <translation>期末已逾期</translation>
    </message>
    <message>
        <source>Monitoring and measurement results</source>
        <translation>监视和测量结果</translation>
    </message>
    <message>
        <source>Results measured</source>
        <translation>已测量的结果</translation>
    </message>
    <message>
        <source>Audit results</source>
        <translation>审核结果</translation>
    </message>
    <message>
        <source>no internal audit completed in the period</source>
        <translation>期内没有完成的内部审核</translation>
    </message>
    <message>
        <source>Performance of external providers</source>
        <translation>外部供方的绩效</translation>
    </message>
    <message>
        <source>Adequacy of resources</source>
        <translation>资源的充分性</translation>
    </message>
    <message>
        <source>People on record</source>
        <translation>在册人员</translation>
    </message>
    <message>
        <source>Facilities in service</source>
        <translation>在用设施</translation>
    </message>
    <message>
        <source>Effectiveness of actions on risks and opportunities</source>
        <translation>应对风险和机遇所采取措施的有效性</translation>
    </message>
    <message>
        <source>Opportunities for improvement</source>
        <translation>改进的机会</translation>
    </message>
    <message>
        <source>Audit finding</source>
        <translation>审核发现</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>经验教训</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>score %1 (%2 respondents)</source>
        <translation>得分 %1（%2 名答卷人）</translation>
    </message>
    <message>
        <source>not measured in the period</source>
        <translation>期内未测量</translation>
    </message>
    <message>
        <source>met</source>
        <translation>已实现</translation>
    </message>
    <message>
        <source>not met</source>
        <translation>未实现</translation>
    </message>
    <message>
        <source>no findings</source>
        <translation>无发现项</translation>
    </message>
    <message>
        <source>Add output action</source>
        <translation>添加输出措施</translation>
    </message>
</context>
<context>
    <name>RolesPanel</name>
    <message>
        <source>Add the suggested roles</source>
        <translation>添加建议的角色</translation>
    </message>
    <message>
        <source>The Plan step names roles not yet listed here: %1.</source>
        <translation>策划步骤中提到了此处尚未列出的角色：%1。</translation>
    </message>
</context>
<context>
    <name>ScoresPanel</name>
    <message>
        <source>Survey</source>
        <translation>调查</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Gap = perception − expectation (P − E), per item and per dimension: the SERVQUAL convention from the service-quality literature; the method names the five dimensions but gives no formula. Below zero: expectations not met.</source>
        <translation>差距 = 感知 − 期望（P − E），按题目和维度计算：这是服务质量文献中的 SERVQUAL 惯例；本方法列出了五个维度，但未给出公式。小于零表示未达到期望。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Gap per dimension</source>
        <translation>各维度差距</translation>
    </message>
    <message>
        <source>No survey yet.</source>
        <translation>尚无调查。</translation>
    </message>
    <message>
        <source>Dimension or item</source>
        <translation>维度或题目</translation>
    </message>
    <message>
        <source>n</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Perception</source>
        <translation>感知</translation>
    </message>
    <message>
        <source>Expectation</source>
        <translation>期望</translation>
    </message>
    <message>
        <source>Gap P − E</source>
        <translation>差距 P − E</translation>
    </message>
    <message>
        <source>95% interval</source>
        <translation>95% 置信区间</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>gap</source>
        <translation>差距</translation>
    </message>
    <message>
        <source>perception</source>
        <translation>感知</translation>
    </message>
    <message>
        <source>%1 respondents; overall %2 %3, importance-weighted %4</source>
        <translation>受访者 %1 人；总体%2 %3，按重要性加权 %4</translation>
    </message>
    <message>
        <source>Perception per dimension</source>
        <translation>各维度感知</translation>
    </message>
</context>
<context>
    <name>StatisticsPanel</name>
    <message>
        <source>(not named)</source>
        <translation>（未指明）</translation>
    </message>
    <message>
        <source>Complaints by moment of truth (Pareto)</source>
        <translation>按关键时刻统计的投诉（帕累托图）</translation>
    </message>
    <message>
        <source>by SERVQUAL dimension</source>
        <translation>按 SERVQUAL 维度</translation>
    </message>
    <message>
        <source>by service item</source>
        <translation>按服务项目</translation>
    </message>
    <message>
        <source>Complaints per month (recovery cases in brackets)</source>
        <translation>每月投诉数（括号内为补救案例数）</translation>
    </message>
</context>
<context>
    <name>StepGuidance</name>
    <message>
        <source>Summarise</source>
        <translation>总结</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>学习</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对照</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>策划</translation>
    </message>
    <message>
        <source>Allocate</source>
        <translation>调配</translation>
    </message>
    <message>
        <source>Strengthen</source>
        <translation>充实</translation>
    </message>
    <message>
        <source>Refine</source>
        <translation>完善</translation>
    </message>
    <message>
        <source>Operate</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Progress is the share of lessons decided: adopted and carried by a document, or rejected (&quot;later&quot; counts as open). The step is ready for sign-off when there are lessons and every one is decided.</source>
        <translation>进度是已作决定的经验教训所占比例：已采用并写入文件，或已否决（“以后再定”算作未决）。有经验教训且每一条都已决定时，本步骤即可签核。</translation>
    </message>
    <message>
        <source>Progress is the share of the study plan&apos;s entries (role and standard) completed — marked completed in the plan, or everyone in the role attended a session on that standard. People, sessions or benchmarking notes start the step; it is ready for sign-off when every planned entry is completed.</source>
        <translation>进度是学习计划条目（角色与标准）中已完成的比例——在计划中标记为完成，或该角色的所有人都参加过该标准的培训。录入人员、培训或对标记录即开始本步骤；每个计划条目都完成时即可签核。</translation>
    </message>
    <message>
        <source>Progress is the share of applicable requirements assessed in the latest gap assessment. The step is ready for sign-off when every one of them is assessed.</source>
        <translation>进度是最新差距评估中已评估的适用要求所占比例。所有适用要求都已评估时，本步骤即可签核。</translation>
    </message>
    <message>
        <source>Progress counts nine parts of the design: positioning, quality policy, objectives, adopted system elements, processes, planned documents, service outline, the service commitment&apos;s promise and satisfaction standards. With all nine the design is ready for approval, which is the sign-off.</source>
        <translation>进度按设计的九个部分计算：定位、质量方针、质量目标、采用的体系要素、过程、计划文件、服务大纲、服务承诺的内容和满意度标准。九项齐备即可批准设计，也就是签核。</translation>
    </message>
    <message>
        <source>Progress counts each role, each facility or piece of equipment not retired, and each measuring instrument&apos;s calibration. A role counts when a person who has not left fills it and the appointee&apos;s competence is recorded; a resource when it is in service; a calibration when it is not overdue. The step is ready for sign-off when all of them count.</source>
        <translation>进度按每个角色、每项未停用的设施或设备以及每台测量仪器的校准计算。角色由在职人员担任且已记录其能力时计入；资源投入使用时计入；校准未逾期时计入。全部计入时，本步骤即可签核。</translation>
    </message>
    <message>
        <source>Progress is the share of basic management work areas in place. The step is ready for sign-off when there are areas and every one is in place.</source>
        <translation>进度是已到位的基础管理工作方面所占比例。有这些方面且每一个都已到位时，本步骤即可签核。</translation>
    </message>
    <message>
        <source>Turn the experience you already have into rules. Every organisation has quality practice before it has a quality system: collect it, and the lessons of past mistakes, and distil them into candidate standards, specifications and regulations.</source>
        <translation>把已有的经验变成规则。每个组织在建立质量体系之前都已有质量实践：把这些实践和以往失误的教训收集起来，提炼为拟定的标准、规范和制度。</translation>
    </message>
    <message>
        <source>Go through complaint logs, incident reports, audit findings, earlier quality campaigns and staff suggestions.</source>
        <translation>梳理投诉记录、事故报告、审核发现、以往的质量活动和员工建议。</translation>
    </message>
    <message>
        <source>For each, write down what happened and what was learned, then the rule it suggests: a standard, a specification or a regulation.</source>
        <translation>逐条写下发生了什么、得到什么经验或教训，以及由此提出的规则：标准、规范或制度。</translation>
    </message>
    <message>
        <source>Decide for every lesson: adopt it into a document, reject it, or come back later.</source>
        <translation>对每条经验教训作出决定：纳入文件、不采纳，或稍后再议。</translation>
    </message>
    <message>
        <source>An experience and lessons register: source, date, what happened, the lesson, the suggested rule and its kind.</source>
        <translation>经验教训登记表：来源、日期、经过、经验或教训、建议的规则及其类别。</translation>
    </message>
    <message>
        <source>The decision on each lesson and the document that carries an adopted rule.</source>
        <translation>对每条经验教训的决定，以及承载已采纳规则的文件。</translation>
    </message>
    <message>
        <source>Every lesson is decided: adopted and carried by a document, or rejected.</source>
        <translation>每条经验教训都已决定：已采用并写入文件，或已否决。</translation>
    </message>
    <message>
        <source>Everyone learns the standards the system will stand on — managers first — and relates them to the organisation&apos;s own work, learning from peers&apos; good practice too.</source>
        <translation>全员学习体系所依据的标准——管理者先学——并结合本组织的工作加以理解，同时借鉴同行的良好做法。</translation>
    </message>
    <message>
        <source>Decide which standards and guides each role must learn: ISO 9001, the service quality guidance, your sector&apos;s rules.</source>
        <translation>确定每个岗位必须学习的标准和指南：ISO 9001、服务质量指南、本行业的规定。</translation>
    </message>
    <message>
        <source>Hold training sessions and record who attended, for how long, and how they did in the assessment.</source>
        <translation>组织培训，记录参加人员、学时及考核结果。</translation>
    </message>
    <message>
        <source>Visit or study peer organisations and note the practices worth adopting.</source>
        <translation>走访或研究同行组织，记下值得借鉴的做法。</translation>
    </message>
    <message>
        <source>A study plan per role, training sessions with attendees and results, and peer benchmarking notes.</source>
        <translation>各岗位的学习计划、培训场次及参加人员和成绩、同行对标记录。</translation>
    </message>
    <message>
        <source>A training matrix showing who still needs what.</source>
        <translation>培训矩阵，显示谁还需要学习哪些内容。</translation>
    </message>
    <message>
        <source>Every role that must study has completed its planned training.</source>
        <translation>所有须学习的岗位均已完成计划的培训。</translation>
    </message>
    <message>
        <source>Hold the organisation&apos;s current state against the standard, requirement by requirement: confirm what is already achieved, find the gaps, and set the direction.</source>
        <translation>将组织的现状与标准逐条对照：确认已经做到的，找出差距，明确方向。</translation>
    </message>
    <message>
        <source>Pick a requirement library (ISO 9001, service elements, service commitment) and work through the checklist.</source>
        <translation>选择一个要求库（ISO 9001、服务要素、服务承诺），逐项完成检查表。</translation>
    </message>
    <message>
        <source>For each requirement record the current practice and the evidence, then the status: conforming, partially conforming, nonconforming or not applicable.</source>
        <translation>对每项要求记录现行做法和证据，再判定状态：符合、部分符合、不符合或不适用。</translation>
    </message>
    <message>
        <source>Turn every gap into an action with an owner, a priority and a due date.</source>
        <translation>把每个差距转化为一项措施，明确负责人、优先级和完成期限。</translation>
    </message>
    <message>
        <source>The gap checklist: status, current practice, evidence, gap and action per requirement, with conformity by clause.</source>
        <translation>差距检查表：每项要求的状态、现行做法、证据、差距和措施，以及按条款统计的符合度。</translation>
    </message>
    <message>
        <source>Baseline and later re-assessments, so progress can be compared.</source>
        <translation>基线评估及后续复评，便于比较进展。</translation>
    </message>
    <message>
        <source>Every applicable requirement has been assessed.</source>
        <translation>所有适用的要求均已评估。</translation>
    </message>
    <message>
        <source>Design the quality system: what the organisation offers and to whom, the policy and objectives, the processes and documents, and the promises it makes to customers.</source>
        <translation>设计质量体系：组织向谁提供什么服务，质量方针和目标，过程和文件，以及对顾客的承诺。</translation>
    </message>
    <message>
        <source>Position the services: target customers, offerings, service level.</source>
        <translation>服务定位：目标顾客、服务项目、服务水平。</translation>
    </message>
    <message>
        <source>Write the quality policy and measurable objectives, each with a metric, target, owner and frequency.</source>
        <translation>制定质量方针和可测量的质量目标，每个目标都有指标、目标值、负责人和频次。</translation>
    </message>
    <message>
        <source>Select the quality-system elements, map the process network and design the document system.</source>
        <translation>选择质量体系要素，绘制过程网络，设计文件体系。</translation>
    </message>
    <message>
        <source>Write the service outline, the service commitment and the satisfaction standards, with a recovery plan for each moment of truth.</source>
        <translation>编写服务大纲、服务承诺和满意度标准，并为每个关键时刻制定服务补救预案。</translation>
    </message>
    <message>
        <source>Positioning, policy and objectives, selected elements, process network, document system design and service environment.</source>
        <translation>服务定位、方针和目标、选定的要素、过程网络、文件体系设计和服务环境。</translation>
    </message>
    <message>
        <source>The service outline, the service commitment and the satisfaction standards.</source>
        <translation>服务大纲、服务承诺和满意度标准。</translation>
    </message>
    <message>
        <source>The design has been approved, with the approver and the date recorded.</source>
        <translation>设计已获批准，并记录批准人和日期。</translation>
    </message>
    <message>
        <source>Provide what the system needs to run: the right people in the right roles, with clear responsibilities and authority, and the facilities and equipment it relies on.</source>
        <translation>提供体系运行所需的资源：合适的人在合适的岗位上，职责和权限明确，并配备所依赖的设施和设备。</translation>
    </message>
    <message>
        <source>Appoint a manager to each role the system needs and write down their responsibilities and authority.</source>
        <translation>为体系所需的每个岗位任命负责人，并写明其职责和权限。</translation>
    </message>
    <message>
        <source>Fill in the responsibility matrix: for every process and system element, who is responsible, accountable (exactly one), consulted and informed.</source>
        <translation>填写职责矩阵：每个过程和体系要素由谁负责、由谁批准（恰好一个）、征求谁的意见、告知谁。</translation>
    </message>
    <message>
        <source>Train all staff on the system, not only managers, and check the training coverage for who is still to be trained.</source>
        <translation>对全体员工进行体系培训，而不只是管理人员，并通过培训覆盖情况查看谁尚待培训。</translation>
    </message>
    <message>
        <source>Roles with level, responsibilities, authorities, required competence and the appointed person.</source>
        <translation>角色及其层级、职责、权限、所需能力和任职人员。</translation>
    </message>
    <message>
        <source>The responsibility matrix (R/A/C/I) of roles against processes and system elements, and the training coverage per role.</source>
        <translation>角色对过程和体系要素的职责矩阵（R/A/C/I），以及各角色的培训覆盖情况。</translation>
    </message>
    <message>
        <source>Facilities and equipment with their state, and measuring equipment with its calibration dates.</source>
        <translation>设施和设备及其状态，测量设备及其校准日期。</translation>
    </message>
    <message>
        <source>Every role is filled by a person with the competence recorded, every planned resource is in service, and no calibration is overdue.</source>
        <translation>每个角色都由已记录能力的人员担任，每项计划的资源都已投入使用，且没有逾期的校准。</translation>
    </message>
    <message>
        <source>The basic management work, one row per area: current state, weakness found, action, owner, due date, state, evidence and the requirement it shores up.</source>
        <translation>基础管理工作，每个方面一行：现状、发现的薄弱环节、措施、负责人、期限、状态、证据及所加强的要求。</translation>
    </message>
    <message>
        <source>Every area of the basic management work is in place.</source>
        <translation>基础管理工作的每个方面都已到位。</translation>
    </message>
    <message>
        <source>List the service facilities and equipment and make sure each is in place.</source>
        <translation>列出服务设施和设备，确保逐一到位。</translation>
    </message>
    <message>
        <source>Progress is the share of the Plan step&apos;s planned documents that have an issued revision in document control (reviewed, approved and issued on the Document control tab). With every planned document issued the step is ready for sign-off.</source>
        <translation>进度为策划步骤中已在文件控制中有已发布版本（在“文件控制”选项卡上经审核、批准并发布）的计划文件所占比例。所有计划文件均已发布时，本步骤即可签核。</translation>
    </message>
    <message>
        <source>Progress counts seven parts: feedback channels recorded, a satisfaction survey with responses, every closed complaint given the recovery steps its severity needs, every quality objective measured; and one full review cycle — an internal audit completed, a management review held that includes it, and that review&apos;s outputs (at least one) each scheduled (owner and due date) or closed. With all seven the step is ready for sign-off.</source>
        <translation>进度按七个部分计算：已记录反馈渠道；满意度调查已有回答；每项已关闭的投诉都采取了其严重程度所需的补救步骤；每项质量目标都已测量；以及一个完整的评审循环——完成一次内部审核，举行一次包含该审核的管理评审，且该评审的输出（至少一项）均已安排（负责人和完成期限）或已关闭。七部分全部满足时，本步骤即可签核。</translation>
    </message>
    <message>
        <source>Shore up the basic management work the system stands on, so the documents will describe practice that can actually be kept.</source>
        <translation>夯实体系赖以运行的基础管理工作，使文件所描述的做法确实能够做到。</translation>
    </message>
    <message>
        <source>Check standardisation, measurement and calibration, quality information and records, the quality responsibility system, rules and regulations, and basic education.</source>
        <translation>检查标准化、计量与校准、质量信息和记录、质量责任制、规章制度以及基础教育。</translation>
    </message>
    <message>
        <source>For each item that is weak, plan what to do and who does it.</source>
        <translation>对每个薄弱项，计划要做什么、由谁来做。</translation>
    </message>
    <message>
        <source>Complete the system&apos;s documents and put them under control: the quality manual, the procedures, the work instructions and the forms.</source>
        <translation>完成体系文件并纳入受控管理：质量手册、程序文件、作业指导书和表单。</translation>
    </message>
    <message>
        <source>Generate the quality manual, the service outline and the gap report from what the workspace holds, then edit them.</source>
        <translation>根据工作区中的内容生成质量手册、服务大纲和差距报告，再进行编辑。</translation>
    </message>
    <message>
        <source>Give every document a number, a revision and an approval before it is issued.</source>
        <translation>每份文件发布前都要有编号、版次和批准。</translation>
    </message>
    <message>
        <source>The document set with numbers, revisions, approvals and change history.</source>
        <translation>带有编号、版次、批准和修订记录的成套文件。</translation>
    </message>
    <message>
        <source>Generated documents in Word (DOCX) and PDF, in English and Chinese.</source>
        <translation>以 Word（DOCX）和 PDF 格式生成的中英文文件。</translation>
    </message>
    <message>
        <source>The document set is approved and issued.</source>
        <translation>成套文件已批准并发布。</translation>
    </message>
    <message>
        <source>Run the system and keep it running: training and quality culture, quality veto in appraisal, quality costs, QC circles, customer feedback, internal audit and management review.</source>
        <translation>运行体系并保持其持续运行：培训与质量文化、考核中的质量否决权、质量成本、QC小组、顾客反馈、内部审核和管理评审。</translation>
    </message>
    <message>
        <source>Keep customer feedback, service failures and their recovery on record.</source>
        <translation>记录顾客反馈、服务失误及其补救。</translation>
    </message>
    <message>
        <source>Account for quality costs and tie quality to appraisal (the quality veto).</source>
        <translation>核算质量成本，并把质量与考核挂钩（质量否决权）。</translation>
    </message>
    <message>
        <source>Run internal audits and a management review, and follow up corrective actions.</source>
        <translation>开展内部审核和管理评审，并跟踪纠正措施。</translation>
    </message>
    <message>
        <source>Training and culture activities, quality costs, QC circles and their projects.</source>
        <translation>培训和文化活动、质量成本、QC小组及其课题。</translation>
    </message>
    <message>
        <source>Feedback and complaints, internal audits, management reviews and corrective actions.</source>
        <translation>反馈和投诉、内部审核、管理评审和纠正措施。</translation>
    </message>
    <message>
        <source>The system has run through at least one full review cycle.</source>
        <translation>体系已至少运行一个完整的评审周期。</translation>
    </message>
</context>
<context>
    <name>StepPage</name>
    <message>
        <source>… and %1 more</source>
        <translation>……另有 %1 项</translation>
    </message>
    <message>
        <source>Step %1 · %2</source>
        <translation>第%1步 · %2</translation>
    </message>
    <message>
        <source>How to work through this step</source>
        <translation>如何开展本步骤</translation>
    </message>
    <message>
        <source>What this step holds</source>
        <translation>本步骤包含的内容</translation>
    </message>
    <message>
        <source>The registers for this step arrive in coming versions; until then record its status, sign-off and notes here.</source>
        <translation>本步骤的登记表将在后续版本中提供；在此之前，请在这里记录其状态、签核和备注。</translation>
    </message>
    <message>
        <source>Status and sign-off</source>
        <translation>状态与签核</translation>
    </message>
    <message>
        <source>Done when:</source>
        <translation>完成标准：</translation>
    </message>
    <message>
        <source>How progress is measured:</source>
        <translation>进度如何计算：</translation>
    </message>
    <message>
        <source>Progress:</source>
        <translation>进度：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Signed off by:</source>
        <translation>签核人：</translation>
    </message>
    <message>
        <source>Sign-off date:</source>
        <translation>签核日期：</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Where it stands:</source>
        <translation>当前情况：</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>The sign-off date must be a date written as YYYY-MM-DD.</source>
        <translation>签核日期须为日期，格式为 YYYY-MM-DD。</translation>
    </message>
    <message>
        <source>Update step %1</source>
        <translation>更新步骤“%1”</translation>
    </message>
</context>
<context>
    <name>StepStatus</name>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Ready for sign-off</source>
        <translation>可签核</translation>
    </message>
</context>
<context>
    <name>StepTabs</name>
    <message>
        <source>Experience and lessons</source>
        <translation>经验教训</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Study plan</source>
        <translation>学习计划</translation>
    </message>
    <message>
        <source>Training matrix</source>
        <translation>培训矩阵</translation>
    </message>
    <message>
        <source>Training sessions</source>
        <translation>培训记录</translation>
    </message>
    <message>
        <source>Peer benchmarking</source>
        <translation>同行对标</translation>
    </message>
    <message>
        <source>Positioning and policy</source>
        <translation>定位与方针</translation>
    </message>
    <message>
        <source>Objectives</source>
        <translation>质量目标</translation>
    </message>
    <message>
        <source>System elements</source>
        <translation>体系要素</translation>
    </message>
    <message>
        <source>Process network</source>
        <translation>过程网络</translation>
    </message>
    <message>
        <source>Document system</source>
        <translation>文件体系</translation>
    </message>
    <message>
        <source>Environment and numbering</source>
        <translation>环境与编号</translation>
    </message>
    <message>
        <source>Service outline</source>
        <translation>服务大纲</translation>
    </message>
    <message>
        <source>Service commitment</source>
        <translation>服务承诺</translation>
    </message>
    <message>
        <source>Satisfaction standards</source>
        <translation>满意度标准</translation>
    </message>
    <message>
        <source>Customer needs (Kano)</source>
        <translation>顾客需求（Kano）</translation>
    </message>
    <message>
        <source>Moments of truth</source>
        <translation>关键时刻</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Responsibility matrix</source>
        <translation>职责矩阵</translation>
    </message>
    <message>
        <source>Training coverage</source>
        <translation>培训覆盖</translation>
    </message>
    <message>
        <source>Facilities and equipment</source>
        <translation>设施和设备</translation>
    </message>
    <message>
        <source>Recovery tokens</source>
        <translation>补救赠礼</translation>
    </message>
    <message>
        <source>Basic management work</source>
        <translation>基础管理工作</translation>
    </message>
    <message>
        <source>Generate documents</source>
        <translation>生成文件</translation>
    </message>
    <message>
        <source>Document control</source>
        <translation>文件控制</translation>
    </message>
    <message>
        <source>Internal audits</source>
        <translation>内部审核</translation>
    </message>
    <message>
        <source>Corrective actions</source>
        <translation>纠正措施</translation>
    </message>
    <message>
        <source>Management review</source>
        <translation>管理评审</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Service recovery</source>
        <translation>服务补救</translation>
    </message>
    <message>
        <source>Commitment claims</source>
        <translation>承诺索赔</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Customers kept</source>
        <translation>顾客保持</translation>
    </message>
    <message>
        <source>Feedback channels</source>
        <translation>反馈渠道</translation>
    </message>
    <message>
        <source>Complaints and recovery</source>
        <translation>投诉与补救</translation>
    </message>
    <message>
        <source>Surveys</source>
        <translation>满意度调查</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>目标结果</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Audit and improvement</source>
        <translation>审核与改进</translation>
    </message>
    <message>
        <source>Cost and appraisal</source>
        <translation>成本与考核</translation>
    </message>
    <message>
        <source>Circles and culture</source>
        <translation>QC 小组与质量文化</translation>
    </message>
    <message>
        <source>QC circles</source>
        <translation>QC 小组</translation>
    </message>
    <message>
        <source>QC projects</source>
        <translation>QC 课题</translation>
    </message>
    <message>
        <source>Culture and education</source>
        <translation>质量文化与教育</translation>
    </message>
    <message>
        <source>Quality cost</source>
        <translation>质量成本</translation>
    </message>
    <message>
        <source>Revenue per month</source>
        <translation>每月营业收入</translation>
    </message>
    <message>
        <source>Appraisal and veto</source>
        <translation>考核与否决</translation>
    </message>
    <message>
        <source>Veto triggers</source>
        <translation>否决条件</translation>
    </message>
</context>
<context>
    <name>SurveysPanel</name>
    <message>
        <source>Scores</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Surveys</source>
        <translation>调查</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>题目</translation>
    </message>
    <message>
        <source>Responses</source>
        <translation>答卷</translation>
    </message>
</context>
<context>
    <name>TabbedStepPage</name>
    <message>
        <source>Step %1 · %2</source>
        <translation>第%1步 · %2</translation>
    </message>
    <message>
        <source>Guidance and sign-off</source>
        <translation>指南与签核</translation>
    </message>
</context>
<context>
    <name>TourDialog</name>
    <message>
        <source>Get Started</source>
        <translation>开始使用</translation>
    </message>
    <message>
        <source>Next →</source>
        <translation>下一页 →</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <source>Welcome to QMS Desktop</source>
        <translation>欢迎使用 QMS Desktop</translation>
    </message>
    <message>
        <source>Skip the Tour</source>
        <translation>跳过导览</translation>
    </message>
    <message>
        <source>← Back</source>
        <translation>← 上一页</translation>
    </message>
    <message>
        <source>Open the Guide</source>
        <translation>打开使用指南</translation>
    </message>
</context>
<context>
    <name>TrainingCoveragePanel</name>
    <message>
        <source>Match names to people</source>
        <translation>将姓名匹配到人员</translation>
    </message>
    <message>
        <source>Attendee names that now name someone in the people register become picks</source>
        <translation>与人员名册中某人同名的参加人员姓名将改为选中该人员</translation>
    </message>
    <message>
        <source>No people yet: list them in step 2, Study (People tab).</source>
        <translation>尚无人员：请在第 2 步“学习”（“人员”选项卡）中列出。</translation>
    </message>
    <message>
        <source>%1: %2 of %3 trained</source>
        <translation>%1：%3 人中已培训 %2 人</translation>
    </message>
    <message>
        <source>(no role)</source>
        <translation>（无角色）</translation>
    </message>
    <message>
        <source>not yet: %1</source>
        <translation>尚未：%1</translation>
    </message>
    <message>
        <source>Trained on the system, per role</source>
        <translation>按角色统计的体系培训情况</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Attendee names that match no one in the people register — %1</source>
        <translation>在人员名册中找不到对应人员的参加人员姓名——%1</translation>
    </message>
    <message>
        <source>Match attendee names to people</source>
        <translation>将参加人员姓名匹配到人员</translation>
    </message>
</context>
<context>
    <name>TrainingMatrix</name>
    <message>
        <source>No study planned yet: add entries on the Study plan tab.</source>
        <translation>尚未安排学习：请在“学习计划”页添加。</translation>
    </message>
    <message>
        <source>Every role has completed its planned study.</source>
        <translation>所有岗位均已完成计划的学习。</translation>
    </message>
    <message>
        <source>Still to study — %1</source>
        <translation>尚需学习——%1</translation>
    </message>
</context>
<context>
    <name>UnexpectedErrorDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation>出现问题</translation>
    </message>
    <message>
        <source>QMS Desktop met an unexpected problem.</source>
        <translation>QMS Desktop 遇到了意外问题。</translation>
    </message>
    <message>
        <source>Your work up to the last stored edit is safe, and you can go on working. The details were written to the log file; if you report the problem, please include them.</source>
        <translation>截至最后一次保存的编辑，您的工作都是安全的，可以继续工作。详细信息已写入日志文件；报告问题时请附上这些信息。</translation>
    </message>
    <message>
        <source>&amp;Copy Details</source>
        <translation>复制详细信息(&amp;C)</translation>
    </message>
    <message>
        <source>Open &amp;Log Folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>Verify effectiveness</source>
        <translation>验证有效性</translation>
    </message>
    <message>
        <source>Yes: effective, verified</source>
        <translation>是：有效，已验证</translation>
    </message>
    <message>
        <source>No: not effective, reopen the action</source>
        <translation>否：无效，重新打开该措施</translation>
    </message>
    <message>
        <source>Verified by</source>
        <translation>验证人</translation>
    </message>
    <message>
        <source>Verified on</source>
        <translation>验证日期</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>Effective</source>
        <translation>有效</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to QMS Desktop</source>
        <translation>欢迎使用 QMS Desktop</translation>
    </message>
    <message>
        <source>Build your organisation&apos;s quality system in eight steps — summarise, study, compare, plan, allocate, strengthen, refine, operate. Everything about one organisation is kept in one workspace file, saved as you work.</source>
        <translation>按八个步骤建立组织的质量体系——总结、学习、对照、策划、调配、充实、完善、运行。一个组织的全部内容保存在一个工作区文件中，边做边存。</translation>
    </message>
    <message>
        <source>New workspace…</source>
        <translation>新建工作区…</translation>
    </message>
    <message>
        <source>Open workspace…</source>
        <translation>打开工作区…</translation>
    </message>
    <message>
        <source>Explore the demo organisation</source>
        <translation>浏览示例组织</translation>
    </message>
    <message>
        <source>Recent workspaces (double-click to open):</source>
        <translation>最近的工作区（双击打开）：</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <source>&amp;New Workspace…</source>
        <translation>新建工作区(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open Workspace…</source>
        <translation>打开工作区(&amp;O)…</translation>
    </message>
    <message>
        <source>Open the &amp;Demo Organisation</source>
        <translation>打开示例组织(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Close Workspace</source>
        <translation>关闭工作区(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Export for Auditor…</source>
        <translation>导出给审核员(&amp;E)…</translation>
    </message>
    <message>
        <source>Restore a &amp;Backup…</source>
        <translation>恢复备份(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;About QMS Desktop</source>
        <translation>关于 QMS Desktop(&amp;A)</translation>
    </message>
    <message>
        <source>Open &amp;Log Folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <source>QMS Desktop &amp;Guide</source>
        <translation>QMS Desktop 使用指南(&amp;G)</translation>
    </message>
    <message>
        <source>The Eight-Step &amp;Method Explained</source>
        <translation>八步法详解(&amp;M)</translation>
    </message>
    <message>
        <source>Take the &amp;Tour</source>
        <translation>导览(&amp;T)</translation>
    </message>
    <message>
        <source>What&apos;s &amp;New</source>
        <translation>新功能(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;History Panel</source>
        <translation>历史记录面板(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Go To</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
</context>
</TS>
