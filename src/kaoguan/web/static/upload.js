// Upload page: drop or pick files, queue one background import per file, poll each job's
// status and draw its progress bar; link to the imported bank with its warnings when done.
"use strict";
(function () {
  const form = document.getElementById("upload-form");
  const input = document.getElementById("upload-input");
  const jobsBox = document.getElementById("jobs");

  function jobHtml(job) {
    const pct = Math.round(job.progress * 100);
    let body = `<div class="row"><strong>${kg.escape(job.filename)}</strong>
      <span class="badge ${job.state === "failed" ? "bad" : job.state === "done" ? "ok" : ""}">${kg.escape(job.step_label)}</span></div>
      <div class="progress ${job.state === "running" ? "busy" : ""}" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${pct}"><span style="width:${pct}%"></span></div>`;
    if (job.state === "failed") body += `<p class="notice bad">导入失败:${kg.escape(job.error)}</p>`;
    if (job.state === "done") {
      const what = job.created ? "已导入" : "题库中已有内容相同的";
      body += `<p>${what}《${kg.escape(job.bank_title)}》,共 ${job.question_count} 题,${job.warnings.length} 条警告。
        <a class="button secondary" href="/banks/${job.bank_id}">查看结果与警告</a></p>`;
    }
    return body;
  }

  async function follow(job) {
    const box = document.createElement("div");
    box.className = "job card";
    box.dataset.jobId = job.id;
    jobsBox.prepend(box);
    while (true) {
      box.innerHTML = jobHtml(job);
      if (job.state === "done" || job.state === "failed") return;
      await new Promise((r) => setTimeout(r, 400));
      try {
        job = await kg.api(`/api/v1/imports/${job.id}`);
      } catch (error) {
        box.insertAdjacentHTML("beforeend", `<p class="notice warn">暂时无法获取进度(${kg.escape(error.message)}),稍后重试…</p>`);
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
  }

  async function upload(files) {
    for (const file of files) {
      const body = new FormData();
      body.append("files", file, file.name);
      try {
        const jobs = await kg.api("/api/v1/imports", { method: "POST", body });
        jobs.forEach(follow);
      } catch (error) {
        jobsBox.insertAdjacentHTML("afterbegin", `<p class="notice bad">${kg.escape(file.name)}:上传失败:${kg.escape(error.message)}</p>`);
      }
    }
  }

  input.addEventListener("change", () => { upload(Array.from(input.files)); input.value = ""; });
  form.addEventListener("submit", (event) => event.preventDefault());
  ["dragenter", "dragover"].forEach((name) => form.addEventListener(name, (event) => { event.preventDefault(); form.classList.add("over"); }));
  ["dragleave", "drop"].forEach((name) => form.addEventListener(name, (event) => { event.preventDefault(); form.classList.remove("over"); }));
  form.addEventListener("drop", (event) => upload(Array.from(event.dataTransfer.files)));
})();
