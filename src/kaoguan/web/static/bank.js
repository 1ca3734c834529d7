// Bank page: edit a question's prompt or a key point in place. Each save stores a new bank
// version through the API (earlier versions stay), and only the fields that changed are sent.
"use strict";
(function () {
  const box = document.getElementById("questions");
  if (!box) return;
  const bankId = box.dataset.bankId;
  const status = document.getElementById("edit-status");

  function originals(article) {
    article.querySelectorAll("[contenteditable]").forEach((el) => { el.dataset.original = el.textContent.trim(); });
  }
  box.querySelectorAll("article.question").forEach(originals);

  box.addEventListener("input", (event) => {
    const article = event.target.closest("article.question");
    if (article) article.querySelector(".save-question").hidden = false;
  });

  box.addEventListener("click", async (event) => {
    if (!event.target.classList.contains("save-question")) return;
    const article = event.target.closest("article.question");
    const qid = article.dataset.questionId;
    const button = event.target;
    button.disabled = true;
    try {
      const prompt = article.querySelector('.prompt[data-field="prompt"]');
      if (prompt.textContent.trim() !== prompt.dataset.original) {
        await kg.api(`/api/v1/banks/${bankId}/questions/${encodeURIComponent(qid)}`,
          { method: "PATCH", json: { prompt: prompt.textContent.trim(), note: "网页修改题干" } });
      }
      for (const li of article.querySelectorAll("li[data-key-point-id]")) {
        const changes = {};
        li.querySelectorAll("[data-field]").forEach((el) => {
          if (el.textContent.trim() !== el.dataset.original) changes[el.dataset.field] = el.textContent.trim();
        });
        if (Object.keys(changes).length) {
          changes.note = "网页修改答案要点";
          await kg.api(`/api/v1/banks/${bankId}/questions/${encodeURIComponent(qid)}/key_points/${encodeURIComponent(li.dataset.keyPointId)}`,
            { method: "PATCH", json: changes });
        }
      }
      originals(article);
      button.hidden = true;
      status.textContent = `已保存 ${qid} · ${kg.clock()}`;
      status.className = "small notice";
    } catch (error) {
      status.textContent = `保存失败(题目 ${qid}):${error.message}`;
      status.className = "small notice bad";
    } finally {
      button.disabled = false;
    }
  });
})();

// Tags: a comma-separated list (full- or half-width commas), saved as the bank's whole tag set.
(function () {
  const form = document.getElementById("tag-form");
  if (!form) return;
  const status = document.getElementById("tag-status");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const tags = form.tags.value.split(/[,,、]/).map((t) => t.trim()).filter(Boolean);
    try {
      const saved = await kg.api(`/api/v1/banks/${form.dataset.bankId}/tags`, { method: "PUT", json: { tags } });
      form.tags.value = saved.join(",");
      status.textContent = `已保存 ${kg.clock()}`;
    } catch (error) {
      status.textContent = `标签保存失败:${error.message}`;
    }
  });
})();
