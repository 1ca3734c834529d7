"""Open answers scored with the real models: what a candidate and an interviewer rely on."""

import json
import threading

import pytest

from kaoguan.bank.model import KeyPoint, Question
from kaoguan.score import Score, Scorer
from kaoguan.score.devset import bank_from_dev_questions
from kaoguan.score.scorer import RED_FLAG_CAP
from tests.conftest import DEV_ANSWERS

MODES = ["accurate", "fast"]

# Written for these tests (not in the dev set): the card-fraud question dev-q06.
PARAPHRASE = (
    "我会先让客户别慌，告诉他我马上帮他处理。核对完他的身份后，第一时间把这张卡锁住，防止再有钱被刷走。"
    "接着和他逐笔核对那三笔消费，确认不是他本人或家人刷的，就帮他提交争议申请。我会说明退款要等银行调查，"
    "现在没法打包票一定能全退，但我会一直跟进。另外请他把出境记录、机票这些能证明人在国外的材料留好，"
    "新卡怎么补办也跟他说清楚，三天内我会回电话告诉他进展。"
)
STUFFED = "处理盗刷要做到安抚情绪、核实身份、冻结止损、登记争议、保留证据、补卡回访，坚持客户至上、合规第一、闭环管理。"
OFF_TOPIC = "我平时喜欢旅游，去过很多国家，觉得出国旅行能开阔眼界。我最喜欢的城市是东京，那里的服务特别好。"
PROMISE = (
    "我会先安抚客户，核实身份后马上冻结卡片，逐笔确认交易并提交争议申请，提醒他保留机票和出入境记录，"
    "然后跟他说：“您放心，这笔钱百分之百全额退给您，明天就到账。”"
)


@pytest.fixture(scope="module")
def bank():
    return bank_from_dev_questions(DEV_ANSWERS / "questions.json")


@pytest.fixture(scope="module")
def fraud(bank):
    return bank.question("dev-q06")


@pytest.fixture(scope="module", params=MODES)
def scorer(request):
    return Scorer(mode=request.param)


def test_construction_is_cheap_and_loads_no_model():
    scorer = Scorer()
    assert scorer._matcher is None


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="unknown scoring mode"):
        Scorer(mode="turbo")


def test_excellent_paraphrase_scores_high(scorer, fraud):
    score = scorer.score(fraud, PARAPHRASE)
    assert score.score >= 0.8 * score.max_score
    assert not score.red_flags


def test_keyword_stuffed_answer_scores_low(scorer, fraud):
    score = scorer.score(fraud, STUFFED)
    assert score.score <= 0.2 * score.max_score


def test_off_topic_answer_scores_nothing_much(scorer, fraud):
    assert scorer.score(fraud, OFF_TOPIC).score <= 0.1 * fraud.points


def test_length_alone_earns_nothing(scorer, fraud):
    assert scorer.score(fraud, OFF_TOPIC * 4).score <= 0.1 * fraud.points


def test_red_flag_caps_the_score_whatever_else_is_covered(scorer, fraud):
    score = scorer.score(fraud, PROMISE)
    assert [flag.code for flag in score.red_flags] == ["beyond_authority"]
    assert "百分之百全额退给您" in score.red_flags[0].evidence
    assert score.score <= RED_FLAG_CAP * score.max_score
    assert "红线" in score.feedback


def test_opposite_behaviour_does_not_cover_the_key_point(scorer):
    question = Question(
        id="calm", prompt="客户情绪激动，你会怎么做？", points=4,
        key_points=[KeyPoint(id="k1", text="保持冷静，先安抚客户情绪")],
    )
    argued = scorer.score(question, "我会直接跟客户争辩，告诉他是他自己没看清楚。")
    calmed = scorer.score(question, "我会先稳住客户的情绪，让他别着急，慢慢说。")
    assert argued.key_points[0].coverage == 0.0
    assert calmed.key_points[0].coverage >= 0.5


def test_score_contract(scorer, fraud):
    score = scorer.score(fraud, PARAPHRASE, answer_id="a-1")
    data = json.loads(score.model_dump_json())
    assert data["answer_id"] == "a-1" and data["question_id"] == "dev-q06" and data["max_score"] == 10
    assert [kp["id"] for kp in data["key_points"]] == [kp.id for kp in fraud.key_points]
    assert all(kp["coverage"] in (0.0, 0.5, 1.0) for kp in data["key_points"])
    # the evidence is a clause the candidate actually said
    assert all(kp["evidence"] is None or kp["evidence"] in PARAPHRASE.replace("。", "，") for kp in data["key_points"])
    assert score.score == pytest.approx(
        score.max_score * sum(kp.coverage for kp in score.key_points) / len(score.key_points), abs=0.01
    )
    Score.model_validate(data)


def test_feedback_quotes_evidence_and_hints_missed_points(fraud):
    score = Scorer(mode="fast").score(fraud, "我会先安抚客户，告诉他别着急，然后马上帮他冻结卡片。")
    assert "已覆盖的要点" in score.feedback and "冻结卡片" in score.feedback
    assert "未覆盖的要点" in score.feedback
    assert "参考说法" in score.feedback  # the bank's phrasing as a hint
    assert "总评" in score.feedback.splitlines()[-1]


def test_star_structure_for_behavioral_questions(bank):
    question = bank.question("dev-q01")
    story = "之前在银行实习时，有位阿姨看不懂分期手续费。我先问她哪里不明白，再拿她自己的账单一笔一笔算给她看。"
    score = Scorer(mode="fast").score(question, story, category="behavioral")
    assert score.structure is not None
    assert "situation" in score.structure.present and "action" in score.structure.present
    assert "result" in score.structure.missing
    assert "结果(R)" in score.feedback
    assert Scorer(mode="fast").score(question, story, category="knowledge").structure is None


def test_score_many_keeps_order_and_mixes_objective_and_open(fraud):
    choice = Question(id="c1", kind="single_choice", prompt="选", points=2, options={"A": "a", "B": "b"}, answer="B")
    scores = Scorer(mode="fast").score_many([(fraud, OFF_TOPIC, "x1"), (choice, "ｂ", "x2"), (fraud, PARAPHRASE, "x3")])
    assert [s.answer_id for s in scores] == ["x1", "x2", "x3"]
    assert scores[1].correct is True and scores[1].score == 2
    assert scores[2].score > scores[0].score


def test_question_without_key_points_falls_back_to_rubric_or_says_so():
    rubric_question = Question.model_validate({
        "id": "r", "prompt": "客户要求马上退款，你怎么办？", "points": 4,
        "rubric": [{"item": "安抚客户情绪", "points": 2}, {"item": "说明退款流程和时效", "points": 2}],
    })
    scored = Scorer(mode="fast").score(rubric_question, "我会先安抚客户，请他别着急，然后说明退款要走的流程，一般三到五个工作日到账。")
    assert scored.score > 0 and [kp.id for kp in scored.key_points] == ["r1", "r2"]
    bare = Question(id="b", prompt="谈谈你自己", points=5)
    result = Scorer(mode="fast").score(bare, "我很细心")
    assert result.score == 0 and "人工" in result.feedback


@pytest.mark.parametrize("placeholder", ["略", "（略）", "（考生结合自身经历作答，言之有理即可）"])
def test_a_placeholder_reference_answer_is_not_scored_against(placeholder):
    """`参考答案：略` says the answer was left out: an answer matching the word 略 earns nothing,
    and the candidate is told a person will mark it, rather than scored against the placeholder."""
    question = Question(id="p", prompt="谈谈你的职业规划", points=10, reference_answer=placeholder)
    result = Scorer(mode="fast").score(question, "我的规划是三年内成为业务骨干，策略上先把基础业务练熟，" + placeholder)
    assert result.score == 0 and result.key_points == [] and "人工" in result.feedback
    assert "占位文字" in result.feedback and placeholder in result.feedback


def test_scorer_is_safe_to_share_between_threads(fraud):
    scorer = Scorer(mode="fast")
    expected = scorer.score(fraud, PARAPHRASE).score
    results, errors = [], []

    def work():
        try:
            results.append(scorer.score(fraud, PARAPHRASE).score)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and results == [expected] * 4


@pytest.mark.parametrize("text", ["", "   ", "。。。", "嗯"])
def test_empty_or_blank_answers_score_zero_without_error(fraud, text):
    score = Scorer(mode="fast").score(fraud, text)
    assert score.score == 0 and len(score.key_points) == len(fraud.key_points)


def test_point_by_point_labels_are_name_dropping_but_point_by_point_actions_are_not(scorer, fraud):
    labels = "处理这种情况要注意几点：第一，安抚情绪；第二，核实身份；第三，冻结止损；第四，登记争议；第五，补卡回访。总之要以客户为中心。"
    actions = (
        "第一，我先请客户别着急，核对完他的身份再操作；第二，我马上把这张卡冻结，免得再被刷；"
        "第三，我跟他一笔一笔核对消费，帮他提交争议申请，告诉他能不能退要看调查结果；第四，我请他留好机票和出入境记录。"
    )
    assert scorer.score(fraud, labels).score <= 0.2 * fraud.points
    assert scorer.score(fraud, actions).score >= 0.5 * fraud.points


def test_generic_padding_does_not_raise_a_score(scorer, fraud):
    """Length alone earns nothing: the same answer with pleasant filler appended scores no higher."""
    thin = "我会先让客户别着急，核对身份后马上冻结他的卡，再帮他登记争议交易。"
    filler = "我平时很喜欢和人聊天，大家都说我性格好。我相信只要用心，就一定能把工作做好。"
    plain = scorer.score(fraud, thin).score
    for times in (1, 3):
        assert scorer.score(fraud, thin + filler * times).score <= plain
