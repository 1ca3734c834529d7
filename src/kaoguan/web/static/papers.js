// Paper assembly form: builds a PaperSpec (see kaoguan.interview.PaperSpec) and posts it.
"use strict";
(function () {
  const form = document.getElementById("paper-form");
  if (!form) return;
  const sections = JSON.parse(document.getElementById("bank-sections").textContent);
  const perSection = document.getElementById("per-section");
  const pickList = document.getElementById("pick-list");
  const errorBox = document.getElementById("paper-error");
  const picked = []; // hand-picked questions in the order they were ticked

  const selectedBanks = () => Array.from(form.querySelectorAll('input[name="bank"]:checked')).map((el) => Number(el.value));

  function drawSectionInputs() {
    const counts = {};
    for (const id of selectedBanks()) for (const s of sections[id] || []) counts[s.title] = (counts[s.title] || 0) + s.count;
    perSection.innerHTML = Object.entries(counts).map(([title, count]) =>
      `<label>${kg.escape(title)} <span class="muted">(共 ${count})</span><input type="number" min="0" max="${count}" value="0" data-section="${kg.escape(title)}" style="width:5rem"></label>`
    ).join("") || '<span class="muted">先选择题库</span>';
  }

  async function drawPickList() {
    pickList.innerHTML = "加载中…";
    const rows = [];
    for (const id of selectedBanks()) {
      const hits = await kg.api(`/api/v1/questions?bank_id=${id}`);
      for (const h of hits) {
        const key = `${h.bank_id}:${h.question_id}`;
        const checked = picked.some((p) => `${p.bank_id}:${p.question_id}` === key) ? "checked" : "";
        rows.push(`<label class="inline"><input type="checkbox" data-bank="${h.bank_id}" data-question="${kg.escape(h.question_id)}" ${checked}>
          ${kg.escape(h.section_title)} 第${h.number ?? "?"}题 · ${kg.escape(h.prompt.slice(0, 40))}…(${h.points ?? "—"}分)</label><br>`);
      }
    }
    pickList.innerHTML = rows.join("") || '<span class="muted">先选择题库</span>';
  }

  pickList.addEventListener("change", (event) => {
    const el = event.target;
    const ref = { bank_id: Number(el.dataset.bank), question_id: el.dataset.question };
    const at = picked.findIndex((p) => p.bank_id === ref.bank_id && p.question_id === ref.question_id);
    if (el.checked && at < 0) picked.push(ref);
    if (!el.checked && at >= 0) picked.splice(at, 1);
  });

  function mode() { return form.querySelector('input[name="mode"]:checked').value; }
  function showMode() {
    document.getElementById("draw-options").hidden = mode() !== "draw";
    document.getElementById("pick-options").hidden = mode() !== "pick";
    if (mode() === "pick") drawPickList();
  }
  form.addEventListener("change", (event) => {
    if (event.target.name === "bank") { drawSectionInputs(); if (mode() === "pick") drawPickList(); }
    if (event.target.name === "mode") showMode();
  });

  function numberOrNull(value) { return value === "" ? null : Number(value); }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    errorBox.hidden = true;
    const spec = {
      title: form.title.value.trim(),
      time_limit_minutes: numberOrNull(form.time_limit.value),
    };
    if (mode() === "pick") {
      spec.picks = picked;
    } else {
      spec.bank_ids = selectedBanks();
      spec.per_section = {};
      spec.per_category = {};
      perSection.querySelectorAll("input[data-section]").forEach((el) => { if (Number(el.value) > 0) spec.per_section[el.dataset.section] = Number(el.value); });
      form.querySelectorAll("input[data-category]").forEach((el) => { if (Number(el.value) > 0) spec.per_category[el.dataset.category] = Number(el.value); });
      spec.total_points = numberOrNull(form.total_points.value);
      spec.seed = numberOrNull(form.seed.value);
    }
    try {
      const paper = await kg.api("/api/v1/papers", { method: "POST", json: spec });
      window.location.href = `/papers/${paper.paper_id}`;
    } catch (error) {
      errorBox.textContent = `无法组卷:${error.message}`;
      errorBox.hidden = false;
    }
  });

  drawSectionInputs();
})();
