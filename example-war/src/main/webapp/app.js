"use strict";
// The page's side of the example: the browser's WebSocket in a chat room. The bot on the server (ChatBot.java) uses
// wsbridge's WebSocket in the same shape: new WebSocket(url), addEventListener("message", ...), send, close event.

const $ = (id) => document.getElementById(id);
const READY_STATES = ["CONNECTING", "OPEN", "CLOSING", "CLOSED"];

let socket = null;            // the current WebSocket, or null before the first join
let maxMessageBytes = 4096;   // the room's limit; the welcome notice says the real one
let lastSendBuffered = null;  // bufferedAmount read right after the last send()

function chatUrl(name) {
  const url = new URL("chat", location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.searchParams.set("name", name);
  return url.href;
}

function join(name) {
  socket = new WebSocket(chatUrl(name));
  socket.addEventListener("open", () => {
    show("open", "event");
    render();
  });
  socket.addEventListener("message", (event) => {
    const msg = JSON.parse(event.data);
    show(describe(msg), msg.type);
  });
  socket.addEventListener("error", () => show("error event", "error"));
  socket.addEventListener("close", (event) => {
    show(`close code=${event.code} reason=${event.reason} wasClean=${event.wasClean}`, "close");
    $("members").textContent = "-";
    render();
  });
  render();
}

function describe(msg) {
  switch (msg.type) {
    case "welcome":
      maxMessageBytes = msg.maxMessageBytes;
      $("members").textContent = msg.members.join(", ");
      return `* you are ${msg.name}; in the room: ${msg.members.join(", ")}`;
    case "join":
      $("members").textContent = msg.members.join(", ");
      return `* ${msg.name} joined`;
    case "leave":
      $("members").textContent = msg.members.join(", ");
      return `* ${msg.name} left (${msg.code})`;
    case "message":
      return `${msg.from}: ${msg.text}`;
    case "error":
      return `! server: ${msg.text}`;
    default:
      return `? ${JSON.stringify(msg)}`;
  }
}

function send(text, checkLength) {
  if (!socket || socket.readyState !== WebSocket.OPEN) {
    show("! not sent: not connected", "error");
    return false;
  }
  const bytes = new TextEncoder().encode(text).length;
  if (checkLength && bytes > maxMessageBytes) {
    show(`! not sent: the message is ${bytes} bytes; the room accepts at most ${maxMessageBytes}`, "error");
    return false;
  }
  socket.send(text);
  lastSendBuffered = socket.bufferedAmount;   // grows synchronously in send(), falls as the bytes leave
  render();
  return true;
}

function close(code, reason) {
  try {
    socket.close(code, reason);
    show(`close(${code}, "${reason}") called`, "event");
  } catch (e) {                               // InvalidAccessError for a bad code, SyntaxError for a long reason
    show(`${e.name}: ${e.message}`, "error");
  }
  render();
}

function show(text, kind) {
  const li = document.createElement("li");
  li.textContent = text;
  li.className = kind || "";
  $("log").append(li);
  li.scrollIntoView({ block: "nearest" });
}

function render() {
  const state = socket ? socket.readyState : WebSocket.CLOSED;
  $("state").textContent = READY_STATES[state];
  $("buffered").textContent = socket ? socket.bufferedAmount : 0;
  $("buffered-after-send").textContent = lastSendBuffered === null ? "-" : lastSendBuffered;
  $("join").disabled = state !== WebSocket.CLOSED;
  $("name").disabled = state !== WebSocket.CLOSED;
  for (const id of ["leave", "send", "close", "server-close"]) {
    $(id).disabled = state !== WebSocket.OPEN;
  }
}

// ---- the bot's status, from GET /api/bot ----

async function refreshBot() {
  try {
    const response = await fetch("api/bot", { cache: "no-store" });
    renderBot(await response.json());
  } catch (e) {
    $("bot-state").textContent = `status unavailable: ${e.message}`;
  }
}

function renderBot(bot) {
  $("bot-state").textContent = bot.state;
  $("bot-url").textContent = (bot.url || "(not known yet)") + (bot.retargeted ? "  (retargeted)" : "");
  const c = bot.lastClose;
  $("bot-close").textContent = c ? `close code=${c.code} reason=${c.reason} wasClean=${c.wasClean} at ${c.at}` : "none";
  const e = bot.lastError;
  $("bot-error").textContent = e ? `${e.message} (${e.url}, at ${e.at})` : "none";
  $("bot-failures").textContent = bot.failures;
  $("bot-retry").textContent = bot.nextAttempt || "-";
  $("bot-answered").textContent = bot.answered;
  $("bot-thread").textContent = bot.eventThread
    ? `${bot.eventThread} (managed thread: ${bot.managedThread})` : "no event yet";
}

async function retargetBot(url) {
  const response = await fetch("api/bot", { method: "POST", body: new URLSearchParams({ url }) });
  const json = await response.json();
  if (response.ok) {
    $("bot-form-result").textContent = url ? `the bot now connects to ${url}` : "the bot is back on its default";
    renderBot(json);
  } else {
    $("bot-form-result").textContent = `refused: ${json.error}`;
    renderBot(json.status);
  }
}

// ---- wiring ----

$("name").value = `guest${Math.floor(Math.random() * 900) + 100}`;
$("join-form").addEventListener("submit", (e) => { e.preventDefault(); join($("name").value.trim()); });
$("leave").addEventListener("click", () => close(1000, "left"));
$("send-form").addEventListener("submit", (e) => {
  e.preventDefault();
  if (send($("text").value, !$("skip-check").checked)) {
    $("text").value = "";
  }
});
$("close-form").addEventListener("submit", (e) => {
  e.preventDefault();
  close(Number($("close-code").value), $("close-reason").value);
});
$("server-close-form").addEventListener("submit", (e) => {
  e.preventDefault();
  send(`/close ${$("server-close-code").value} ${$("server-close-reason").value}`, true);
});
$("bot-form").addEventListener("submit", (e) => { e.preventDefault(); retargetBot($("bot-target").value.trim()); });
$("bot-default").addEventListener("click", () => { $("bot-target").value = ""; retargetBot(""); });

render();
setInterval(render, 250);
refreshBot();
setInterval(refreshBot, 1000);
