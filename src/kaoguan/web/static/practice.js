// Practice page: send the answer to the scorer and show the result at once: the score, the
// clauses of the answer that covered a key point (<mark>), each key point's coverage, the
// key points missed, red flags and the reference answer.
"use strict";
(function () {
  const box = document.getElementById("practice");
  if (!box) return;
  const button = document.getElementById("score-button");
  const errorBox = document.getElementById("practice-error");
  const COVERAGE = { 1: ["已覆盖", "ok"], 0.5: ["部分覆盖", "warn"], 0: ["未覆盖", "bad"] };

  function answerText() {
    const area = document.getElementById("answer");
    if (area) return area.value;
    const keys = Array.from(box.querySelectorAll('input[name="choice"]:checked')).map((el) => el.value);
    return box.dataset.kind === "multiple_choice" ? keys.sort().join("") : keys[0] || "";
  }

  function show(result, text) {
    const s = result.score;
    document.getElementById("score-value").textContent = `${s.score} / ${s.max_score} 分`;
    document.getElementById("highlighted").innerHTML = kg.highlight(text, result.evidence).replace(/\n/g, "<br>");
    document.getElementById("coverage").innerHTML = result.key_points.map((kp) => {
      const [label, css] = COVERAGE[kp.coverage] || COVERAGE[0];
      return `<li><span class="badge ${css}">${label}</span> ${kg.escape(kp.text)}${kp.evidence ? `<div class="small muted">依据:“${kg.escape(kp.evidence)}”</div>` : ""}</li>`;
    }).join("") || '<li class="muted">本题没有答案要点。</li>';
    document.getElementById("missed").innerHTML = result.missed.map((kp) =>
      `<li>${kg.escape(kp.text)}${kp.detail ? `<div class="small muted">${kg.escape(kp.detail)}</div>` : ""}</li>`
    ).join("") || '<li class="muted">没有遗漏,很好!</li>';
    document.getElementById("red-flags").innerHTML = s.red_flags.map((f) =>
      `<p class="notice bad">风险提示:${kg.escape(f.label)} —“${kg.escape(f.evidence)}”</p>`).join("");
    let reference = "";
    if (result.correct_answer) reference += `<p><strong>正确答案:</strong>${kg.escape(result.correct_answer)}</p>`;
    if (result.reference_answer) reference += `<p><strong>参考答案:</strong>${kg.escape(result.reference_answer)}</p>`;
    document.getElementById("reference").innerHTML = reference;
    document.getElementById("feedback-text").textContent = s.feedback || "";
    document.getElementById("feedback").hidden = false;
  }

  button.addEventListener("click", async () => {
    const text = answerText();
    errorBox.hidden = true;
    if (!text.trim()) { errorBox.textContent = "请先作答。"; errorBox.hidden = false; return; }
    button.disabled = true;
    button.textContent = "评分中…";
    try {
      const result = await kg.api("/api/v1/practice/score", { method: "POST",
        json: { bank_id: Number(box.dataset.bankId), question_id: box.dataset.questionId, text } });
      show(result, text);
    } catch (error) {
      errorBox.textContent = `评分失败:${error.message}`;
      errorBox.hidden = false;
    } finally {
      button.disabled = false;
      button.textContent = "提交并查看评分";
    }
  });
})();
