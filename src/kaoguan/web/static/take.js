// Candidate page. One question at a time; every keystroke is kept three ways so nothing is lost:
//  1. in localStorage at once (survives a reload, a closed tab and a network cut),
//  2. sent to the server after a short pause in typing and every few seconds while unsaved
//     (survives a lost laptop), retried until it succeeds,
//  3. with a revision number, so an older write arriving late never overwrites a newer one.
"use strict";
(function () {
  const exam = document.getElementById("exam");
  if (!exam) return;
  const token = exam.dataset.token;
  const session = JSON.parse(document.getElementById("session-data").textContent);
  const questions = session.questions;
  const storeKey = (position) => `kaoguan:take:${session.session_id}:${position}`;
  const placeKey = `kaoguan:take:${session.session_id}:current`;
  const SAVE_PAUSE_MS = 800;
  const SAVE_EVERY_MS = 4000;

  const box = document.getElementById("question-box");
  const saveState = document.getElementById("save-state");
  const timer = document.getElementById("timer");
  const state = {}; // position -> {text, revision, savedRevision}
  let current = 0;
  let submitting = false;
  let lastSavedAt = null;

  // ---------------------------------------------------------------- answers and their revisions
  for (const q of questions) {
    const entry = { text: q.saved_text, revision: q.saved_revision, savedRevision: q.saved_revision };
    const local = readLocal(q.position);
    // The browser's copy wins when it is newer than what reached the server (typed while offline).
    if (local && local.revision > q.saved_revision) { entry.text = local.text; entry.revision = local.revision; }
    state[q.position] = entry;
  }

  function readLocal(position) {
    try { return JSON.parse(localStorage.getItem(storeKey(position)) || "null"); } catch (_) { return null; }
  }
  function writeLocal(position, entry) {
    try { localStorage.setItem(storeKey(position), JSON.stringify({ text: entry.text, revision: entry.revision })); } catch (_) { /* storage full: the server copy still works */ }
  }

  function record(position, text) {
    const entry = state[position];
    if (entry.text === text) return;
    entry.text = text;
    entry.revision += 1;
    writeLocal(position, entry);
    showSaveState();
    showProgress();
    saveSoon();
  }

  const unsaved = () => questions.filter((q) => state[q.position].revision > state[q.position].savedRevision);

  // ---------------------------------------------------------------- saving, with retries
  let saving = false;
  let failures = 0;
  let closed = null; // why the server stopped accepting answers (time up, link used), if it did
  async function saveAll() {
    if (saving || closed) return;
    saving = true;
    try {
      for (const q of unsaved()) {
        const entry = state[q.position];
        const sent = { text: entry.text, revision: entry.revision };
        const result = await kg.api(`/api/v1/take/${encodeURIComponent(token)}/answers/${q.position}`,
          { method: "PUT", json: sent, keepalive: true });
        entry.savedRevision = Math.max(entry.savedRevision, result.revision, sent.revision);
      }
      failures = 0;
      lastSavedAt = new Date();
    } catch (error) {
      failures += 1;
      if (error.status === 410) closed = error.message; // retrying cannot help; the local copy stays
    } finally {
      saving = false;
      showSaveState();
    }
  }
  const saveSoon = kg.debounce(saveAll, SAVE_PAUSE_MS);
  setInterval(() => { if (unsaved().length && !closed) saveAll(); }, SAVE_EVERY_MS);
  window.addEventListener("online", saveAll);
  // Leaving the page: one last try (keepalive lets the request outlive the page); the
  // localStorage copy covers the case where even that does not get through.
  window.addEventListener("pagehide", () => { if (unsaved().length && !submitting) saveAll(); });

  function showSaveState() {
    const pending = unsaved().length;
    if (closed) {
      saveState.textContent = "服务器已不再接收修改(作答时间已到或链接已失效),本机保留了您的答案。";
      saveState.className = "save-state failed";
    } else if (failures > 0 && pending) {
      saveState.textContent = `网络异常,已在本机保留,正在重试…(${pending} 题未同步)`;
      saveState.className = "save-state failed";
    } else if (pending) {
      saveState.textContent = "正在保存…";
      saveState.className = "save-state";
    } else if (lastSavedAt) {
      saveState.textContent = `已保存 ${kg.clock(lastSavedAt)}`;
      saveState.className = "save-state";
    }
  }

  // ---------------------------------------------------------------- one question at a time
  function optionInputs(q, entry) {
    const multiple = q.kind === "multiple_choice";
    let options = q.options;
    if (q.kind === "true_false" && !options.length) options = [{ key: "正确", text: "" }, { key: "错误", text: "" }];
    return `<ul class="options">${options.map((o) => {
      const checked = multiple ? entry.text.includes(o.key) : entry.text === o.key;
      return `<li><label class="inline"><input type="${multiple ? "checkbox" : "radio"}" name="choice" value="${kg.escape(o.key)}" ${checked ? "checked" : ""}>
        <span>${kg.escape(o.key)}${o.text ? ". " + kg.escape(o.text) : ""}</span></label></li>`;
    }).join("")}</ul>`;
  }

  function showProgress() {
    document.getElementById("progress-text").textContent =
      `共 ${questions.length} 题 · 已作答 ${questions.filter((x) => state[x.position].text.trim()).length} 题`;
  }

  function render() {
    const q = questions[current];
    const entry = state[q.position];
    const choice = ["single_choice", "multiple_choice", "true_false"].includes(q.kind);
    box.innerHTML = `<h2 id="question-title">第 ${q.display_number} 题 <span class="small muted">${q.points != null ? q.points + " 分" : ""}${q.label ? " · " + kg.escape(q.label) : ""}</span></h2>
      <p class="prompt" id="question-prompt">${kg.escape(q.prompt)}</p>
      ${choice ? optionInputs(q, entry) : `<label style="display:flex">您的回答<textarea id="answer" rows="10" placeholder="请在此作答,内容会自动保存">${kg.escape(entry.text)}</textarea></label>`}`;
    showProgress();
    document.getElementById("prev").disabled = current === 0;
    document.getElementById("next").disabled = current === questions.length - 1;
    try { localStorage.setItem(placeKey, String(current)); } catch (_) { /* ignore */ }
    const area = document.getElementById("answer");
    if (area) area.addEventListener("input", () => record(q.position, area.value));
    box.querySelectorAll('input[name="choice"]').forEach((input) => input.addEventListener("change", () => {
      const keys = Array.from(box.querySelectorAll('input[name="choice"]:checked')).map((el) => el.value);
      record(q.position, q.kind === "multiple_choice" ? keys.sort().join("") : keys[0] || "");
    }));
  }

  function go(step) {
    current = Math.min(questions.length - 1, Math.max(0, current + step));
    render();
    saveAll();
  }
  document.getElementById("prev").addEventListener("click", () => go(-1));
  document.getElementById("next").addEventListener("click", () => go(1));

  // ---------------------------------------------------------------- timer and submission
  function tick() {
    if (!session.deadline) return;
    const left = Math.max(0, Math.floor((new Date(session.deadline) - new Date()) / 1000));
    timer.textContent = `剩余 ${String(Math.floor(left / 60)).padStart(2, "0")}:${String(left % 60).padStart(2, "0")}`;
    timer.classList.toggle("low", left < 300);
    if (left === 0 && !submitting) submit(false);
  }

  async function submit(ask = true) {
    if (submitting) return;
    const empty = questions.filter((q) => !state[q.position].text.trim()).length;
    if (ask && !window.confirm(empty ? `还有 ${empty} 题未作答,确定交卷吗?交卷后不能再修改。` : "确定交卷吗?交卷后不能再修改。")) return;
    submitting = true;
    await saveAll();
    // The candidate's own click waits until everything is saved; when time is up the paper is
    // submitted with what the server has, which is every answer saved before the deadline.
    if (ask && unsaved().length) {
      submitting = false;
      window.alert("还有答案没能保存到服务器(网络异常),请稍后再交卷。答案已保留在本机。");
      return;
    }
    try {
      await kg.api(`/api/v1/take/${encodeURIComponent(token)}/submit`, { method: "POST" });
      for (const q of questions) localStorage.removeItem(storeKey(q.position));
      localStorage.removeItem(placeKey);
      exam.hidden = true;
      document.getElementById("done").hidden = false;
      if (!ask) document.getElementById("done-text").textContent = "作答时间已到,系统已自动交卷。感谢作答!";
    } catch (error) {
      if (!ask) return; // time is up and the server refused: keep the page as it is, no alert loop
      submitting = false;
      window.alert(`交卷失败:${error.message}`);
    }
  }
  document.getElementById("submit").addEventListener("click", () => submit(true));

  const remembered = Number(localStorage.getItem(placeKey));
  current = Number.isInteger(remembered) && remembered >= 0 && remembered < questions.length ? remembered : 0;
  render();
  if (unsaved().length) saveAll(); else if (questions.some((q) => q.saved_revision > 0)) saveState.textContent = "已恢复上次保存的答案";
  tick();
  setInterval(tick, 1000);
})();
