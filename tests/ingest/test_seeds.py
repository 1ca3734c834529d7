"""The two seed documents import exactly, question by question."""

import pytest

from kaoguan.ingest import import_path
from tests.conftest import INTERNET_BANK_SEED, JD_SEED


@pytest.fixture(scope="module")
def jd():
    return import_path(JD_SEED)


@pytest.fixture(scope="module")
def internet_bank():
    return import_path(INTERNET_BANK_SEED)


def test_jd_title_source_and_sections(jd):
    assert jd.title == "2026年京东金融客服顾问面试题集"
    assert jd.source == "jd-finance-kefu-guwen-2026.txt"
    assert [(s.title, s.category, s.declared_count, s.points_per_question, s.declared_total) for s in jd.sections] == [
        ("行为面试题", "behavioral", 5, 8, None),
        ("专业知识题", "knowledge", 5, 6, None),
        ("情景模拟题", "situational", 3, 10, None),
    ]
    assert [s.instructions for s in jd.sections] == [
        "请结合自身经历具体回答，突出与岗位匹配的能力。",
        "考察金融基础及京东金融特色产品知识。",
        "假设场景，考察沟通和问题解决能力。",
    ]


JD_QUESTIONS = [
    # (id, label, points, prompt)
    ("s1-q1", "情境应变题", 8, "客户因系统故障无法完成贷款申请，情绪激动，言语激烈。作为客服顾问，你会如何处理？请详细说明沟通步骤和技巧。"),
    ("s1-q2", "案例分析题", 8, "某客户投诉某产品年化利率虚标，要求退回利息。你会如何应对？请说明处理流程和注意事项。"),
    ("s1-q3", "团队协作题", 8, "在高峰时段，同事临时请假，您需同时处理多个投诉。如何平衡工作量并保证服务质量？"),
    ("s1-q4", "职业规划题", 8, "您如何规划未来3年职业发展？如何将个人成长与京东金融业务结合？"),
    ("s1-q5", "压力测试题", 8, "客户因操作失误导致资金损失，将责任全部归咎于客服。您会如何应对？"),
    ("s2-q1", "产品理解题", 6, "京东金融的“白条”和“金条”有何区别？适用场景分别是什么？"),
    ("s2-q2", "合规知识题", 6, "客服在处理客户投诉时，需遵守哪些关键合规要求？"),
    ("s2-q3", "风险识别题", 6, "客户频繁申请小额贷款，可能存在哪些风险？应如何应对？"),
    ("s2-q4", "营销技巧题", 6, "如何向客户推荐京东金融的“小金库”产品？"),
    ("s2-q5", "数据分析题", 6, "客服满意度（CSAT）如何影响公司业务？"),
    ("s3-q1", "电话沟通题", 10, "客户质疑某理财产品收益不达标，已录音。您会如何回应？"),
    ("s3-q2", "多渠道处理题", 10, "同一客户通过微信、电话同时投诉，您会如何协调？"),
]


@pytest.mark.parametrize("question_id,label,points,prompt", JD_QUESTIONS)
def test_jd_questions(jd, question_id, label, points, prompt):
    question = jd.question(question_id)
    assert (question.kind, question.label, question.points, question.prompt) == ("open", label, points, prompt)
    assert question.number == int(question_id.split("q")[1])
    assert not question.truncated
    assert question.key_points, "every complete open question carries its key points"


JD_KEY_POINTS = {
    "s1-q1": [
        ("保持冷静，先安抚情绪", "“先生/女士，非常抱歉给您带来不便，我理解您的心情，请先别着急。”"),
        ("倾听需求，确认问题", "“能具体说说您遇到的困难吗？是提交失败还是其他问题？”"),
        ("提供解决方案，告知进度", "“系统目前确实存在故障，我会立刻为您上报，并实时跟进后续处理，结果会及时同步给您。”"),
        ("转化服务，争取信任", "“后续如有其他需求，欢迎随时联系我，我们会优先保障您的业务。”"),
    ],
    "s1-q2": [
        ("核实信息，解释规则", "“请您提供合同或产品说明，我需要核对具体条款。”"),
        ("引导理性，避免冲突", "“年化利率是按照监管要求标注的，我们会重新为您计算实际收益。”"),
        ("提供方案，达成共识", "“如确有差异，可协商退还差额；如无，会详细解释原因。”"),
        ("做好记录，存档备查：确保投诉内容完整记录，后续跟进留痕。", None),
    ],
    "s1-q3": [
        ("优先级排序：根据投诉紧急程度（如涉及金额、时效性）分配优先级。", None),
        ("请求支援：向主管或同事求助，临时调整班次或分摊任务。", None),
        ("自动化工具辅助：利用系统批量回复模板处理重复性问题。", None),
        ("事后复盘：总结经验，优化个人工作效率。", None),
    ],
    "s1-q4": [
        ("短期（1年）：精通产品知识，提升服务效率，争取成为“金牌顾问”。", None),
        ("中期（2年）：学习投诉处理、数据分析等技能，尝试带教新人。", None),
        ("长期（3年）：向客户经理或质检方向发展，深入参与业务优化。", None),
        ("结合公司：通过提升服务满意度，间接促进业务增长（如转化率、复购率）。", None),
    ],
    "s1-q5": [
        ("承认疏忽，但明确责任边界", "“我理解您的心情，确实是我们的流程不够清晰，但资金损失主要源于操作错误。”"),
        ("提供补救方案", "“我会协助您联系技术部门修复系统，并建议您加强账户安全设置。”"),
        ("引导理性，避免过度承诺", "“具体赔偿需根据公司规定，我会尽快为您反馈结果。”"),
    ],
    "s2-q1": [
        ("白条：消费信贷，支持线上线下支付，免息期最长45天，适合短期资金周转。", None),
        ("金条：现金贷，额度更高，可随借随还，适合大额或紧急资金需求。", None),
    ],
    "s2-q2": [
        ("保密原则：保护客户隐私信息（如身份证、账单）。", None),
        ("规范用语：使用官方话术，避免承诺不合规条款。", None),
        ("上报流程：重大投诉需及时上报至合规部门。", None),
    ],
    "s2-q3": [("风险：信用欺诈、过度负债。", None), ("应对：建议客户合理规划负债，拒绝不符合资质的申请。", None)],
    "s2-q4": [
        ("场景切入：如客户有储蓄需求，“小金库”可随存随取，收益更高。", None),
        ("数据支撑：举例最近用户收益情况，强调流动性优势。", None),
    ],
    "s2-q5": [("提升复购率：高满意度客户更易使用其他产品。", None), ("降低获客成本：口碑传播减少广告投入需求。", None)],
    "s3-q1": [
        ("播放录音，确认事实", "“您听到的录音是真实的，该产品收益确实受市场影响波动。”"),
        ("解释规则", "“产品说明书已明确标注预期收益范围，建议您关注长期表现。”"),
        ("提供替代方案", "“如不满意，可调整投资组合，我为您推荐风险匹配的产品。”"),
    ],
    "s3-q2": [("统一回复：先电话解决紧急问题，微信同步告知进展。", None), ("资源整合：将问题汇总上报，请求团队协作处理。", None)],
}


@pytest.mark.parametrize("question_id", sorted(JD_KEY_POINTS))
def test_jd_key_points_with_model_phrasing(jd, question_id):
    question = jd.question(question_id)
    assert [(kp.text, kp.detail) for kp in question.key_points] == JD_KEY_POINTS[question_id]
    assert [kp.id for kp in question.key_points] == [f"k{i}" for i in range(1, len(question.key_points) + 1)]
    assert all(kp.group is None for kp in question.key_points)


def test_jd_last_question_is_truncated_and_kept(jd):
    section = jd.sections[2]
    assert len(section.questions) == 3
    last = section.questions[2]
    assert (last.id, last.number, last.truncated, last.prompt, last.points) == ("s3-q3", 3, True, "", 10)
    assert [(w.code, w.section, w.question) for w in jd.warnings] == [("truncated_question", 3, 3)]


def test_jd_site_boilerplate_is_gone(jd):
    text = jd.model_dump_json()
    for noise in ("原创力文档", "文档评论", "NUMPAGES", "发布于福建", "约2.92千字", "举报"):
        assert noise not in text


def test_internet_bank_sections(internet_bank):
    bank = internet_bank
    assert bank.title == "2026年互联网银行客服经理岗位面试题集"
    assert [(s.title, s.category, s.declared_count, s.points_per_question, s.declared_total, len(s.questions)) for s in bank.sections] == [
        ("行为面试题", "behavioral", 5, 10, 50, 5),
        ("情景面试题", "situational", 5, 10, 50, 5),
        ("业务知识题", "knowledge", 5, 10, 50, 5),
        ("压力面试题", "stress", 5, 10, 50, 5),
    ]
    assert bank.total_points == 200
    assert bank.sections[0].instructions == "考生过往经历中的行为能力、服务意识、抗压能力及职业匹配度。"
    assert all(q.kind == "open" and q.points == 10 and q.key_points and not q.truncated for _, q in bank.questions())


def test_internet_bank_is_simplified_without_glosses(internet_bank):
    text = internet_bank.model_dump_json()
    assert "互联网银行" in internet_bank.sections[2].questions[0].prompt
    for leftover in ("(lián)", "lián", "銀", "經", "wǎng"):
        assert leftover not in text


INTERNET_BANK_PROMPTS = {
    "s1-q2": "你认为互联网银行客服与传统银行客服最大的区别是什么？你如何适应这种变化？",
    "s1-q3": "在高峰期，同时收到5个客户投诉，你会如何处理？请说明优先级排序逻辑。",
    "s2-q3": "某客户频繁咨询同一问题（如“我的积分怎么没到账”），你会如何跟进？",
    "s3-q1": "互联网银行与传统银行在反洗钱（AML）方面有何差异？如何应对线上交易的监控挑战？",
    "s4-q4": "客户要求你“特殊处理”（如违规放款），你会如何拒绝？",
    "s4-q5": "若因个人失误导致客户损失（如误操作冻结账户），你会如何承担责任？",
}


@pytest.mark.parametrize("question_id", sorted(INTERNET_BANK_PROMPTS))
def test_internet_bank_prompts(internet_bank, question_id):
    assert internet_bank.question(question_id).prompt == INTERNET_BANK_PROMPTS[question_id]


def test_internet_bank_sub_steps_become_grouped_key_points(internet_bank):
    q1 = internet_bank.question("s1-q1")
    assert [(kp.text, kp.group) for kp in q1.key_points] == [
        ("问题描述：客户因系统故障无法完成转账，情绪激动，多次联系未获解决。", None),
        ("倾听并安抚情绪，记录核心诉求", "解决步骤"),
        ("迅速核实问题，协调技术团队排查", "解决步骤"),
        ("实时向客户反馈进展，提供临时解决方案（如线下柜台办理）", "解决步骤"),
        ("事后复盘，推动系统优化。", "解决步骤"),
        ("结果与经验：客户满意撤回投诉，公司改进流程，个人提升跨部门协作能力。", None),
    ]
    q3 = internet_bank.question("s1-q3")
    assert [(kp.text, kp.group) for kp in q3.key_points] == [
        ("紧急问题优先：如账户安全风险、资金损失", "优先级排序"),
        ("高风险客户优先：老客户或VIP客户", "优先级排序"),
        ("问题复杂度优先：需跨部门协调的优先", "优先级排序"),
        ("按时间顺序分配：剩余投诉依次处理。", "优先级排序"),
        ("核心原则：体现效率与公平兼顾，避免客户流失。", None),
    ]
    q4 = internet_bank.question("s1-q4")
    assert q4.key_points[-1].text == "关键点：专业、透明，避免承诺过高收益。"
    assert [kp.group for kp in q4.key_points] == ["回应步骤"] * 4 + [None]


def test_internet_bank_every_question_has_its_key_points(internet_bank):
    counts = [len(q.key_points) for _, q in internet_bank.questions()]
    assert counts == [6, 4, 5, 5, 4, 4, 4, 4, 4, 4, 4, 3, 4, 3, 3, 3, 3, 3, 3, 3]


def test_internet_bank_numbered_answers_are_not_questions(internet_bank):
    # Every answer holds `1.…;2.…;3.…` lists; none of them may become a question.
    assert [q.number for _, q in internet_bank.questions()] == [1, 2, 3, 4, 5] * 4


def test_internet_bank_answer_appendix_is_honest(internet_bank):
    assert internet_bank.question("s1-q1").explanation == "重点考察“STAR原则”"
    deferred = [w for w in internet_bank.warnings if w.code == "deferred_answer_key"]
    assert len(deferred) == 1 and "完整版需补充" in deferred[0].text


def test_internet_bank_mojibake_is_kept_and_reported(internet_bank):
    garbled = [w for w in internet_bank.warnings if w.code == "garbled_text"]
    assert [(w.section, w.question) for w in garbled] == [(1, 1), (3, 3)]
    assert garbled[0].text in internet_bank.question("s1-q1").prompt
    assert garbled[0].text.startswith("？？")


def test_internet_bank_site_boilerplate_is_gone(internet_bank):
    text = internet_bank.model_dump_json()
    for noise in ("版权说明", "下载本文档", "已阅读", "温馨提示", "人人文库", "提交评论", "_第1页", "0/150"):
        assert noise not in text
