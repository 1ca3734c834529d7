// Sessions page: delete a candidate's personal data on request (answers, scores, ratings and the
// candidate record; the audit log keeps only that it happened). Asks first, then reloads.
"use strict";
(function () {
  const status = document.getElementById("privacy-status");
  for (const button of document.querySelectorAll(".candidate-delete")) {
    button.addEventListener("click", async () => {
      const name = button.dataset.name;
      if (!window.confirm(`确定删除候选人“${name}”的全部个人数据(答案、评分和候选人记录)?此操作不可撤销。`)) return;
      try {
        await kg.api(`/api/v1/candidates/${button.dataset.candidateId}`, { method: "DELETE" });
        status.textContent = `已删除 ${name} 的个人数据。`;
        window.location.reload();
      } catch (error) {
        status.textContent = `删除失败:${error.message}`;
      }
    });
  }
})();
