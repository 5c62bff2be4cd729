// Samantha's web companion: chat over /v1/ws with streamed text and voice, a face driven by
// expression events and visemes, the relationship card, a mood chart, the memory ledger, settings.
// No build step; talks to the server it was served from (docs/protocol.md).
"use strict";

const strings = {
  en: {
    title: "Samantha", tab_chat: "Talk", tab_ledger: "Memories", tab_us: "Us", tab_settings: "Settings",
    signin_title: "Who is talking?", signin_help: "Paste the token that samantha serve gave you.",
    signin_go: "Start", say_something: "Say something…", send: "Send",
    ledger_title: "What Samantha remembers", export: "Export", forget: "Forget", correct: "Correct",
    save: "Save", cancel: "Cancel", earlier: "Earlier messages", forgotten_message: "(forgotten)",
    ledger_help: "Everything here is yours: forget anything, any time.", ledger_empty: "Nothing yet.",
    search_memories: "Search memories…", search: "Search", search_empty: "No memory matches.",
    us_title: "Our relationship", stage: "Stage", closeness: "Closeness", trust: "Trust",
    speech_level: "Speech level", days: "Days together", mood_title: "Samantha's mood over time",
    settings_title: "Settings", ui_language: "Language", voice_on: "Speak replies aloud",
    samantha_title: "How Samantha talks with you", her_language: "Her language when yours is unclear",
    auto: "the language of your last message", role: "She is your", friend: "friend", family: "family",
    partner: "partner", proactive: "She may reach out first", quiet_hours: "Quiet hours (no messages)",
    quiet_from: "from", quiet_to: "until", saved: "Saved.", erase_title: "Erase everything",
    erase_help: "Deletes every message, memory and feeling Samantha has about you, and this sign-in. It cannot be undone.",
    erase: "Erase everything about me", erase_confirm: "Erase everything Samantha knows about you? This cannot be undone.",
    signout: "Sign out", connecting: "Connecting…", offline: "Offline — retrying…",
    feeling: "feels", formal: "formal (존댓말)", casual: "casual (반말)", thinking: "…",
    emotions: { joy: "joy", happy_for: "happy for you", concern: "concern", hurt: "hurt", missing: "missing you",
                gratitude: "gratitude", affection: "affection", relief: "relief" },
  },
  ko: {
    title: "사만다", tab_chat: "대화", tab_ledger: "기억", tab_us: "우리", tab_settings: "설정",
    signin_title: "누구세요?", signin_help: "samantha serve가 알려 준 토큰을 붙여 넣어 주세요.",
    signin_go: "시작", say_something: "하고 싶은 말을 적어 보세요…", send: "보내기",
    ledger_title: "사만다가 기억하는 것", export: "내보내기", forget: "잊기", correct: "고치기",
    save: "저장", cancel: "취소", earlier: "이전 대화", forgotten_message: "(잊은 말)",
    ledger_help: "여기 있는 건 모두 당신의 것이에요. 언제든 잊게 할 수 있어요.", ledger_empty: "아직 없어요.",
    search_memories: "기억 찾기…", search: "찾기", search_empty: "맞는 기억이 없어요.",
    us_title: "우리 사이", stage: "단계", closeness: "친밀감", trust: "신뢰",
    speech_level: "말투", days: "함께한 날", mood_title: "사만다의 기분 변화",
    settings_title: "설정", ui_language: "언어", voice_on: "답을 소리로 듣기",
    samantha_title: "사만다와의 대화", her_language: "말한 언어가 분명하지 않을 때 사만다의 언어",
    auto: "마지막으로 쓴 언어", role: "사만다는 당신의", friend: "친구", family: "가족",
    partner: "연인", proactive: "사만다가 먼저 말을 걸어도 돼요", quiet_hours: "조용한 시간 (메시지 없음)",
    quiet_from: "부터", quiet_to: "까지", saved: "저장했어요.", erase_title: "모두 지우기",
    erase_help: "사만다가 당신에 대해 가진 모든 대화, 기억, 감정과 이 로그인을 지워요. 되돌릴 수 없어요.",
    erase: "나에 대한 모든 것 지우기", erase_confirm: "사만다가 아는 당신에 대한 모든 것을 지울까요? 되돌릴 수 없어요.",
    signout: "로그아웃", connecting: "연결 중…", offline: "연결이 끊겼어요 — 다시 시도 중…",
    feeling: "지금 느낌", formal: "존댓말", casual: "반말", thinking: "…",
    emotions: { joy: "기쁨", happy_for: "함께 기쁨", concern: "걱정", hurt: "서운함", missing: "그리움",
                gratitude: "고마움", affection: "애정", relief: "안도" },
  },
};

const state = {
  token: localStorage.getItem("samantha.token") || "",
  lang: localStorage.getItem("samantha.lang") || (navigator.language.startsWith("ko") ? "ko" : "en"),
  voice: localStorage.getItem("samantha.voice") !== "off",
  oldest: 0, // the id of the oldest exchange shown (history pages back from it)
  moods: JSON.parse(localStorage.getItem("samantha.moods") || "[]"),
  ws: null, current: null, audio: null, playhead: 0,
};
const $ = (id) => document.getElementById(id);
const t = (key) => (strings[state.lang] || strings.en)[key] || key;

function translate() {
  document.documentElement.lang = state.lang;
  document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
  document.querySelectorAll("[data-i18n-placeholder]").forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  $("ui-language").value = state.lang;
}

function api(method, path, body) {
  const headers = { Authorization: "Bearer " + state.token };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  return fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }).then(async (r) => {
    const body = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error((body.error && body.error.message) || r.statusText);
    return body;
  });
}

// ---- chat ----
function bubble(who, text, before) {
  const li = document.createElement("li");
  li.className = who;
  li.textContent = text;
  const list = $("messages");
  if (before) { list.insertBefore(li, before); return li; }
  list.appendChild(li);
  list.scrollTop = list.scrollHeight;
  return li;
}

// The conversation so far, from the server (GET /v1/history), a page at a time.
function loadHistory(older) {
  const query = older && state.oldest ? `?limit=30&before=${state.oldest}` : "?limit=30";
  return api("GET", "/v1/history" + query).then((page) => {
    const list = $("messages");
    const anchor = older ? list.querySelector("li:not(.earlier)") : null;
    if (!older) list.innerHTML = "";
    for (const turn of page.turns) {
      if (turn.text) bubble("me", turn.text === "[forgotten]" ? t("forgotten_message") : turn.text, anchor);
      if (turn.reply) bubble("samantha", turn.reply, anchor);
    }
    if (page.turns.length) state.oldest = page.turns[0].id;
    let more = list.querySelector("li.earlier");
    if (page.more && !more) {
      more = document.createElement("li");
      more.className = "earlier";
      more.innerHTML = `<button data-i18n="earlier">${t("earlier")}</button>`;
      more.querySelector("button").onclick = () => loadHistory(true);
      list.prepend(more);
    } else if (!page.more && more) {
      more.remove();
    }
    if (!older) list.scrollTop = list.scrollHeight;
  }).catch((e) => { $("status").textContent = e.message; });
}

function connect() {
  if (!state.token) return;
  $("status").textContent = t("connecting");
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  // Browsers cannot set an Authorization header on a WebSocket: the token travels as an offered
  // subprotocol, and the server answers with "samantha.v1" (docs/protocol.md).
  const ws = new WebSocket(`${scheme}://${location.host}/v1/ws`, ["samantha.v1", "bearer." + state.token]);
  state.ws = ws;
  ws.onopen = () => { $("status").textContent = ""; };
  ws.onclose = () => { $("status").textContent = t("offline"); setTimeout(connect, 2000); };
  ws.onmessage = (event) => handle(JSON.parse(event.data));
}

function handle(m) {
  if (m.type === "text") {
    if (!state.current) state.current = bubble("samantha", "");
    state.current.textContent += m.delta;
  } else if (m.type === "expression") {
    showFeeling(m.emotion, m.intensity);
  } else if (m.type === "audio") {
    play(m);
  } else if (m.type === "visemes") {
    lipSync(m.visemes);
  } else if (m.type === "reply") {
    if (!state.current) state.current = bubble("samantha", m.reply);
    state.current.textContent = m.reply;
    state.current = null;
    showFeeling(m.companion.emotion, m.companion.intensity);
    showRelationship(m.relationship);
    state.moods.push(m.companion.mood.pleasure);
    state.moods = state.moods.slice(-100);
    localStorage.setItem("samantha.moods", JSON.stringify(state.moods));
    drawMood();
    $("send").disabled = false;
  } else if (m.type === "error") {
    $("status").textContent = m.error.message;
    state.current = null;
    $("send").disabled = false;
  }
}

function send(text) {
  if (!text.trim() || !state.ws || state.ws.readyState !== 1) return;
  bubble("me", text);
  $("send").disabled = true;
  state.ws.send(JSON.stringify({ type: "message", text, voice: state.voice }));
}

// ---- face ----
const brows = {
  neutral: ["M52 70 Q68 62 84 70", "M116 70 Q132 62 148 70"],
  joy: ["M52 66 Q68 54 84 64", "M116 64 Q132 54 148 66"],
  tenderness: ["M52 72 Q68 66 84 70", "M116 70 Q132 66 148 72"],
  sadness: ["M52 76 Q68 70 84 62", "M116 62 Q132 70 148 76"],
};
const mouths = {
  neutral: "M70 135 Q100 150 130 135 Q100 142 70 135 Z",
  joy: "M66 128 Q100 168 134 128 Q100 146 66 128 Z",
  tenderness: "M72 136 Q100 148 128 136 Q100 141 72 136 Z",
  sadness: "M72 145 Q100 132 128 145 Q100 139 72 145 Z",
};
const family = {
  none: "neutral", neutral: "neutral", joy: "joy", happy_for: "joy", relief: "tenderness",
  gratitude: "tenderness", affection: "tenderness", concern: "sadness", hurt: "sadness", missing: "sadness",
};

function showFeeling(emotion, intensity) {
  const look = family[emotion] || "neutral";
  const face = $("face");
  face.dataset.emotion = emotion || "neutral";
  face.dataset.look = look;
  $("brow-left").setAttribute("d", brows[look][0]);
  $("brow-right").setAttribute("d", brows[look][1]);
  $("mouth").setAttribute("d", mouths[look]);
  $("feeling").textContent = emotion && emotion !== "none"
    ? `${t("feeling")}: ${t("emotions")[emotion] || emotion} (${Math.round((intensity || 0) * 100)}%)` : "";
}

const visemeMouth = { sil: 0, PP: 0, FF: 0.2, TH: 0.3, DD: 0.35, kk: 0.4, CH: 0.35, SS: 0.25, nn: 0.3, RR: 0.35, aa: 1, E: 0.7, I: 0.5, O: 0.8, U: 0.45 };

function lipSync(visemes) {
  if (!state.audio) return;
  for (const v of visemes) {
    const at = state.audioStart + v.start_ms / 1000 - state.audio.currentTime;
    setTimeout(() => {
      const open = visemeMouth[v.viseme] ?? 0.3;
      $("face").dataset.viseme = v.viseme;
      $("mouth").setAttribute("d", `M74 138 Q100 ${138 + 22 * open} 126 138 Q100 ${138 - 4 * open} 74 138 Z`);
    }, Math.max(0, at * 1000));
  }
}

// ---- voice ----
function play(chunk) {
  if (!state.voice) return;
  if (!state.audio) state.audio = new (window.AudioContext || window.webkitAudioContext)();
  const ctx = state.audio;
  const bytes = Uint8Array.from(atob(chunk.data), (c) => c.charCodeAt(0));
  const samples = new Int16Array(bytes.buffer, 0, bytes.length >> 1);
  const buffer = ctx.createBuffer(1, samples.length || 1, chunk.sample_rate_hz);
  const channel = buffer.getChannelData(0);
  for (let i = 0; i < samples.length; i++) channel[i] = samples[i] / 32768;
  const source = ctx.createBufferSource();
  source.buffer = buffer;
  source.connect(ctx.destination);
  if (chunk.index === 0 || state.playhead < ctx.currentTime) {
    state.audioStart = ctx.currentTime + 0.05 - chunk.start_ms / 1000;
  }
  const when = state.audioStart + chunk.start_ms / 1000;
  source.start(Math.max(ctx.currentTime, when));
  state.playhead = when + buffer.duration;
}

// ---- us ----
function showRelationship(r) {
  $("stage").textContent = r.stage;
  $("closeness").value = r.closeness;
  $("trust").value = r.trust;
  $("speech-level").textContent = t(r.speech_level);
  $("days").textContent = r.days_together;
}

function drawMood() {
  const n = state.moods.length;
  $("mood-line").setAttribute("points", state.moods
    .map((p, i) => `${n > 1 ? (i * 400) / (n - 1) : 0},${60 - p * 55}`).join(" "));
}

// ---- ledger ----
function showMemories(memories, empty) {
  const list = $("memories");
  list.innerHTML = "";
  if (!memories.length) { list.innerHTML = `<li class="hint">${t(empty)}</li>`; }
  for (const m of memories) list.appendChild(ledgerEntry(m));
}

function loadLedger() {
  api("GET", "/v1/memories").then((body) => showMemories(body.memories, "ledger_empty"))
    .catch((e) => { $("status").textContent = e.message; });
}

// The search box: the best matches first (GET /v1/memories/search), or the whole ledger when empty.
function refreshLedger() {
  const q = $("memory-search").value.trim();
  if (!q) { loadLedger(); return; }
  api("GET", `/v1/memories/search?q=${encodeURIComponent(q)}&limit=20`)
    .then((body) => showMemories(body.results, "search_empty"))
    .catch((e) => { $("status").textContent = e.message; });
}

function button(label, className, onclick) {
  const b = document.createElement("button");
  b.textContent = t(label);
  b.className = className;
  b.type = "button";
  b.onclick = onclick;
  return b;
}

// One memory: its words, Correct and Forget; correcting edits it in place (PATCH).
function ledgerEntry(m) {
  const li = document.createElement("li");
  li.dataset.id = m.id;
  const text = document.createElement("span");
  text.className = "memory";
  text.innerHTML = `<span class="kind">${m.kind}</span>`;
  text.append(m.text);
  const failed = (e) => { $("status").textContent = e.message; };
  const forget = button("forget", "forget", () => api("DELETE", `/v1/memories/${m.id}`).then(refreshLedger).catch(failed));
  const correct = button("correct", "correct", () => {
    const form = document.createElement("form");
    form.className = "correction";
    const words = document.createElement("input");
    words.name = "text";
    words.maxLength = 1000;
    words.value = m.kind === "episode" ? m.text : (m.value || m.text);
    form.append(words);
    let date = null;
    if (m.kind === "event") {
      date = document.createElement("input");
      date.type = "date";
      date.name = "date";
      date.value = m.date || "";
      form.append(date);
    }
    const save = button("save", "save", null);
    save.type = "submit";
    form.append(save, button("cancel", "cancel", () => li.replaceWith(ledgerEntry(m))));
    form.onsubmit = (e) => {
      e.preventDefault();
      const change = { text: words.value };
      if (date && date.value) change.date = date.value;
      api("PATCH", `/v1/memories/${m.id}`, change)
        .then((r) => li.replaceWith(ledgerEntry(r.memory))).catch(failed);
    };
    li.replaceChildren(form);
    words.focus();
  });
  const actions = document.createElement("span");
  actions.className = "actions";
  actions.append(correct, forget);
  li.append(text, actions);
  return li;
}

function exportLedger() {
  api("GET", "/v1/memories/export").then((body) => {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([JSON.stringify(body, null, 2)], { type: "application/json" }));
    a.download = "samantha-memories.json";
    a.click();
  });
}

// ---- settings (the person's, on the server: GET/PATCH /v1/settings) ----
function loadSettings() {
  api("GET", "/v1/settings").then((s) => {
    $("her-language").value = s.language;
    $("role").value = s.role;
    $("proactive").checked = s.proactive;
    $("quiet-start").value = s.quiet_start_hour;
    $("quiet-end").value = s.quiet_end_hour;
  }).catch((e) => { $("status").textContent = e.message; });
}

function saveSetting(change) {
  api("PATCH", "/v1/settings", change).then(() => {
    $("settings-status").textContent = t("saved");
  }).catch((e) => { $("settings-status").textContent = e.message; loadSettings(); });
}

function eraseEverything() {
  if (!confirm(t("erase_confirm"))) return;
  api("DELETE", "/v1/me").then(() => {
    localStorage.clear();
    location.reload();
  }).catch((e) => { $("settings-status").textContent = e.message; });
}

// ---- wiring ----
function show(view) {
  document.querySelectorAll(".tab").forEach((b) => b.classList.toggle("active", b.dataset.view === view));
  for (const id of ["chat", "ledger", "us", "settings"]) $(id).hidden = id !== view;
  if (view === "ledger") refreshLedger();
  if (view === "settings") loadSettings();
}

function start() {
  const fromLink = new URLSearchParams(location.hash.slice(1)).get("token");
  if (fromLink) {
    state.token = fromLink;
    localStorage.setItem("samantha.token", fromLink);
    history.replaceState(null, "", location.pathname); // the token leaves the address bar
  }
  translate();
  $("voice-on").checked = state.voice;
  drawMood();
  showFeeling("neutral", 0);
  if (!state.token) { $("signin").hidden = false; return; }
  api("GET", "/v1/me").then((me) => {
    showRelationship(me.relationship);
    showFeeling(me.companion.emotion, me.companion.intensity);
  }).catch(() => {});
  loadHistory(false).then(connect);
}

document.querySelectorAll(".tab").forEach((b) => { b.onclick = () => show(b.dataset.view); });
$("composer").onsubmit = (e) => { e.preventDefault(); send($("text").value); $("text").value = ""; };
$("export").onclick = exportLedger;
$("memory-search-form").onsubmit = (e) => { e.preventDefault(); refreshLedger(); };
$("ui-language").onchange = (e) => { state.lang = e.target.value; localStorage.setItem("samantha.lang", state.lang); translate(); };
$("voice-on").onchange = (e) => { state.voice = e.target.checked; localStorage.setItem("samantha.voice", state.voice ? "on" : "off"); };
$("signout").onclick = () => { localStorage.clear(); location.reload(); };
$("her-language").onchange = (e) => saveSetting({ language: e.target.value });
$("role").onchange = (e) => saveSetting({ role: e.target.value });
$("proactive").onchange = (e) => saveSetting({ proactive: e.target.checked });
$("quiet-start").onchange = (e) => saveSetting({ quiet_start_hour: Number(e.target.value) });
$("quiet-end").onchange = (e) => saveSetting({ quiet_end_hour: Number(e.target.value) });
$("erase").onclick = eraseEverything;
$("signin-form").onsubmit = (e) => {
  e.preventDefault();
  state.token = $("token-input").value.trim();
  localStorage.setItem("samantha.token", state.token);
  $("signin").hidden = true;
  start();
};
start();
