// Scoring sheet: save one interviewer's marks, score and notes per question, then reload so
// the disagreement markers reflect every rating.
"use strict";
(function () {
  const interviewer = document.getElementById("interviewer");
  const status = document.getElementById("sheet-status");
  if (!interviewer) return;
  if (!interviewer.value) interviewer.value = localStorage.getItem("kaoguan:interviewer") || "";
  interviewer.addEventListener("change", () => localStorage.setItem("kaoguan:interviewer", interviewer.value.trim()));

  // The agreed rule: points × weighted mean coverage, in half points. Ticking the checklist
  // proposes that score until the interviewer types one of their own.
  function proposedScore(card, points) {
    let weighted = 0, total = 0;
    card.querySelectorAll(".kp-row").forEach((row) => {
      const weight = Number(row.dataset.weight) || 1;
      const checked = row.querySelector("input:checked");
      total += weight;
      weighted += weight * (checked ? Number(checked.value) : 0);
    });
    return total ? Math.round((points * weighted / total) * 2) / 2 : null;
  }

  document.querySelectorAll(".sheet-item").forEach((card) => {
    const form = card.querySelector(".rating-form");
    const points = Number(form.dataset.points);
    form.score.addEventListener("input", () => { form.score.dataset.typed = "1"; });
    card.querySelectorAll(".kp-row input").forEach((input) => input.addEventListener("change", () => {
      const proposal = proposedScore(card, points);
      if (proposal !== null && !form.score.dataset.typed) form.score.value = proposal;
    }));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const marks = {};
      card.querySelectorAll(".kp-row").forEach((row) => {
        const checked = row.querySelector("input:checked");
        if (checked) marks[row.dataset.keyPointId] = Number(checked.value);
      });
      const body = {
        interviewer: interviewer.value.trim(),
        key_point_marks: marks,
        score: form.score.value === "" ? null : Number(form.score.value),
        notes: form.notes.value,
      };
      try {
        await kg.api(`/api/v1/sessions/${card.dataset.sessionId}/ratings/${card.dataset.position}`, { method: "PUT", json: body });
        localStorage.setItem("kaoguan:interviewer", body.interviewer);
        const url = new URL(window.location.href);
        url.searchParams.set("interviewer", body.interviewer);
        url.searchParams.set("saved", card.dataset.position);
        url.hash = "";
        window.location.replace(url.toString());
      } catch (error) {
        status.textContent = `第 ${card.dataset.position} 题保存失败:${error.message}`;
        status.className = "small notice bad";
      }
    });
  });

  const position = new URL(window.location.href).searchParams.get("saved");
  if (position) {
    status.textContent = `已保存第 ${position} 题的评分 · ${kg.clock()}`;
    status.className = "small notice";
    const card = document.querySelector(`.sheet-item[data-position="${position}"]`);
    if (card) card.scrollIntoView();
  }

  const run = document.getElementById("run-scorer");
  if (run) run.addEventListener("click", async () => {
    run.disabled = true;
    run.textContent = "评分中…";
    try {
      await kg.api(`/api/v1/sessions/${run.dataset.sessionId}/score`, { method: "POST" });
      window.location.reload();
    } catch (error) {
      status.textContent = `自动评分失败:${error.message}`;
      status.className = "small notice bad";
      run.disabled = false;
    }
  });
})();
