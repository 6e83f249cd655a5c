// The editors' desk: a thin client of the desk's JSON API (see README, "The editors' desk").
// Every text from the transcript goes into the page as text (textContent), never as HTML.
(function () {
  "use strict";

  const root = document.getElementById("redactie");
  const api = root.dataset.api;
  const speler = document.getElementById("speler");  // none where the recording is not there
  const melding = document.getElementById("melding");
  melding.tabIndex = -1;  // an error whose asker went takes the keyboard (see say)
  const elders = document.getElementById("elders");  // a change made elsewhere (see checkVersion)
  elders.tabIndex = -1;  // (the keyboard's place after Bijwerken, see takeIn)
  // The keyboard's place never under the sticky bar (the player, its speed, the message): the page keeps its height
  // clear when it scrolls to a control tabbed to (an editor's run, session 60: on a phone, Shift+Tab up the transcript
  // put Bewerk, Splits and Samenvoegen under the bar, out of sight). Kept as the bar grows with a message or wraps.
  const balk = root.querySelector(".balk");
  const clearOfBar = () => { document.documentElement.style.scrollPaddingTop = balk.offsetHeight + "px"; };
  if (window.ResizeObserver) new ResizeObserver(clearOfBar).observe(balk);
  clearOfBar();
  const STATUS = { published: "openbaar", internal: "intern", withdrawn: "ingetrokken", unconfirmed: "stem nog niet bevestigd" };
  const UNDONE = "Ongedaan gemaakt: ";  // how the desk's history names an undo (desk.Desk.undo)
  // A name that speaks but no participant has (desk state "unlisted"): kept from the public.
  const UNLISTED = "niet op de deelnemerslijst — niet openbaar";
  const DOWNLOADS = [
    ["Artikel", [["artikel.md", "Markdown"], ["artikel.docx", "Word (docx)"], ["artikel.html", "HTML"]]],
    ["Ondertitels", [["ondertitels.srt", "SRT"], ["ondertitels.vtt", "WebVTT"]]],
    ["Citaten en actiepunten", [["data.xlsx", "Excel"], ["data.csv", "CSV"], ["data.json", "JSON"]]],
  ];
  let state = JSON.parse(document.getElementById("staat").textContent);
  let timeline = []; // every timed word on the page, by start: {start, end, node}
  let current = null;
  let stopAt = null;
  let editing = null; // the turn whose text is open for editing
  let splitting = null; // the turn being split (the next word clicked is where)
  let concept = false;

  // --- small helpers ------------------------------------------------------------------------

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "on") {
        for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
      } else if (name === "text") {
        node.textContent = value;
      } else {
        node.setAttribute(name, value === true ? "" : String(value));
      }
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  // A turn as the page shows it, by the time it begins (the page numbers no turn): "de beurt om 00:41.1".
  function beurtOm(index) {
    const turn = state && state.turns[index];
    return turn && typeof turn.start === "number" ? "de beurt om " + clock(turn.start) : "beurt " + (index + 1);
  }

  function capital(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function clock(seconds) {
    if (seconds === null || seconds === undefined) return "--:--";
    // Rounded to a tenth, hours only where there are any, as gesprekken.transcript.format_time writes
    // the same time on every other page (9.88 s is 00:09.9 there, 59.96 s 01:00.0).
    const tenths = Math.round(seconds * 10);
    const h = Math.floor(tenths / 36000), m = Math.floor(tenths / 600) % 60, s = Math.floor(tenths / 10) % 60;
    const text = String(m).padStart(2, "0") + ":" + String(s).padStart(2, "0") + "." + String(tenths % 10);
    return h ? h + ":" + text : text;
  }

  function say(text, kind, asker) {
    // (an answer, its button gone with the question, leaves the keyboard on the page: see below)
    const answered = melding.contains(document.activeElement);
    // (found before the message's own buttons go: an answer's next question goes where the first was asked)
    const block = kind === "vraag" || kind === "fout" ? blockOf(asker === undefined ? document.activeElement : asker) : null;
    // A save's summary quotes the text saved: a pasted page of it covered the page under the bar (a tester's find,
    // session 47). The history keeps it whole.
    melding.textContent = text.length > MESSAGE ? text.slice(0, MESSAGE) + "…" : text;
    melding.className = kind || "";
    // a question or an error is shown beside what asked it (an error in the bar, far from the turn: session 60's
    // list), other messages in the bar at the top (see beside)
    if (block) beside(melding, block);
    else home(melding);
    // The desk's question remembers the control that asked it (a status menu, a turn's speaker menu, a field), and its
    // answer, Niet doen as much as the change, gives the keyboard back there: it fell to the page, the next Tab at the
    // top of a long desk (an editor's run, session 60).
    if (kind === "vraag") {
      const control = asker instanceof Element && asker.matches("button, select, input, textarea") ? asker : document.activeElement;
      const place = control && !melding.contains(control) ? focusPlace(control) : null;
      if (place) questionPlace = place;
      questionAsker = place ? control : null;
    } else if (answered && text !== SAVING) {
      refocus(questionPlace);  // (an answer that saves: see postNow, after the places restore gives)
    }
    // an error whose asker is gone (a question's button, a form drawn again) takes the keyboard, where it is shown;
    // else the keyboard stays where the editor was, to put it right (the error is said by the live region)
    if (kind === "fout" && block && (!document.activeElement || document.activeElement === document.body)) melding.focus({ preventScroll: true });
  }
  const MESSAGE = 400;
  let questionPlace = null;  // (focusPlace of what asked the question shown)
  let questionAsker = null;  // (and that control itself, while the page is not drawn again)

  // Tab from the menu whose question opened goes to the question's answer (shown after the whole turn or form), and
  // Shift+Tab from its first answer back to the menu: Tab went on to the turn's Bewerk, Splits and every control
  // after it, the answer far behind (an editor's run, session 60). The menu keeps the keyboard meanwhile, as its arrow
  // keys change it.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Tab" || event.altKey || event.ctrlKey || event.metaKey || melding.className !== "vraag") return;
    const answers = melding.querySelectorAll("button");
    if (!answers.length || !questionAsker || !document.contains(questionAsker)) return;
    const to = !event.shiftKey && document.activeElement === questionAsker ? answers[0]
      : event.shiftKey && document.activeElement === answers[0] ? questionAsker : null;
    if (!to) return;
    event.preventDefault();
    to.focus();
  });
  const SAVING = "Bezig met opslaan…";

  // --- a question beside what asked it ---------------------------------------------------------

  // A question (the desk's, before it does something), an error, the conflict panel and the news of a change made
  // elsewhere were at the top of the page, far from the turn or the form the editor worked in, on a long conversation
  // out of sight (a reviewer's read, session 58; session 60's list): they are shown right after the block that asked
  // (a turn, a participant, a voice, a line of a panel), in view, and stay there when that block is drawn again.
  const homes = new Map([
    [melding, [melding.parentNode, null]],
    [document.getElementById("conflict"), [root, document.getElementById("achtergehouden")]],
    [elders, [root, root.querySelector(".kolommen")]],
  ]);
  // Where each box was last shown beside (placeOf): an answer's next question goes there too, and a block drawn again
  // gets its box back.
  const placed = new Map();

  function blockOf(node) {
    if (!node || !(node instanceof Element) || !document.contains(node)) return null;
    const box = [...homes.keys()].find((b) => b.contains(node));
    if (box) return blockAt(placed.get(box));
    const block = node.closest(".beurt, #deelnemers-lijst article, #stemmen-lijst article, .panelen p, .panelen li, #vervangen");
    return block && root.querySelector(".kolommen").contains(block) ? block : null;
  }

  // A block as it can be found again once drawn anew: a turn by where it begins (a split before it renumbers it), a
  // participant's or a voice's form by whose it is, anything else by its id or its place among its kind.
  function placeOf(block) {
    if (block.classList.contains("beurt") && block.dataset.start) return { start: Number(block.dataset.start) };
    if (block.id) return { id: block.id };
    // (a block taken off the page, or in none with an id: no place to find it again by)
    const holder = block.parentNode && block.parentNode.closest("[id]");
    if (!holder) return null;
    const selector = block.tagName.toLowerCase() + Array.from(block.classList).map((c) => "." + CSS.escape(c)).join("");
    const who = block.tagName === "ARTICLE" ? whose(block) : null;
    return { holder: holder.id, selector, who, index: Array.from(holder.querySelectorAll(selector)).indexOf(block) };
  }

  function blockAt(place) {
    if (!place) return null;
    if (place.start !== undefined) {
      const index = state.turns.findIndex((t) => sameStart(t.start, place.start));
      return index >= 0 ? document.getElementById("beurt-" + index) : null;
    }
    if (place.id) return document.getElementById(place.id);
    const holder = document.getElementById(place.holder);
    const same = holder ? Array.from(holder.querySelectorAll(place.selector)) : [];
    return (place.who !== null ? same.find((b) => whose(b) === place.who) : same[place.index]) || null;
  }

  function beside(box, block, scroll = true) {
    if (!block) return home(box);
    placed.set(box, placeOf(block));
    // after the boxes beside it already (the conflict panel, then its message; a question, then the news)
    let after = block;
    while (after.nextElementSibling && after.nextElementSibling !== box && homes.has(after.nextElementSibling)) after = after.nextElementSibling;
    if (after.nextElementSibling !== box) after.after(box);
    box.dataset.bij = "";  // (not a class: the message's class is its kind)
    // in view once whole (a question's buttons are added after its sentence)
    if (scroll) queueMicrotask(() => box.scrollIntoView({ block: "nearest" }));
  }

  function home(box) {
    const [parent, next] = homes.get(box);
    delete box.dataset.bij;
    if (box.parentNode !== parent) parent.insertBefore(box, next);
  }

  // Whether a box has something to show beside its block: a question or an error, an open panel, news.
  function showing(box) {
    return box === melding ? ["vraag", "fout"].includes(melding.className) && melding.textContent !== "" : !box.hidden;
  }

  // Before ``container`` is drawn again: a question or panel beside a block in it goes back to its place first (it
  // would go with the block), and once drawn, beside the block drawn anew (it went back to the top: session 60's
  // list), the keyboard where it was; unless something else was said meanwhile.
  const drawnAgain = new Map();

  function rescue(container) {
    for (const box of homes.keys()) {
      if (!container.contains(box)) continue;
      drawnAgain.set(box, [placed.get(box), box.textContent]);
      home(box);
    }
    if (drawnAgain.size) queueMicrotask(putBack);
    return container;
  }

  function putBack() {
    for (const [box, [place, said]] of drawnAgain) {
      drawnAgain.delete(box);
      // (a message said since is where its own asker put it; the news of a change taken in stays where it was)
      if ("bij" in box.dataset || (box === melding && box.textContent !== said) || !showing(box)) continue;
      const block = blockAt(place);
      if (!block) continue;
      const focused = box.contains(document.activeElement) ? document.activeElement : null;
      beside(box, block, false);
      if (focused && document.activeElement !== focused) focused.focus({ preventScroll: true });
    }
  }

  function play(start, end) {
    if (!speler) return;
    speler.currentTime = start;
    stopAt = end === undefined ? null : end;
    speler.play().catch(() => {});
  }

  function playButton(start, end, label) {
    // Without a recording a turn keeps its time as text, and a quote or a clip has no button.
    if (!speler) return label ? el("span", { class: "tijd" }, label) : null;
    return el("button", { type: "button", class: "speel", title: "Speel " + clock(start) + "–" + clock(end), on: { click: () => play(start, end) } }, label || "▶");
  }

  function speakers() {
    const names = state.speakers.map((s) => s.name);
    for (const p of state.participants) if (!names.includes(p.name)) names.push(p.name);
    return names;
  }

  // --- what the editor typed and has not saved ----------------------------------------------

  // Every save redraws the page from the desk's answer; what the editor typed elsewhere and did not save (a turn open
  // for editing, the intro, a participant's fields) is kept through it (a tester's find, session 47: pinning a
  // headline threw away an open correction and a typed intro, without a word).
  const TYPED = "#deelnemers-lijst input[type=text], #stemmen-lijst input.naam-vrij";
  // The saves whose own form's fields are what they saved: not put back, nor missed when the form is gone.
  const FORM_SAVES = ["deelnemer", "toevoegen", "spreker"];

  // Whose form a typed field is in: a participant, a name nobody listed, a voice ("" for the form to add someone).
  function whose(form) {
    return form.dataset.deelnemer || form.dataset.naam || form.dataset.stem || "";
  }

  function sameStart(one, other) {
    return one !== null && other !== null && Math.abs(one - other) <= 0.005;
  }

  function drafts() {
    const kept = { fields: {} };
    const area = document.querySelector("#beurten textarea.bewerk-tekst");
    const turn = editing !== null ? state.turns[editing] : null;
    if (turn) kept.turn = { start: turn.start, label: beurtOm(editing), was: turn.text, text: area ? area.value : turn.text };
    const intro = document.getElementById("inleiding");
    const saved = state.analysis.intro || "";
    if (intro && intro.value !== saved) kept.intro = { label: "de inleiding", was: saved, text: intro.value };
    const title = document.getElementById("titel");
    if (title && title.value !== state.title) kept.title = { label: "de titel", was: state.title, text: title.value };
    for (const input of document.querySelectorAll(TYPED)) {
      // (a name typed under "Andere naam…" counts only while that is chosen: a reviewer's read)
      if (!input.hidden && input.value !== input.defaultValue) {
        const who = whose(input.closest("article")) || "nieuwe deelnemer";
        kept.fields[fieldKey(input)] = { label: input.getAttribute("aria-label") + " (" + who + ")", was: input.defaultValue, text: input.value };
      }
    }
    return kept;
  }

  function fieldKey(input) {
    const form = input.closest("article");
    return [form.className, whose(form), input.className].join("\n");
  }

  function unsaved() {
    const kept = drafts();
    return Boolean((kept.turn && kept.turn.text !== kept.turn.was) || kept.intro || kept.title || Object.keys(kept.fields).length);
  }

  // After a save: the drafts the save did not take, back where they were typed, where what they were typed over is
  // still what is saved. The saved change's own field is not restored (the turn saved, the intro saved, the
  // participant saved or added, the voice named). A draft over something that changed (another editor's intro, a
  // turn split or merged) is not put back over it: returned, for the editor to copy (a reviewer's read: a typed
  // intro was put back over another editor's and then saved over it without a conflict).
  function restore(kept, action, body) {
    const saved = (turn) => action === "tekst" && typeof body.start === "number" && sameStart(body.start, turn.start);
    const lost = [];
    editing = null;
    if (kept.turn && !saved(kept.turn)) {
      const index = state.turns.findIndex((t) => sameStart(t.start, kept.turn.start));
      if (index >= 0 && state.turns[index].text === kept.turn.was) {
        editing = index;
      } else if (kept.turn.text !== kept.turn.was) {
        lost.push(kept.turn);
      }
    }
    // (where the participant taken off the list stood, before the list is drawn without them)
    const stood = [...document.querySelectorAll("#deelnemers-lijst .deelnemer")].findIndex((form) => form.dataset.deelnemer === body.participant);
    render();
    if (editing !== null) document.querySelector("#beurten textarea.bewerk-tekst").value = kept.turn.text;
    else if (action === "tekst" && typeof body.start === "number") {
      // the keyboard's place kept: on the turn just saved, not the page's top (an attack, session 56: Tab after
      // Ctrl+Enter went to the first play button)
      const index = state.turns.findIndex((t) => sameStart(t.start, body.start));
      const button = index >= 0 && document.querySelector("#beurt-" + index + " button.bewerk");
      if (button) button.focus();
    } else if (typeof body.start === "number" && (!document.activeElement || document.activeElement === document.body)) {
      // a change of a turn made from the bar at the top (a move's "Verplaatsen", gone with its message): the keyboard
      // on that turn, a split's on the new turn's speaker, to check it (an editor's run, session 58)
      const index = state.turns.findIndex((t) => sameStart(t.start, body.start));
      const shown = index >= 0 && document.getElementById("beurt-" + (action === "splits" ? index + 1 : index));
      const control = shown && shown.querySelector(action === "samenvoegen" ? "button.bewerk" : "select.verplaats");
      if (control) control.focus();
    } else if (action === "weghalen" && (!document.activeElement || document.activeElement === document.body)) {
      // a participant taken off the list (the question's button, gone with its message): the keyboard on the one now
      // in that place, else on what follows the list (a reviewer's read, session 58: it fell to the page's top)
      const now = document.querySelectorAll("#deelnemers-lijst .deelnemer")[stood];
      const control = (now && now.querySelector("input"))
        || document.querySelector("#deelnemers-lijst .niet-gelijst input, #deelnemers-lijst details.iemand-toevoegen summary");
      if (control) control.focus();
    }
    const intro = document.getElementById("inleiding");
    if (kept.intro && action !== "inleiding" && intro) {
      if ((state.analysis.intro || "") === kept.intro.was) intro.value = kept.intro.text;
      else lost.push(kept.intro);
    }
    const title = document.getElementById("titel");
    if (kept.title && action !== "titel" && title) {
      if (state.title === kept.title.was) title.value = kept.title.text;
      else lost.push(kept.title);
    }
    const found = new Set();
    for (const input of document.querySelectorAll(TYPED)) {
      const form = input.closest("article");
      const key = fieldKey(input);
      const draft = kept.fields[key];
      found.add(key);
      const done = (action === "deelnemer" && form.dataset.deelnemer === body.participant)
        || (action === "toevoegen" && (form.dataset.naam === body.name || form.classList.contains("nieuw")))
        || (action === "spreker" && form.dataset.stem === body.speaker);
      if (!draft || done) continue;
      if (input.defaultValue !== draft.was) {
        lost.push(draft);
        continue;
      }
      input.value = draft.text;
      if (input.classList.contains("naam-vrij")) {
        const picker = form.querySelector(".naam-keuze");
        picker.value = "";
        picker.dispatchEvent(new Event("change"));
      }
    }
    for (const [key, draft] of Object.entries(kept.fields)) {
      if (!found.has(key) && !FORM_SAVES.includes(action)) lost.push(draft);
    }
    return lost;
  }

  // What the editor typed that a save made impossible to keep where it was, for the editor to copy.
  function sayLost(lost) {
    for (const draft of lost || []) {
      const copy = el("textarea", { class: "tekst-verloren", readonly: true, "aria-label": "Je niet opgeslagen tekst van " + draft.label });
      copy.value = draft.text;
      melding.append(" ", el("span", { class: "niet-openbaar", text: "Je niet opgeslagen tekst van " + draft.label + " kon niet blijven staan: dat is intussen veranderd. Om te kopiëren:" }), copy);
    }
  }

  window.addEventListener("beforeunload", (event) => {
    if (unsaved()) event.preventDefault();  // the browser asks before the page goes
  });

  // --- the API ------------------------------------------------------------------------------

  // What a save is made on, as this page shows it: where another editor saved something else meanwhile, the desk
  // saves it on their version (a tester's find, session 47: a headline pinned beside another's correction met the
  // conflict panel over nothing of theirs). A correction says its own ("was": the turn's text).
  // The editors' choices of the article as shown (Desk._article_as_seen): the pinned headline, what they added
  // and rejected.
  function articleAsSeen() {
    const a = state.analysis;
    const seen = { headline: a.headline || "" };
    for (const kind of ["quotes", "action_points", "themes"]) {
      seen["add_" + kind] = a["add_" + kind] || [];
      seen["remove_" + kind] = a["remove_" + kind] || [];
    }
    return seen;
  }
  const SEEN = {
    kop: articleAsSeen,
    citaat: articleAsSeen,
    actiepunt: articleAsSeen,
    thema: articleAsSeen,
    inleiding: () => state.analysis.intro || "",
    titel: () => state.title,
    deelnemer: (body) => {
      const p = state.participants.find((q) => q.name === body.participant);
      return p ? { name: p.name, role: p.role, organisation: p.organisation } : undefined;
    },
  };

  // One save at a time, in the order asked: a second click while the first is on its way (a double click on
  // Opslaan) would be made on the version the first replaces, and meet the conflict panel over the editor's own
  // save (a newcomer's run, session 51). The same save again while it is on its way is the double click, and is
  // not made twice; any other waits its turn and is made on the version the first leaves (a reviewer: dropped,
  // a withdrawal chosen meanwhile was lost under "Opgeslagen").
  let queue = Promise.resolve();
  const waiting = new Set();  // the saves asked and not yet answered (a second editor's run: one queued, sent twice)

  function post(action, body) {
    const key = action + "\n" + JSON.stringify(body);
    if (waiting.has(key)) return Promise.resolve(false);
    waiting.add(key);
    const turn = queue.then(async () => {
      try {
        return await postNow(action, body);
      } finally {
        waiting.delete(key);
      }
    });
    queue = turn.catch(() => false);
    return turn;
  }

  async function postNow(action, body) {
    const asker = document.activeElement;  // (where the keyboard goes back to after "Niet doen")
    const askedBy = blockOf(asker);  // (where the desk's question, an error or the conflict panel is shown)
    const askedAt = askedBy && placeOf(askedBy);  // (and found again once the page is drawn anew)
    const answering = melding.contains(asker);  // (a question's answer: its button goes with the message)
    say(SAVING);
    if (body.was === undefined && SEEN[action]) body = Object.assign({}, body, { was: SEEN[action](body) });
    let response, data = null;
    try {
      response = await fetch(api + "/" + action, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-Gesprekken": "1" },
        // (an answer to the desk's question is sent on the version it was asked on: see below)
        body: JSON.stringify(Object.assign({}, body, { version: body.version || state.version })),
      });
      data = await response.json();
    } catch (error) {
      say("Niet opgeslagen: de server antwoordt niet (" + error + ")", "fout", askedBy);
      return false;
    }
    if (response.ok || (response.status === 409 && data.state)) {
      // (409 with a state: saved, but the public knowledge base could not follow: shown as saved, with what to do)
      const lost = adopt(data.state, action, body);
      elders.hidden = true;  // what was changed elsewhere is in the state this save answered with
      if (response.ok) say(data.saved ? "Opgeslagen: " + undoneSaid(data.saved.summary) : "Niets veranderd", "ok");
      else say(data.error, "fout", blockAt(askedAt));
      // an answer saved whose place restore does not give (a status asked under Publicatie): back to what asked
      if (answering && (!document.activeElement || document.activeElement === document.body)) refocus(questionPlace);
      sayLost(lost);
      return true;
    }
    if (response.status === 409 && data && data.current) {
      // Only a true conflict (the transcript changed since this page read it) opens the panel.
      conflict(action, body, data, askedBy);
      return false;
    }
    // A refused status change: its menus (under Publicatie and Deelnemers) show the status saved, not the one chosen.
    if (action === "publicatie") resetStatusPickers();
    if (response.status === 400 && data && data.confirm && !body.zeker) {
      // A voice that introduces itself as someone else, a withdrawal that rests on uncertain naming:
      // saved only once the editor, having listened, is sure.
      // A question, as the page's own ("verplaatsen?"), not a failure (a newcomer's run, session 50): both answers.
      say("Eerst een vraag, nog niets opgeslagen: " + data.error + " ", "vraag", askedBy);
      const was = action === "publicatie" && (body.participant ? (state.participants.find((p) => p.name === body.participant) || {}).status : state.status);
      const sure = action === "publicatie" && was === "withdrawn" ? "Intrekking terugdraaien"
        : action === "publicatie" && body.status === "published" ? "Toch openbaar maken"
        : action === "spreker" && body.merge ? "Toch samenvoegen" : SURE[action] || "Toch opslaan";
      // The answer is sent on the version the question was asked on: where the transcript changed meanwhile (taken in
      // from elsewhere), it meets the conflict panel, which asks again, and does not do it to what changed (a
      // reviewer: "Toch doen" on an undo asked before another editor's withdrawal undid that withdrawal instead).
      const askedOn = state.version;
      melding.append(el("button", { type: "button", class: "zeker", on: { click: () => post(action, Object.assign({}, body, { zeker: true, version: askedOn })) } }, sure), " ",
        el("button", { type: "button", class: "niet-doen", on: { click: () => {
          unpick(action, body);
          say("Niets veranderd", "ok");
          if (asker && asker !== document.body && document.contains(asker)) asker.focus();  // (a reviewer's read)
        } } }, "Niet doen"));
      // the question takes the keyboard, on the answer that changes nothing (its place was lost: session 58)
      melding.querySelector("button.niet-doen").focus();
      return false;
    }
    // A change the desk refuses (400) or cannot make (500): its sentence says why and what to do.
    // (a server's sentence that says so itself is not said twice)
    say("Niet opgeslagen: " + ((data && data.error) || "de server antwoordt " + response.status).replace(/^Niet opgeslagen: /, ""), "fout", blockAt(askedAt));
    return false;
  }

  // A question answered "Niet doen": the menu that asked shows what is saved again (a reviewer: a turn's speaker
  // menu kept the new name under "Niets veranderd").
  function unpick(action, body) {
    if (action === "verplaats" && state.turns[body.turn]) {
      const menu = document.querySelector("#beurt-" + body.turn + " select.verplaats");
      if (menu) menu.value = state.turns[body.turn].speaker;
    } else if (action === "spreker") {
      renderSpeakers();
    } else if (action === "publicatie") {
      resetStatusPickers();
    } else if (action === "deelnemer") {
      // the name as saved, not the spelling asked about; what is typed elsewhere stays (a second editor's run)
      const input = [...document.querySelectorAll(".deelnemer")].find((f) => f.dataset.deelnemer === body.participant);
      if (input) input.querySelector("input.deelnemer-naam").value = body.participant;
    }
  }

  // The button that confirms a change the desk asked about, in the words of that change.
  const SURE = {
    samenvoegen: "Toch samenvoegen",
    verplaats: "Toch verplaatsen",
    splits: "Toch splitsen",
    spreker: "Toch deze naam geven",
    publicatie: "Toch intrekken",
    ongedaan: "Toch doen",
    toevoegen: "Toch toevoegen",
    deelnemer: "Ja, zo gespeld",
  };

  function withheld(status) {
    // What the public copy leaves out, in the words of the editors' conversation page and search.
    if (!status) return null;
    return el("span", { class: "niet-openbaar", title: "Niet op de openbare kennisbank en niet in het artikel (intern alleen in een concept)" }, "(niet openbaar: " + (STATUS[status] || status) + ")");
  }

  // The words of ``text`` each with whether ``other`` says it there too (the longest common run of words): what
  // differs is marked in the conflict panel (an editor's run, session 53: "echt", added by hand, went unseen and was
  // saved over). A text too long to compare is shown unmarked.
  function wordDiff(text, other) {
    const x = text.split(/\s+/).filter(Boolean), y = other.split(/\s+/).filter(Boolean);
    const n = x.length, m = y.length;
    if (n * m > 250000) return x.map((w) => [w, true]);
    const L = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
    for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) L[i][j] = x[i] === y[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
    const out = [];
    let i = 0, j = 0;
    while (i < n) {
      if (j < m && x[i] === y[j]) { out.push([x[i], true]); i++; j++; }
      else if (j < m && L[i][j + 1] >= L[i + 1][j]) j++;
      else { out.push([x[i], false]); i++; }
    }
    return out;
  }

  function marked(text, other, attributes) {
    const p = el("p", attributes);
    wordDiff(text, other).forEach(([word, same], k) => {
      if (k) p.append(" ");
      p.append(same ? word : el("mark", {}, word));
    });
    return p;
  }

  function conflict(action, body, data, askedBy) {
    const panel = document.getElementById("conflict");
    unpick(action, body);  // a menu shows what is saved, not what was not (a second editor's run: "ingetrokken")
    panel.replaceChildren();
    panel.append(el("h2", { id: "conflict-kop", text: "Niet opgeslagen: het gesprek is intussen gewijzigd" }), el("p", { text: data.error }));
    // what changed meanwhile, for every kind of change (the move and undo panels showed only the editor's own: left by
    // session 53's editor's run): the saves this page has not seen, newest first, or that it was no save here
    const since = unseen(data.current.history);
    // (none: a hand edit, which the sentence above says)
    if (since.length) {
      panel.append(el("div", { class: "intussen" }, el("p", { text: "Intussen opgeslagen:" }), el("ul", {}, ...since.slice(0, 5).map((h) => el("li", { text:
        new Date(h.at).toLocaleTimeString("nl-NL", { timeStyle: "short" }) + ", " + h.actor + ": " + undoneSaid(h.summary) })),
        ...(since.length > 5 ? [el("li", { text: "en " + (since.length - 5) + " eerder (zie Geschiedenis)" })] : []))));
    }
    let mine = null;
    // The turn this change was made on, found again by where it begins: a turn split or added
    // before it meanwhile gave it another number, and the old number is now someone else's turn.
    let turn = body.turn;
    if (typeof body.turn === "number" && typeof body.start === "number") {
      turn = data.current.turns.findIndex((t) => t.start === body.start);
    }
    const gone = turn === -1 || (typeof turn === "number" && !data.current.turns[turn]);
    // A question the editor answered ("zeker") was about the state before: asked again on the new one (an undo
    // resent would otherwise undo another editor's change, a withdrawal say, unasked).
    const again = Object.assign({}, gone ? body : Object.assign({}, body, typeof turn === "number" ? { turn } : {}), { zeker: false });
    delete again.version;  // made again on the version the page shows then
    const theirsText = () => (gone || typeof turn !== "number" || !data.current.turns[turn] ? null : data.current.turns[turn].text);
    if (action === "tekst") {
      const theirs = gone ? null : data.current.turns[turn];
      mine = el("textarea", { class: "tekst-mijn", "aria-label": "Jouw versie" });
      mine.value = body.text;
      // the marks follow what the editor types into their version
      mine.addEventListener("input", () => {
        const shown = panel.querySelector(".tekst-mijn-verschil");
        const hun = theirsText();
        if (shown && hun !== null) shown.replaceWith(marked(mine.value, hun, { class: "tekst-mijn-verschil", "aria-label": "Jouw versie, wat anders is gemarkeerd" }));
        const saved = panel.querySelector(".tekst-hun");
        if (saved && hun !== null) saved.replaceWith(marked(hun, mine.value, { class: "tekst-hun" }));
      });
      panel.append(
        el("div", { class: "versies" },
          el("div", { class: "versie" }, el("h3", { text: "Zoals het nu is opgeslagen" + (theirs && typeof theirs.start === "number" ? " (de beurt om " + clock(theirs.start) + ")" : "") }),
            theirs ? marked(theirs.text, body.text, { class: "tekst-hun" }) : el("p", { class: "tekst-hun", text: "(deze beurt bestaat niet meer)" })),
          el("div", { class: "versie" }, el("h3", { text: "Jouw versie (nog niet opgeslagen)" }), mine,
            ...(theirs ? [marked(body.text, theirs.text, { class: "tekst-mijn-verschil", "aria-label": "Jouw versie, wat anders is gemarkeerd" })] : []))),
        ...(theirs ? [el("p", { class: "aantal", text: "Gemarkeerd: de woorden die de ene versie anders heeft dan de andere. Mijn versie opslaan zet jouw versie in de plaats van de opgeslagen; neem wat daarvan klopt eerst over in jouw versie." })] : []),
      );
    } else {
      // what is saved now beside it, where the change is of one thing the panel can show (a newcomer's run,
      // session 51: "bekijk beide versies" showed only the editor's)
      const person = action === "deelnemer" ? data.current.participants.find((q) => q.name === body.participant) : null;
      const whose = action === "publicatie" && body.participant ? data.current.participants.find((q) => q.name === body.participant) : null;
      const theirs = person ? [person.name, person.role, person.organisation].filter(Boolean).join(", ")
        : action === "inleiding" ? (data.current.analysis.intro || "(geen inleiding)")
        : action === "titel" ? "“" + data.current.title + "”"
        : action === "publicatie" ? (whose ? whose.name + ": " : "het gesprek: ") + (STATUS[whose ? whose.status : data.current.status] || "") : null;
      if (theirs !== null) panel.append(el("p", { class: "wijziging-hun", text: "Zoals het nu is opgeslagen: " + theirs }));
      panel.append(el("p", { class: "wijziging-mijn", text: "Jouw wijziging: " + describe(action, again) }));
    }
    if (action === "ongedaan") {
      // Undo takes back the latest save, which is now another's: resent, it would undo theirs.
      // (no save came in: a hand edit or a command, which an undo would wipe; an editor's run, session 58, read of
      // "another save" where there was none)
      panel.append(el("p", { class: "niet-openbaar", text: since.length
        ? "Ongedaan maken geldt voor de laatste opslag, en die is nu een andere: kijk in de geschiedenis wat er veranderde."
        : "Het transcript is intussen buiten de redactietafel gewijzigd (met de hand of met een commando); ongedaan maken zou dat wissen, dus herstel wat je ongedaan wilde maken met de hand." }));
    } else if (gone) {
      panel.append(el("p", { class: "niet-openbaar", text: "De beurt waarin je werkte begint niet meer op " + clock(body.start) + " (gesplitst of weggehaald): kopieer je versie en zet hem in de juiste beurt." }));
    } else {
      panel.append(el("button", { type: "button", class: "mijn-versie", on: { click: () => {
        panel.hidden = true;
        const kept = drafts();
        state = data.current;
        const lost = restore(kept, action, body);
        // shown once the save answered: its own message would clear it (a reviewer's read)
        // what it is made on is what the page shows now (a reviewer's read: the first page's "was" met a second
        // panel where anyone saved meanwhile)
        post(action, Object.assign({}, again, mine ? { text: mine.value } : {}, { was: undefined })).then(() => sayLost(lost));
      } } }, "Mijn versie opslaan"), " ");
    }
    panel.append(
      el("button", { type: "button", class: "hun-versie", on: { click: () => {
        panel.hidden = true;
        // this change is given up, not what else the editor typed (a correction's own draft goes with it)
        const kept = drafts();
        if (action === "tekst") kept.turn = null;
        state = data.current;
        const lost = restore(kept, action, body);
        say("De opgeslagen versie staat er weer; jouw versie is niet bewaard", "ok");
        sayLost(lost);
      } } }, "De opgeslagen versie houden"),
    );
    panel.hidden = false;
    // beside the turn or form that saved, on the page as it is (the turn found by where it begins)
    const shown = typeof body.start === "number" ? state.turns.findIndex((t) => sameStart(t.start, body.start)) : -1;
    beside(panel, blockOf(askedBy) || blockOf(document.getElementById("beurt-" + shown)));
    // the panel takes the keyboard, as a dialog does: Ctrl+Enter in the turn met the same conflict again, and the
    // panel's buttons were a dozen Shift+Tabs up (an editor's run, session 58)
    panel.tabIndex = -1;
    panel.focus();
    say("Conflict: bekijk beide versies", "fout");
    panel.scrollIntoView({ block: "nearest" });  // (its heading too: the bar's message may have moved it)
  }

  // The saves in ``history`` (a newer state's) that the page has not seen: newest first.
  function unseen(history) {
    const known = new Set(state.history.map((h) => h.id));
    return history.filter((h) => !known.has(h.id));
  }

  // The page shows ``fresh`` (a save's answer, or a change taken in from elsewhere), with what the editor typed where it
  // still fits (restore); returns the drafts that could not stay.
  function adopt(fresh, action, body) {
    const kept = drafts();
    state = fresh;
    splitting = null;
    return restore(kept, action, body);
  }

  // A change the conflict panel offers to save again, in the editor's words (turns by the time they begin, as on the page).
  function describe(action, body) {
    // by the start the editor saw (an index here is the newer version's, the page's state the older: a reviewer)
    const turn = typeof body.start === "number" ? "de beurt om " + clock(body.start) : typeof body.turn === "number" ? beurtOm(body.turn) : "";
    const quoted = (text) => "“" + text + "”";
    const choice = body.choice === "reject" ? " afwijzen: " : " toevoegen: ";
    const theme = (state.all_themes.find((t) => t.id === body.theme) || {}).label || body.theme;
    const words = {
      verplaats: () => turn + " naar " + body.speaker + " verplaatsen",
      splits: () => turn + " splitsen vóór " + (body.woord ? "“" + body.woord + "”" : "woord " + (body.word + 1)),
      samenvoegen: () => turn + " samenvoegen met de volgende beurt",
      spreker: () => "stem " + body.speaker + (body.merge ? " samenvoegen met " : body.swap ? " ruilen met " : " noemen: ") + body.name,
      kop: () => (body.text ? "kop " + quoted(body.text) : "kop losmaken"),
      citaat: () => "citaat" + choice + quoted(body.text),
      actiepunt: () => "actiepunt" + choice + quoted(body.text),
      thema: () => "thema" + choice + theme,
      inleiding: () => "inleiding " + quoted(body.text),
      titel: () => "titel " + quoted(body.text),
      publicatie: () => "publicatie van " + (body.participant || "het gesprek") + ": " + (STATUS[body.status] || body.status),
      deelnemer: () => "deelnemer " + body.participant + ": " + [["naam", body.name], ["functie", body.role], ["organisatie", body.organisation]]
        .filter(([, x]) => x !== undefined && x !== null).map(([what, x]) => what + " " + (x ? quoted(x) : "leeg")).join(", "),
      toevoegen: () => "deelnemer toevoegen: " + body.name + " (" + (STATUS[body.status] || body.status) + ")",
      weghalen: () => "deelnemer " + body.participant + " van de lijst halen",
      ongedaan: () => "de laatste wijziging ongedaan maken",
      vervangen: () => "overal " + quoted(body.find) + " vervangen door " + (body.replacement ? quoted(body.replacement) : "niets"),
    };
    return words[action] ? words[action]() : action;
  }

  function selection() {
    const chosen = window.getSelection();
    const text = String(chosen || "").split(/\s+/).filter(Boolean).join(" ");
    if (!text) {
      say("Selecteer eerst tekst in het transcript", "fout");
      return text;
    }
    // A selection over two turns holds their headings too (time, speaker, buttons): say what is wrong
    // here, not "not in the transcript" from the desk, and never send that text.
    const turns = selectedTurns(chosen);
    if (turns.length > 1) {
      const which = beurtOm(turns[0]) + (turns.length === 2 ? " en " : " tot en met ") + beurtOm(turns[turns.length - 1]);
      say("Je selectie loopt over " + which + "; een kop, citaat of actiepunt is een zin uit één beurt: selecteer binnen één beurt", "fout");
      return "";
    }
    const para = turns.length ? document.querySelector("#beurt-" + turns[0] + " p.tekst") : null;
    return para ? wholeWords(chosen.getRangeAt(0), para) || text : text;
  }

  // What a selection in one turn's text means: its whole words (a drag that began a letter late or stopped short
  // saved "ij gaat het om wederkerig" as the headline, in the article and on the site: an editor's run, session 57);
  // without a word or two of another sentence where it began inside one ("k. We moeten ...") or ends with one begun
  // ("... wederkerigheid. We", "... wederkerig"). A sentence selected whole stays, and an abbreviation ("o.a.",
  // "bijv.", "mw.") ends none (a reviewer's read).
  function wholeWords(range, para) {
    const all = para.textContent;
    const upTo = (container, offset) => {
      const part = document.createRange();
      part.selectNodeContents(para);
      if (para.contains(container)) part.setEnd(container, offset);
      return String(part).length;
    };
    const start = para.contains(range.startContainer) ? upTo(range.startContainer, range.startOffset) : 0;
    const end = para.contains(range.endContainer) ? upTo(range.endContainer, range.endOffset) : all.length;
    return wordsBetween(all, start, end);
  }

  // The whole words of ``all`` from character ``start`` to ``end`` (see wholeWords): a drag's, or a selection made
  // with the keyboard in a turn's open text.
  function wordsBetween(all, start, end) {
    while (start < end && /\s/.test(all[start])) start++;
    while (end > start && /\s/.test(all[end - 1])) end--;
    // (inside a word's letters: not a word whose full stop the drag left out, "Echt waar" of "Echt waar.")
    const cutAtStart = start > 0 && /[\p{L}\p{N}]/u.test(all[start - 1]);
    const cutAtEnd = end < all.length && /[\p{L}\p{N}]/u.test(all[end]);
    while (start > 0 && !/\s/.test(all[start - 1])) start--;
    while (end < all.length && !/\s/.test(all[end])) end++;
    let words = all.slice(start, end).split(/\s+/).filter(Boolean);
    const ABBREVIATIONS = /^(?:\p{L}{1,3}\.){2,}$|^(?:bijv|bv|mw|mevr|dhr|ca|nl|enz|evt|zgn|jl|vs|dr|drs|ir|mr|prof|st|nr|blz|incl|excl|resp|o\.a|m\.b\.t)\.$/iu;
    const ends = (word) => /[.!?…]["”’)]*$/.test(word) && !ABBREVIATIONS.test(word.replace(/["”’)]+$/, ""));
    const head = words.slice(0, 2).findIndex(ends);
    if (cutAtStart && head >= 0 && words.length - head - 1 >= 3) words = words.slice(head + 1);
    const last = words.slice(0, -1).map(ends).lastIndexOf(true);
    // and a sentence begun after the last one ended, cut off or unfinished ("... wederkerigheid. We")
    const unfinished = cutAtEnd || !ends(words[words.length - 1] || "");
    if (unfinished && last >= 0 && words.length - last - 1 <= 2) words = words.slice(0, last + 1);
    return words.join(" ");
  }

  // The turns whose words the selection takes some of (a triple click ends it at the next turn's start: not that turn).
  function selectedTurns(chosen) {
    if (!chosen.rangeCount) return [];
    const range = chosen.getRangeAt(0);
    const found = [];
    for (const text of document.querySelectorAll("#beurten .beurt p.tekst")) {
      if (!range.intersectsNode(text)) continue;
      const part = document.createRange();
      part.selectNodeContents(text);
      if (range.compareBoundaryPoints(Range.START_TO_START, part) > 0) part.setStart(range.startContainer, range.startOffset);
      if (range.compareBoundaryPoints(Range.END_TO_END, part) < 0) part.setEnd(range.endContainer, range.endOffset);
      if (String(part).trim()) found.push(Number(text.closest(".beurt").dataset.turn));
    }
    return found;
  }

  // --- the transcript -----------------------------------------------------------------------

  // Another turn opened (to edit or split) while the one open has typed text not saved: asked first, as a text
  // editor asks before it closes a file (an editor's run, session 53: the draft went without a word). Opening the
  // same turn, or one with nothing typed, goes on at once.
  function leaveEdit(index, then) {
    const area = document.querySelector("#beurten textarea.bewerk-tekst");
    const open = editing !== null ? state.turns[editing] : null;
    if (!open || editing === index || !area || area.value === open.text) return then();
    const at = editing;
    say(capital(beurtOm(at)) + " heeft tekst die niet is opgeslagen. ", "vraag");
    melding.append(
      el("button", { type: "button", class: "eerst-opslaan", on: { click: async () => {
        if (await post("tekst", { turn: at, start: open.start, text: area.value, was: open.text }) && state.turns[index]) then();
      } } }, "Eerst opslaan"), " ",
      el("button", { type: "button", class: "niet-opslaan", on: { click: () => { say(""); then(); } } }, "Niet opslaan"), " ",
      el("button", { type: "button", class: "verder-bewerken", on: { click: () => { say(""); area.focus(); } } }, "Verder bewerken"));
  }

  function renderTurns() {
    const box = rescue(document.getElementById("beurten"));
    // what is typed in the turn open stays through a redraw of the same turn (a split chosen on it)
    const typed = document.querySelector("#beurten textarea.bewerk-tekst");
    box.replaceChildren();
    timeline = [];
    current = null;
    const names = speakers();
    for (const turn of state.turns) {
      const next = state.turns[turn.index + 1];
      const section = el("section", { class: "beurt" + (splitting === turn.index ? " splitsen" : "") + (turn.withheld ? " beurt-niet-openbaar" : ""), id: "beurt-" + turn.index, "data-turn": turn.index, "data-start": turn.start === null ? "" : turn.start });
      // Asked first: a menu changes with the arrow keys while one tabs through the page, and a turn that says who
      // speaks moves that introduction with it (a tester's find, session 47: saved the moment it changed)
      const choice = el("select", { class: "verplaats", "aria-label": "Spreker van beurt " + (turn.index + 1), on: { change: (event) => {
        const speaker = event.target.value;
        if (speaker === turn.speaker) return say("");
        say(capital(beurtOm(turn.index)) + " van " + turn.speaker + " naar " + speaker + " verplaatsen? ", "vraag", event.target);
        melding.append(
          el("button", { type: "button", class: "verplaatsen", on: { click: () => post("verplaats", { turn: turn.index, start: turn.start, speaker }) } }, "Verplaatsen"), " ",
          el("button", { type: "button", class: "niet-verplaatsen", on: { click: () => { event.target.value = turn.speaker; say(""); } } }, "Niet verplaatsen"));
      } } });
      for (const name of names.includes(turn.speaker) ? names : [turn.speaker, ...names]) {
        choice.append(el("option", { value: name, selected: name === turn.speaker }, name));
      }
      section.append(
        el("div", { class: "beurt-kop" },
          playButton(turn.start, turn.end, clock(turn.start)),
          choice,
          withheld(turn.withheld),
          el("button", { type: "button", class: "bewerk", on: { click: () => leaveEdit(turn.index, () => { editing = turn.index; splitting = null; renderTurns(); }) } }, "Bewerk"),
          el("button", { type: "button", class: "splits", "aria-pressed": splitting === turn.index ? "true" : "false", on: { click: () => leaveEdit(turn.index, () => {
            splitting = splitting === turn.index ? null : turn.index;
            renderTurns();
            if (splitting !== null) {
              say("Klik op het woord waarmee de nieuwe beurt begint (of kies het met de pijltjestoetsen en druk op Enter); kies erboven van wie die beurt is");
              // the keyboard's place: the first word a split can start with (an editor's run, session 58: splitting
              // needed a mouse, and focus fell to the page)
              const first = document.querySelector("#beurt-" + turn.index + " .woord[tabindex]");
              if (first) first.focus();
            } else {
              const button = document.querySelector("#beurt-" + turn.index + " button.splits");
              if (button) button.focus();
            }
          }) } }, splitting === turn.index ? "Niet splitsen" : "Splits"),
          // where the other starts speaking, the new turn is theirs in the same step (an editor's run, session 58:
          // a split, then the menu, then "Verplaatsen" in the bar at the top)
          splitting === turn.index ? el("select", { class: "splits-spreker", "aria-label": "Van wie de nieuwe beurt is" },
            ...(names.includes(turn.speaker) ? names : [turn.speaker, ...names]).map((name) =>
              el("option", { value: name, selected: name === turn.speaker }, name === turn.speaker ? "nieuwe beurt: " + name + " (dezelfde)" : "nieuwe beurt: " + name))) : null,
          next && splitting !== turn.index ? el("button", { type: "button", class: "voeg-samen", title: "Eén beurt van deze en de volgende (" + next.speaker + ", " + clock(next.start) + ")", on: { click: () => post("samenvoegen", { turn: turn.index, start: turn.start, next_start: next.start }) } }, "Samenvoegen met volgende beurt") : null),
      );
      if (editing === turn.index) {
        // No maxlength: a browser cuts a long paste there without a word; the desk refuses it with one (the limits
        // are state.limits) and the text stays open (a tester's find, session 47)
        const area = el("textarea", { class: "bewerk-tekst", "aria-label": "Tekst van beurt " + (turn.index + 1) });
        area.value = typed && typed.dataset.start === String(turn.start) && typed.dataset.was === turn.text ? typed.value : turn.text;
        area.dataset.start = String(turn.start);
        area.dataset.was = turn.text;
        // "was": the text this correction was made on, so that another editor's save elsewhere is no conflict
        const save = () => post("tekst", { turn: turn.index, start: turn.start, text: area.value, was: turn.text });
        area.addEventListener("keydown", (event) => {
          if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            save();
          }
        });
        // words selected here with the keyboard (Shift and the arrow keys) as headline, quote or action point: a
        // selection in the text needed a mouse (an editor's run, session 58)
        const choose = (action) => {
          const text = wordsBetween(area.value, area.selectionStart, area.selectionEnd);
          // (beside the turn, where a browser that focuses no button on a click would leave it at the top)
          if (!text) return say("Selecteer eerst woorden in de tekst hierboven (Shift en de pijltjestoetsen)", "fout", section);
          if (area.value !== turn.text) return say("Sla je correctie eerst op; dan kan je selectie kop, citaat of actiepunt worden", "fout", section);
          post(action, action === "kop" ? { text } : { text, choice: "accept" });
        };
        section.append(area,
          el("button", { type: "button", class: "opslaan", on: { click: save } }, "Opslaan"), " ",
          el("button", { type: "button", class: "annuleren", on: { click: () => {
            editing = null;
            renderTurns();
            const button = document.querySelector("#beurt-" + turn.index + " button.bewerk");
            if (button) button.focus();
          } } }, "Annuleren"), " ",
          el("button", { type: "button", class: "kies-kop", on: { click: () => choose("kop") } }, "Selectie als kop"), " ",
          el("button", { type: "button", class: "kies-citaat", on: { click: () => choose("citaat") } }, "als citaat"), " ",
          el("button", { type: "button", class: "kies-actiepunt", on: { click: () => choose("actiepunt") } }, "als actiepunt"));
        setTimeout(() => area.focus(), 0);
      } else {
        const text = el("p", { class: "tekst" });
        turn.words.forEach(([start, end, word, mark, probability], index) => {
          const title = mark === "onzeker" ? `Whisper was onzeker (${Math.round(probability * 100)}%): luister hier eerst` : mark === "onbekend" ? "Onbekend woord: luister hier eerst" : mark === "gerepareerd" ? "Door de woordenlijst verbeterd" : null;
          const node = el("span", { class: "woord" + (mark ? " " + mark : ""), "data-start": start, "data-end": end, "data-index": index, title }, word);
          const split = () => {
            const whose = document.querySelector("#beurt-" + turn.index + " select.splits-spreker");
            const speaker = whose && whose.value !== turn.speaker ? { speaker: whose.value } : {};
            post("splits", Object.assign({ turn: turn.index, start: turn.start, word: index, woord: word }, speaker));
          };
          if (splitting === turn.index && index > 0) {
            // a word to split before, chosen with Enter or the space bar; one tab stop for all (see below)
            node.tabIndex = index === 1 ? 0 : -1;
            node.setAttribute("role", "button");
            node.setAttribute("aria-label", "Splits vóór “" + word + "”");
            node.addEventListener("keydown", (event) => {
              if (event.key === "Enter" || event.key === " ") {
                event.preventDefault();
                split();
              } else if (event.key === "Escape") {  // out of split mode, back on "Splits"
                event.preventDefault();
                event.stopPropagation();
                splitting = null;
                renderTurns();
                const button = document.querySelector("#beurt-" + turn.index + " button.splits");
                if (button) button.focus();
              }
            });
          }
          node.addEventListener("click", () => {
            if (splitting === turn.index) {
              split();
            } else if (start !== null && !String(window.getSelection() || "")) {
              play(start);
            }
          });
          if (index) text.append(" ");
          text.append(node);
          if (start !== null) timeline.push({ start, end, node });
        });
        if (splitting === turn.index && text.querySelector(".woord[tabindex]")) splitWidget(text);
        section.append(text);
      }
      box.append(section);
    }
    timeline.sort((a, b) => a.start - b.start);
    follow();
  }

  // The words of a turn being split as one composite widget, the WAI-ARIA toolbar's way: one tab stop (the word
  // chosen last), the arrow keys, Home and End walk the words (a reviewer's read, session 58: every word was a tab
  // stop, hundreds in a long turn); Enter splits and Escape leaves (each word's own keys).
  function splitWidget(text) {
    text.setAttribute("role", "toolbar");
    text.setAttribute("aria-label", "Splitsen: het woord waarmee de nieuwe beurt begint (pijltjestoetsen, Home en End; Enter splitst ervóór, Escape stopt)");
    const words = [...text.querySelectorAll(".woord[tabindex]")];
    const go = (word) => {
      for (const other of words) other.tabIndex = other === word ? 0 : -1;
      word.focus();
    };
    text.addEventListener("focusin", (event) => { if (words.includes(event.target)) go(event.target); });  // a click, too
    text.addEventListener("keydown", (event) => {
      const at = words.indexOf(event.target);
      const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: words.length - 1 }[event.key];
      if (at < 0 || to === undefined || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      go(words[Math.max(0, Math.min(words.length - 1, to))]);
    });
  }

  function follow() {
    if (!speler) return;
    const t = speler.currentTime;
    let lo = 0, hi = timeline.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (timeline[mid].start <= t) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    const word = found >= 0 && t < timeline[found].end + 0.6 ? timeline[found] : null;
    if (word !== current) {
      if (current) current.node.classList.remove("nu");
      if (word) word.node.classList.add("nu");
      current = word;
    }
    if (stopAt !== null && t >= stopAt) {
      speler.pause();
      stopAt = null;
    }
  }

  function loop() {
    follow();
    if (!speler.paused) requestAnimationFrame(loop);
  }

  if (speler) {
    speler.addEventListener("play", () => requestAnimationFrame(loop));
    speler.addEventListener("seeked", follow);
    speler.addEventListener("timeupdate", follow);
    speler.addEventListener("ratechange", () => { document.getElementById("snelheid").textContent = speler.playbackRate.toFixed(1) + "×"; });
  }

  document.addEventListener("keydown", (event) => {
    if (!speler) return;
    const keys = {
      Escape: () => {
        if (!speler.paused) return speler.pause();
        // typing in a turn, the player elsewhere: from that turn's start (an editor's run, session 53: Esc in the
        // turn at 00:33 played from 00:00)
        const open = editing !== null ? state.turns[editing] : null;
        if (open && typeof open.start === "number" && (speler.currentTime < open.start - 0.5 || speler.currentTime > open.end + 0.5)) {
          speler.currentTime = open.start;
        }
        speler.play().catch(() => {});
      },
      F1: () => { speler.currentTime = Math.max(0, speler.currentTime - 3); },
      F2: () => { speler.currentTime = speler.currentTime + 3; },
      F3: () => { speler.playbackRate = Math.max(0.5, Math.round((speler.playbackRate - 0.1) * 10) / 10); },
      F4: () => { speler.playbackRate = Math.min(2, Math.round((speler.playbackRate + 0.1) * 10) / 10); },
    };
    if (keys[event.key] && !event.ctrlKey && !event.altKey && !event.metaKey) {
      event.preventDefault();
      stopAt = null;
      keys[event.key]();
    }
  });

  // --- speakers -----------------------------------------------------------------------------

  function renderSpeakers() {
    const box = rescue(document.getElementById("stemmen-lijst"));
    box.replaceChildren();
    const speaking = state.speakers.map((s) => s.name);
    for (const voice of state.speakers) {
      const sure = voice.confidence === null ? "geen naamgeving" : Math.round(voice.confidence * 100) + "% zeker";
      const picker = el("select", { class: "naam-keuze", "aria-label": "Wie is " + voice.name });
      for (const p of state.participants) {
        picker.append(el("option", { value: p.name, selected: p.name === voice.name }, p.name + (p.role ? ", " + p.role : "")));
      }
      if (!state.participants.some((p) => p.name === voice.name)) picker.prepend(el("option", { value: voice.name, selected: true }, voice.name));
      picker.append(el("option", { value: "" }, "Andere naam…"));
      const typed = el("input", { class: "naam-vrij", type: "text", placeholder: "Naam", "aria-label": "Andere naam voor " + voice.name, hidden: true });
      const button = el("button", { type: "button", class: "naam-opslaan" }, "Bevestig");
      const chosen = () => (picker.value === "" ? typed.value.trim() : picker.value);
      const merges = (name) => voice.unnamed || voice.spelling_of === name;
      const update = () => {
        typed.hidden = picker.value !== "";
        const name = chosen();
        // A name another voice has: naming put the two the wrong way round (merging is the separate "Dezelfde stem als"),
        // but a voice not named ("Spreker 3") or a misspelling of that name is the same person's: merged.
        button.textContent = name === voice.name ? (voice.confirmed ? "Bevestigd" : "Bevestig") : !speaking.includes(name) ? "Noem " + (name || "…") : merges(name) ? "Samenvoegen met " + name : "Ruil met " + name;
        // A confirmed voice under its own name has nothing to confirm: shown so, not a "Bevestig" that said "Niets
        // veranderd" (an editor's run, session 60); aria-disabled, not disabled, so that the keyboard that confirmed
        // it stays on it.
        const done = name === voice.name && voice.confirmed;
        button.classList.toggle("al-bevestigd", done);
        if (done) button.setAttribute("aria-disabled", "true");
        else button.removeAttribute("aria-disabled");
      };
      picker.addEventListener("change", () => {
        update();
        // "Andere naam…": the keyboard goes to the field the name is typed in (it stayed in the menu)
        if (picker.value === "") typed.focus();
      });
      typed.addEventListener("input", update);
      button.addEventListener("click", () => {
        const name = chosen();
        if (button.classList.contains("al-bevestigd")) return;
        if (!name) return say("Typ een naam", "fout", button);
        const taken = name !== voice.name && speaking.includes(name);
        post("spreker", { speaker: voice.name, name: name, swap: taken && !merges(name), merge: taken && merges(name) });
      });
      const merge = el("select", { class: "samen-keuze", "aria-label": "Samenvoegen met" }, el("option", { value: "" }, "—"));
      for (const other of speaking) if (other !== voice.name) merge.append(el("option", { value: other }, other));
      const article = el("article", { class: "stem", "data-stem": voice.name },
        el("h3", {}, voice.name + " ", voice.label && voice.label !== voice.name ? el("span", { class: "aantal", text: "(" + voice.label + ")" }) : null, " ",
          voice.confirmed ? el("span", { class: "bevestigd", text: "bevestigd" }) : el("span", { class: "niet-bevestigd", text: "niet bevestigd" }), " ", withheld(voice.withheld), " ",
          unlisted(voice.name) ? el("span", { class: "niet-gelijst-stem", text: UNLISTED }) : null),
        el("p", { class: "aantal", text: sure + " · " + voice.turns + (voice.turns === 1 ? " beurt" : " beurten") }),
        voice.evidence.length ? el("ul", { class: "bewijs" }, ...voice.evidence.map((e) => el("li", { text: e }))) : null,
        speler ? el("p", {}, "Fragmenten: ", ...voice.clips.map(([s, e], i) => playButton(s, e, "▶ " + (i + 1)))) : null,
        el("p", {}, el("label", {}, "Wie is dit? ", picker), " ", typed, " ", button),
        speaking.length > 1 ? el("p", {}, el("label", {}, "Dezelfde stem als ", merge), " ",
          el("button", { type: "button", class: "samenvoegen", on: { click: () => merge.value && post("spreker", { speaker: voice.name, name: merge.value, merge: true }) } }, "Samenvoegen")) : null,
      );
      update();
      box.append(article);
    }
  }

  // --- participants: the name, role and organisation under every quote ----------------------

  function unlisted(name) {
    return (state.unlisted || []).includes(name);
  }

  function field(label, value, className) {
    // (no maxlength: the desk refuses what is too long with a sentence, where a browser cuts a paste silently)
    return el("label", {}, label + " ", el("input", { type: "text", class: className, value: value, "aria-label": label }));
  }

  function renderParticipants() {
    const box = rescue(document.getElementById("deelnemers-lijst"));
    box.replaceChildren(el("p", { class: "aantal", text: "Zo staan ze onder elk citaat, in het artikel, op de openbare kennisbank en in de downloads. Wat je hier verbetert, zet een programma later niet terug." }));
    for (const p of state.participants) {
      const form = el("article", { class: "deelnemer", "data-deelnemer": p.name },
        el("h3", {}, p.name + " ", p.confirmed ? el("span", { class: "bevestigd", text: "door de redactie" }) : el("span", { class: "aantal", text: "uit het programma" }), " ",
          el("span", { class: "aantal", text: "(" + (STATUS[p.status] || p.status) + ")" })),
        field("Naam", p.name, "deelnemer-naam"),
        field("Functie", p.role, "deelnemer-functie"),
        field("Organisatie", p.organisation, "deelnemer-organisatie"),
        // Their consent, beside what is shown of them: the same save as under Publicatie.
        el("label", {}, "Publicatie ", statusPicker("Status van " + p.name, p.status, p.name)), " ",
      );
      const value = (name) => form.querySelector("." + name).value;
      // Only the fields the editor changed: one left as it was is not sent, so that saved again over another
      // editor's save (the conflict panel's "Mijn versie opslaan") it does not put back what they corrected (a
      // newcomer's run, session 51: a role saved from a stale tab undid another tab's organisation).
      const changed = (name, was) => (value(name) === (was || "") ? null : value(name));
      form.append(el("button", { type: "button", class: "deelnemer-opslaan", on: { click: () => post("deelnemer", {
        participant: p.name, name: changed("deelnemer-naam", p.name), role: changed("deelnemer-functie", p.role), organisation: changed("deelnemer-organisatie", p.organisation),
      }) } }, "Opslaan"));
      // one who says nothing (added by mistake) can go from the list (an editor's run, session 58)
      // (only one the editors added: one from the programme may speak under a voice not named yet, a reviewer's read)
      if (p.confirmed && !state.turns.some((t) => t.speaker === p.name)) {
        form.append(" ", el("button", { type: "button", class: "deelnemer-weghalen", on: { click: () => {
          say(p.name + " zegt niets in dit gesprek. Van de deelnemerslijst halen? ", "vraag", form);
          melding.append(
            el("button", { type: "button", class: "weghalen", on: { click: () => post("weghalen", { participant: p.name }) } }, "Van de lijst halen"), " ",
            el("button", { type: "button", class: "niet-doen", on: { click: () => say("Niets veranderd", "ok") } }, "Niet doen"));
          melding.querySelector("button.niet-doen").focus();
        } } }, "Van de lijst halen"));
      }
      box.append(form);
    }
    for (const name of state.unlisted || []) {
      box.append(addForm(name));
    }
    const other = el("details", { class: "iemand-toevoegen" }, el("summary", {}, "Iemand toevoegen die niet op de lijst staat"), addForm(null));
    box.append(other);
  }

  function addForm(name) {
    // A name that speaks but nobody listed is kept from the public: the editor adds them with a status,
    // or gives the voice a participant's name under Stemmen.
    const status = el("select", { class: "nieuw-status", "aria-label": "Publicatie van " + (name || "de nieuwe deelnemer") },
      el("option", { value: "" }, "kies een status…"), ...state.statuses.map((s) => el("option", { value: s }, STATUS[s] || s)));
    const form = el("article", name ? { class: "niet-gelijst", "data-naam": name } : { class: "nieuw" });
    if (name) {
      form.append(
        el("h3", {}, name + " ", el("span", { class: "niet-openbaar", text: UNLISTED })),
        el("p", { class: "aantal", text: "Niemand op de deelnemerslijst heet zo, dus niemand gaf onder deze naam toestemming: de beurten van " + name + " blijven intern. Zet " + name + " met een status op de lijst, of geef de stem de naam van een deelnemer." }),
      );
    } else {
      form.append(field("Naam", "", "nieuw-naam"));
    }
    form.append(
      field("Functie", "", "nieuw-functie"),
      field("Organisatie", "", "nieuw-organisatie"),
      el("label", {}, "Publicatie ", status), " ",
      el("button", { type: "button", class: "toevoegen", on: { click: () => {
        const who = name || form.querySelector(".nieuw-naam").value.trim();
        if (!who) return say("Typ een naam", "fout", form);
        if (!status.value) return say("Kies een publicatiestatus voor " + who + ": zonder status is er geen toestemming", "fout", form);
        post("toevoegen", { name: who, role: form.querySelector(".nieuw-functie").value, organisation: form.querySelector(".nieuw-organisatie").value, status: status.value });
      } } }, name ? "Op de deelnemerslijst zetten" : "Toevoegen"),
    );
    if (name) {
      form.append(el("p", {}, "Of: ", el("button", { type: "button", class: "naar-stem", on: { click: () => {
        const voice = document.querySelector("#stemmen-lijst [data-stem='" + CSS.escape(name) + "']");
        if (!voice) return;
        voice.scrollIntoView({ block: "nearest" });
        voice.querySelector(".naam-keuze").focus();
      } } }, "geef de stem de naam van een deelnemer"), " (onder Stemmen)"));
    }
    return form;
  }

  // --- the article --------------------------------------------------------------------------

  function headlineBy() {
    // (a headline the public copy drops: the download takes another, and its own name; said above)
    if (!state.headline || state.headline_withheld) return "";
    const by = state.headline_speakers || [];
    const listed = state.participants.map((p) => p.name);
    const text = by.length === 1 && listed.includes(by[0]) ? "Onder de kop in het artikel: — " + by[0]
      : by.length === 1 ? "Onder de kop staat in het artikel geen naam: " + by[0] + " staat niet bij de deelnemers."
      : by.length > 1 ? "Onder de kop staat in het artikel geen naam: " + by.join(" en ") + " zeggen deze woorden allebei. Zet een kop vast die maar één van hen zegt."
      : "Onder de kop staat in het artikel geen naam: geen beurt zegt deze woorden heel.";
    return el("p", { class: by.length === 1 && listed.includes(by[0]) ? "aantal" : "aantal let-op", id: "kop-bron", text: text });
  }

  function renderArticle() {
    const box = rescue(document.getElementById("artikel-inhoud"));
    box.replaceChildren();
    const a = state.analysis;
    const pinned = a.headline || "";
    // the conversation's title, changed here as any other edit (a reviewer's read of session 58: only by hand in the
    // file); Enter saves it, as Opslaan does
    const title = el("input", { type: "text", id: "titel", "aria-label": "Titel van het gesprek", value: state.title });
    const saveTitle = () => post("titel", { text: title.value });
    title.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        saveTitle();
      }
    });
    box.append(
      el("h3", { text: "Titel" }),
      el("p", { id: "titel-regel" }, title, " ", el("button", { type: "button", id: "titel-opslaan", on: { click: saveTitle } }, "Titel opslaan")),
      el("h3", { text: "Kop" }),
      el("blockquote", { class: "kop", id: "kop" }, state.headline ? "“" + state.headline + "”" : "(nog geen kop)"),
      state.headline_withheld ? el("p", { class: "niet-openbaar", id: "kop-niet-openbaar" },
        "Niet openbaar (" + (STATUS[state.headline_withheld] || state.headline_withheld) + "): deze kop staat in een beurt die de openbare kennisbank weglaat, dus het gedownloade artikel krijgt een andere kop" + (state.headline_in_concept ? " (een concept met wat niet openbaar is houdt hem)" : "") + ". Kies een ander citaat als kop, of " + (state.headline_withheld === "unconfirmed" ? "luister en bevestig de stem onder Stemmen." : "wijzig de toestemming onder Publicatie.")) : "",
      // a pinned headline the transcript no longer says (its words edited by hand) is not applied: the analysis chose
      el("p", { class: "aantal", id: "kop-herkomst" }, pinned && state.headline !== pinned ? "De vastgezette kop “" + pinned + "” staat niet meer zo in het transcript (de woorden zijn gewijzigd), dus de analyse koos deze. Zet een kop vast, of maak de oude los. "
        : pinned ? "Vastgezet door de redactie. "
        // an editor's added quote goes before the analysis's own (an editor's run, session 57: the headline changed
        // unasked, and this said the analysis chose it)
        : (a.add_quotes || []).includes(state.headline) ? "Het citaat dat de redactie toevoegde: dat gaat voor de keuze van de analyse. Zet een ander vast om dat te veranderen. "
        : "Gekozen door de analyse: het beste korte citaat. ",
        pinned ? el("button", { type: "button", class: "kop-los", on: { click: () => post("kop", { text: "" }) } }, "Kop losmaken") : null),
      // whose name the article prints under it (export.headline_said_by): one participant's, else none, and why
      headlineBy(),
      el("p", {},
        el("button", { type: "button", id: "selectie-kop", on: { click: () => { const t = selection(); if (t) post("kop", { text: t }); } } }, "Selectie als kop"), " ",
        el("button", { type: "button", id: "selectie-citaat", on: { click: () => { const t = selection(); if (t) post("citaat", { text: t, choice: "accept" }); } } }, "Selectie als citaat"), " ",
        el("button", { type: "button", id: "selectie-actiepunt", on: { click: () => { const t = selection(); if (t) post("actiepunt", { text: t, choice: "accept" }); } } }, "Selectie als actiepunt")),
    );
    const intro = el("textarea", { id: "inleiding", "aria-label": "Inleiding", placeholder: "Twee of drie zinnen over het gesprek" });
    intro.value = a.intro || "";
    box.append(el("h3", { text: "Inleiding" }), intro, el("button", { type: "button", id: "inleiding-opslaan", on: { click: () => post("inleiding", { text: intro.value }) } }, "Inleiding opslaan"));

    box.append(el("h3", { text: "Citaten, de beste eerst" }));
    const quotes = el("ol", { class: "lijst", id: "citaten" });
    for (const q of state.quotes) {
      quotes.append(el("li", { class: "citaat" },
        playButton(q.start, q.end), " ", el("span", { class: "citaat-tekst", text: q.text }), " ",
        el("span", { class: "aantal", text: "— " + q.speaker + (q.themes.length ? " · " + q.themes.join(", ") : "") }), " ",
        withheld(q.withheld), q.withheld ? " " : null,
        // a sentence the public may not see cannot be the headline: said here, not offered and refused (a helper's
        // run, session 54)
        q.headline ? el("strong", { text: "kop" })
          : q.withheld ? el("span", { class: "aantal geen-kop", title: q.withheld === "unconfirmed"
            ? "Een stem die alleen automatisch is herkend: bevestig hem eerst onder Stemmen"
            : "Niet openbaar: wijzig eerst de toestemming onder Publicatie" }, "kan geen kop worden")
          : el("button", { type: "button", class: "maak-kop", on: { click: () => post("kop", { text: q.text }) } }, "Maak kop"), " ",
        el("button", { type: "button", class: "wijs-af", on: { click: () => post("citaat", { text: q.text, choice: "reject" }) } }, "Afwijzen")));
    }
    box.append(quotes, rejected(a.remove_quotes, "citaat"));

    box.append(el("h3", { text: "Actiepunten" }));
    const points = el("ul", { class: "lijst", id: "actiepunten" });
    for (const p of state.action_points) {
      points.append(el("li", { class: "actiepunt" },
        playButton(p.start, p.end), " ", el("span", { text: p.text }), " ", el("span", { class: "aantal", text: "— " + (p.who || p.speaker) }), " ",
        withheld(p.withheld), p.withheld ? " " : null,
        el("button", { type: "button", class: "wijs-af", on: { click: () => post("actiepunt", { text: p.text, choice: "reject" }) } }, "Afwijzen")));
    }
    box.append(points, rejected(a.remove_action_points, "actiepunt"));

    box.append(el("h3", { text: "Thema’s" }));
    const themes = el("p", { id: "themas" });
    const pinnedThemes = a.add_themes || [];
    for (const t of state.themes) {
      // a theme shown can be pinned: a correction elsewhere then never takes it out of the box (session 50)
      const pin = pinnedThemes.includes(t.id) ? el("span", { class: "aantal thema-vast", text: "(vast) " })
        : el("button", { type: "button", class: "zet-vast", title: "Thema vastzetten", "aria-label": "Thema " + t.label + " vastzetten", on: { click: () => post("thema", { theme: t.id, choice: "accept" }) } }, "vastzetten");
      themes.append(el("span", { class: "gesprekken-thema" + (t.withheld ? " thema-niet-openbaar" : "") }, t.label + " ",
        withheld(t.withheld), t.withheld ? " " : null, pin, pinnedThemes.includes(t.id) ? null : " ",
        el("button", { type: "button", class: "wijs-af", title: "Thema afwijzen", "aria-label": "Thema " + t.label + " afwijzen", on: { click: () => post("thema", { theme: t.id, choice: "reject" }) } }, "×")), " ");
    }
    const labels = Object.fromEntries(state.all_themes.map((t) => [t.id, t.label]));
    const add = el("select", { id: "thema-keuze", "aria-label": "Thema toevoegen" }, el("option", { value: "" }, "Thema toevoegen…"));
    const shown = state.themes.map((t) => t.id);
    for (const t of state.all_themes) if (!shown.includes(t.id)) add.append(el("option", { value: t.id }, t.label));
    box.append(themes, el("p", {}, add, " ", el("button", { type: "button", on: { click: () => add.value && post("thema", { theme: add.value, choice: "accept" }) } }, "Toevoegen")));
    const removedThemes = (a.remove_themes || []).map((id) => labels[id] || id);
    if (removedThemes.length) box.append(rejected(a.remove_themes, "thema", labels));

    box.append(el("h3", { text: "Downloaden" }));
    const downloads = el("div", { id: "downloads" });
    const links = [];
    for (const [heading, files] of DOWNLOADS) {
      const line = el("p", {}, heading + ": ");
      files.forEach(([name, label], i) => {
        const link = el("a", { href: api + "/download/" + name, "data-name": name, download: "" }, label);
        link.addEventListener("click", (event) => { event.preventDefault(); download(link); });
        links.push(link);
        if (i) line.append(" · ");
        line.append(link);
      });
      downloads.append(line);
    }
    const check = el("input", { type: "checkbox", id: "concept", checked: concept });
    const relink = () => links.forEach((l) => l.setAttribute("href", api + "/download/" + l.dataset.name + (concept ? "?concept=1" : "")));
    check.addEventListener("change", () => { concept = check.checked; relink(); });
    relink();
    downloads.append(el("p", {}, el("label", {}, check, " ook wat (nog) niet openbaar is (concept voor de redactie; ingetrokken blijft altijd weg)")));
    if (state.headline_withheld) downloads.append(el("p", { class: "niet-openbaar" }, "Let op: het artikel krijgt niet de kop hierboven (zie Kop)."));
    // a voice no one named is in the downloads by its label ("Spreker 3:"): said before it goes out (session 50);
    // one kept from the public is in a concept only (internal), withdrawn never (reviewers' reads)
    const unnamedNote = el("p", { class: "niet-openbaar", id: "geen-naam", hidden: true });
    const sayUnnamed = () => {
      const unnamed = state.speakers.filter((s) => s.unnamed && (!s.withheld || (concept && s.withheld === "internal"))).map((s) => s.name);
      const listed = unnamed.length > 1 ? unnamed.slice(0, -1).join(", ") + " en " + unnamed[unnamed.length - 1] : unnamed[0];
      unnamedNote.textContent = !unnamed.length ? "" : "Let op: " + (unnamed.length === 1 ? "stem " + listed + " heeft" : "de stemmen " + listed + " hebben") + " nog geen naam en " + (unnamed.length === 1 ? "staat" : "staan") + " zo in het artikel en de ondertitels; geef " + (unnamed.length === 1 ? "haar" : "ze") + " een naam onder Stemmen.";
      unnamedNote.hidden = !unnamed.length;
    };
    check.addEventListener("change", sayUnnamed);
    sayUnnamed();
    downloads.append(unnamedNote);
    downloads.append(el("p", { class: "niet-openbaar", id: "weggelaten", role: "status", hidden: true }));
    box.append(downloads);
  }

  // A download fetched here, so that a refusal (nothing may be exported yet) is a sentence on the page,
  // not a failed file in the browser's downloads; the file itself is saved under the server's name.
  async function download(link) {
    let response;
    try {
      response = await fetch(link.href, { credentials: "same-origin" });
    } catch (error) {
      say("Niet gedownload: de server antwoordt niet (" + error + ")", "fout");
      return;
    }
    if (!response.ok) {
      let data = null;
      try { data = await response.json(); } catch (_) { /* not JSON: the status says it */ }
      say("Niet gedownload: " + ((data && data.error) || "de server antwoordt " + response.status), "fout");
      return;
    }
    const named = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") || "");
    // What consent left out of the file (the command's warnings, in the desk's words): said by the
    // download, so the editor knows before sending it on whose words it lacks.
    let left = [];
    try { left = JSON.parse(response.headers.get("x-gesprekken-weggelaten") || "[]"); } catch (_) { /* none to show */ }
    let draft = "";  // a concept's note
    try { draft = JSON.parse(response.headers.get("x-gesprekken-concept") || '""'); } catch (_) { /* none */ }
    const note = document.getElementById("weggelaten");
    const filename = named ? named[1] : link.dataset.name;
    // a concept says so by the download, as inside (a helper's run, session 54: nothing was said of it here)
    note.textContent = [
      draft ? "Gedownload: " + filename + ". " + draft + " Wat niet openbaar is, staat erin gemarkeerd als ‘niet openbaar’." : "",
      left.length ? "Let op: niet in " + filename + ", zonder toestemming om te publiceren: " + left.join("; ") + "." : "",
    ].filter(Boolean).join(" ");
    note.hidden = !note.textContent;
    const file = el("a", { href: URL.createObjectURL(await response.blob()), download: named ? named[1] : link.dataset.name });
    document.body.append(file);
    file.click();
    file.remove();
    setTimeout(() => URL.revokeObjectURL(file.href), 60000);
  }

  function rejected(items, action, labels) {
    const list = el("ul", { class: "lijst afgewezen-lijst" });
    for (const item of items || []) {
      const body = action === "thema" ? { theme: item, choice: "accept" } : { text: item, choice: "accept" };
      list.append(el("li", {}, el("span", { class: "afgewezen", text: labels ? labels[item] || item : item }), " ",
        el("button", { type: "button", class: "toch", on: { click: () => post(action, body) } }, "Toch gebruiken")));
    }
    return items && items.length ? el("div", {}, el("p", { class: "aantal", text: "Afgewezen:" }), list) : el("span");
  }

  // --- publication and history --------------------------------------------------------------

  function statusPicker(label, value, participant) {
    const select = el("select", { class: "status", "aria-label": label, "data-participant": participant || "" });
    for (const status of state.statuses) select.append(el("option", { value: status, selected: status === value }, STATUS[status] || status));
    select.addEventListener("change", () => {
      // "van": the status this page showed, so that a change made less public on a newer version does not undo
      // another editor's newer decision (a helper's attack, session 56)
      const body = { status: select.value, participant: participant || null, van: value };
      if (value === "withdrawn" && body.status !== "withdrawn") {
        // A withdrawal taken back is asked too: one arrow key in the menu undid it (an editor's run, session 53)
        resetStatusPickers();
        say((participant ? "Intrekking van " + participant + " terugdraaien? Wat " + participant + " zei, staat" : "Intrekking van het gesprek terugdraaien? Het gesprek staat")
          + " dan weer in de redactieversie en in concepten" + (body.status === "published" ? ", en meteen op de openbare kennisbank" : "") + ". Doe dit alleen als de toestemming terug is. ", "vraag", select);
        melding.append(el("button", { type: "button", class: "intrekking-terug", on: { click: () => post("publicatie", Object.assign({}, body, { zeker: true })) } },
          "Intrekking terugdraaien"), " ",
          el("button", { type: "button", class: "niet-doen", on: { click: () => say("Niets veranderd", "ok") } }, "Niet doen"));
        return;
      }
      if (body.status !== "published") return post("publicatie", body);  // kept from the public: at once
      // Making public is asked first: one slip in a menu would put what someone said on the public site.
      resetStatusPickers();
      say((participant ? "Openbaar maken? Wat " + participant + " zei, staat" : "Het gesprek openbaar maken? Wat de openbare deelnemers zeiden, staat")
        + " dan meteen op de openbare kennisbank, in het artikel en in de downloads. ", "vraag", select);
      melding.append(el("button", { type: "button", class: "openbaar-maken", on: { click: () => post("publicatie", Object.assign({}, body, { zeker: true })) } }, // asked here
        participant ? participant + " openbaar maken" : "Het gesprek openbaar maken"), " ",
        el("button", { type: "button", class: "niet-doen", on: { click: () => say("Niets veranderd", "ok") } }, "Niet doen"));
    });
    return select;
  }

  function resetStatusPickers() {
    // Only the menus: a form under Deelnemers keeps what the editor typed and has not saved.
    const saved = Object.fromEntries(state.participants.map((p) => [p.name, p.status]));
    for (const select of document.querySelectorAll("select.status")) {
      select.value = select.dataset.participant ? saved[select.dataset.participant] : state.status;
    }
  }

  function renderPublication() {
    const box = rescue(document.getElementById("publicatie-inhoud"));
    box.replaceChildren(
      el("p", {}, el("label", {}, "Het gesprek: ", statusPicker("Publicatie van het gesprek", state.status, null))),
      ...(state.held_back ? [el("p", { class: "niet-openbaar", text: "De openbare site houdt dit gesprek achter: zie bovenaan waarom." })] : []),
      ...state.participants.map((p) => el("p", {}, el("label", {}, p.name + (p.organisation ? " (" + p.organisation + ")" : "") + ": ",
        statusPicker("Publicatie van " + p.name, p.status, p.name)))),
      el("p", { class: "aantal", text: "Intern en ingetrokken gelden meteen; ingetrokken komt nergens meer. Openbaar vraagt eerst, en is dan meteen in de openbare kennisbank te zien." }),
    );
  }

  // A save's summary as undos stack it ("Ongedaan gemaakt: " once per undo, desk._undone): how many, and the change.
  function undone(summary) {
    let what = summary, undos = 0;
    while (what.startsWith(UNDONE)) { what = what.slice(UNDONE.length); undos += 1; }
    return { undos, what };
  }

  // An undo of an undo is the change done again: "Opnieuw gedaan: ...", not "Ongedaan gemaakt: " over and over.
  function undoneSaid(summary) {
    const { undos, what } = undone(summary);
    return (undos === 0 ? "" : undos % 2 === 1 ? UNDONE : "Opnieuw gedaan: ") + what;
  }

  function renderHistory() {
    const box = rescue(document.getElementById("geschiedenis-inhoud"));
    box.replaceChildren();
    if (state.undo) {
      // Undoing an undo does the change again: say so, with the change itself ("Ongedaan gemaakt: " once per undo).
      const { undos, what } = undone(state.undo);
      const again = undos % 2 === 1;
      // (the save the page names when it is clicked: where another goes in first, the desk undoes nothing, says so)
      box.append(el("p", {}, el("button", { type: "button", id: "ongedaan", on: { click: () => post("ongedaan", { edit: state.undo_id }) } },
        again ? "Opnieuw doen" : "Ongedaan maken"), " ", el("span", { class: "aantal", text: what })));
    }
    const list = el("ol", { class: "lijst", id: "geschiedenis-lijst", reversed: true });
    for (const h of state.history) {
      const when = new Date(h.at).toLocaleString("nl-NL", { dateStyle: "short", timeStyle: "medium" });
      // an undo of an undo is the change done again: said once, not "Ongedaan gemaakt: " over and over (a
      // newcomer's run, session 51)
      list.append(el("li", { "data-edit": h.id }, el("span", { class: "aantal", text: when + ", " + h.actor + ": " }), el("span", { text: undoneSaid(h.summary) })));
    }
    box.append(state.history.length ? list : el("p", { class: "aantal", text: "Nog niets opgeslagen aan deze tafel." }));
  }

  // --- find and replace in every turn ------------------------------------------------------

  // Whole words in any case, as Desk.replace_words finds them (desk.words_pattern).
  function wordsPattern(phrase) {
    const body = phrase.split(/\s+/).filter(Boolean).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s+");
    return body ? new RegExp("(?<![\\p{L}\\p{N}_])" + body + "(?![\\p{L}\\p{N}_])", "giu") : null;
  }

  function showFound() {
    const find = document.getElementById("zoek").value.trim();
    const pattern = wordsPattern(find);
    const where = [];
    let times = 0;
    for (const turn of state.turns) {
      // as the desk counts: not inside what consent removed (consent.REMOVED_NAME, REMOVED_TURN)
      const text = turn.text === "[verwijderd op verzoek]" ? "" : turn.text.split("[naam verwijderd]").join(" ");
      const count = pattern ? (text.match(pattern) || []).length : 0;
      const section = document.getElementById("beurt-" + turn.index);
      if (section) section.classList.toggle("gevonden", count > 0);
      if (count) { where.push(turn); times += count; }
    }
    document.getElementById("zoek-aantal").textContent = !find ? "" : times
      ? times + " keer in " + where.length + (where.length === 1 ? " beurt" : " beurten") + " (" + (where.every((t) => typeof t.start === "number") ? "om " + where.map((t) => clock(t.start)).join(", ") : where.map((t) => beurtOm(t.index).replace(/^de /, "")).join(", ")) + ")"
      : "in geen beurt";
    const button = document.getElementById("vervang-overal");
    // Replaced everywhere, nothing is left to find and the button goes: the keyboard on it goes to the field to find
    // the next word in (it fell to the page, the next Tab at the top of the desk: an editor's run, session 61).
    if (!times && document.activeElement === button) {
      document.getElementById("zoek").focus();
      document.getElementById("zoek").select();
    }
    button.disabled = !times;
  }

  // Enter in a one-line field does what its form's button does, as Enter in the title saves it: a name typed under
  // "Andere naam…", a replacement, a participant's role or someone added waited for Tabs to the button, and a phone's
  // Enter key did nothing (an editor's run, session 61). Not in "Zoek" (a word looked for is no replacement), nor in
  // an empty "Vervang door" (which would take the word out everywhere: the button does that). Nor a key held down: each
  // repeat after the save saved again ("Zwartkop" replaced by "Anne Zwartkop" twice: a reviewer's read). Nor the Enter
  // that ends a composition (an input method's, a dead key's): Safari sends it after compositionend, isComposing false
  // and keyCode 229 (a reviewer's read).
  const ENTER_DOES = [
    ["input.naam-vrij", "article.stem", "button.naam-opslaan"],
    ["#vervang", "#vervangen", "#vervang-overal"],
    ["article.deelnemer input", "article.deelnemer", "button.deelnemer-opslaan"],
    ["article.nieuw input, article.niet-gelijst input", "article", "button.toevoegen"],
  ];
  root.addEventListener("keydown", (event) => {
    const field = event.target;
    if (event.key !== "Enter" || event.repeat || event.isComposing || event.keyCode === 229 || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return;
    if (!(field instanceof HTMLInputElement) || field.type !== "text" || !field.value.trim()) return;
    const [, holder, button] = ENTER_DOES.find(([fields]) => field.matches(fields)) || [];
    const target = holder && field.closest(holder) && field.closest(holder).querySelector(button);
    if (!target || target.disabled) return;
    event.preventDefault();
    target.click();
  });

  function wireReplace() {
    const find = document.getElementById("zoek");
    const replacement = document.getElementById("vervang");
    find.addEventListener("input", showFound);
    document.getElementById("vervang-overal").addEventListener("click", () => {
      post("vervangen", { find: find.value, replacement: replacement.value });
    });
  }

  // Where the keyboard was, kept through a redraw: the same control in the same turn or block, or the one now at its
  // place (an editor's run, session 58: after a split, a move, a merge, an undo, "Maak kop", a participant saved or a
  // status changed, focus fell to the page's top and a keyboard user started over).
  function focusPlace(active = document.activeElement) {
    if (!active || active === document.body || !root.contains(active)) return null;
    const holder = active.closest("[id]");
    if (!holder) return null;
    const selector = active.tagName.toLowerCase() + Array.from(active.classList).map((c) => "." + CSS.escape(c)).join("");
    // a turn by where it begins, not its number: a split elsewhere taken in renumbers the turns after it, and the
    // same button of another turn had the keyboard (a reviewer's read: Enter merged a pair not chosen)
    // (the start the page drew it with: the state may be the new one already)
    const start = holder.classList.contains("beurt") && holder.dataset.start ? Number(holder.dataset.start) : undefined;
    // A field or button with an id of its own is its own holder (the title, Titel opslaan, Selectie als kop), with the
    // caret where it was in a text field: after Enter in the title the keyboard fell to the page (an editor's run,
    // session 60), and a caret put back before the first letter would make the next Backspace do nothing.
    const caret = typeof active.selectionStart === "number" ? [active.selectionStart, active.selectionEnd] : null;
    return { id: holder.id, start, selector, caret, index: holder === active ? -1 : Array.from(holder.querySelectorAll(selector)).indexOf(active) };
  }

  function refocus(place) {
    const now = document.activeElement;
    if (!place || (now && now !== document.body && document.contains(now))) return;
    const index = place.start === undefined ? -1 : state.turns.findIndex((t) => sameStart(t.start, place.start));
    const holder = document.getElementById(index >= 0 ? "beurt-" + index : place.id);
    if (!holder) return;
    const same = place.index < 0 && holder.matches(place.selector) ? [holder] : holder.querySelectorAll(place.selector);
    const target = same[Math.max(0, place.index)] || same[same.length - 1] || holder.querySelector("button, select, input, textarea");
    if (!target) return;
    target.focus();
    if (place.caret && typeof target.selectionStart === "number") target.setSelectionRange(...place.caret);
  }

  function render() {
    const place = focusPlace();
    drawn();
    refocus(place);
  }

  function drawn() {
    // why the public site holds the conversation back, at the top: what to do first (an editor's run, session 53,
    // found it under Publicatie only, and learnt the reason from a save refused)
    root.querySelector("h1").textContent = "Redactietafel: " + state.title;
    document.title = "Redactietafel: " + state.title + " — Gesprekken";
    const held = document.getElementById("achtergehouden");
    held.textContent = state.held_back || "";
    held.hidden = !state.held_back;
    renderTurns();
    showFound();
    renderSpeakers();
    renderParticipants();
    renderArticle();
    renderPublication();
    renderHistory();
  }

  // --- a change made elsewhere -------------------------------------------------------------

  // An open page learns that the transcript changed without its own save (another tab, another editor, a command, a
  // hand edit): it asks the version every 15 s while it is seen, and again when it is seen again (an editor's run,
  // session 53: a tab showed the old text until its next save met the conflict panel). With nothing typed, nothing
  // open and nothing asked, it takes the new state in at once and says who changed what; else it says so and offers
  // "Bijwerken", which keeps what was typed where it still fits (as after a save, see restore).
  let asking = false;

  function busy() {
    // (words selected in the transcript, for Selectie als citaat, would be lost by drawing it again)
    const chosen = window.getSelection();
    const selecting = chosen && !chosen.isCollapsed && document.getElementById("beurten").contains(chosen.anchorNode);
    return unsaved() || editing !== null || splitting !== null || Boolean(melding.querySelector("button, textarea")) || selecting;
  }

  function changedBy(by) {
    // (the public knowledge base does not follow a hand edit by itself: an editor's run, session 57, read "Bijgewerkt"
    // as published)
    if (!by) return "Het transcript is intussen buiten de redactietafel gewijzigd (met de hand of met een commando); de openbare kennisbank volgt een wijziging met de hand pas na 'gesprekken load' of de volgende opslag hier";
    const when = new Date(by.at).toLocaleTimeString("nl-NL", { timeStyle: "short" });
    return "Intussen gewijzigd door " + by.actor + " (" + when + "): " + undoneSaid(by.summary);
  }

  async function takeIn(said) {
    const began = state.version;
    let response, fresh;
    try {
      response = await fetch(api + ".json", { credentials: "same-origin" });
      fresh = await response.json();
    } catch (error) {
      return;
    }
    if (!response.ok) {
      // a hand edit that broke the file: said now, not at the next save (a reviewer's read)
      elders.replaceChildren(el("span", { class: "niet-openbaar", text: said + ", en nu niet te lezen. " + ((fresh && fresh.error) || "") }));
      elders.hidden = false;
      return;
    }
    // a save of this page's own answers with its state (one made while this asked, too: a reviewer's read)
    const same = fresh.version === state.version && newestEdit(fresh) === newestEdit(state);
    if (!fresh.version || same || waiting.size > 0 || state.version !== began) return;
    const asked = Boolean(melding.querySelector("button"));
    const askedAt = asked && "bij" in melding.dataset ? placed.get(melding) : null;
    const keyboard = elders.contains(document.activeElement);  // (Bijwerken, which goes with its news)
    // every save this page had not seen, not only the newest (a helper's run: two saves between asks, one named)
    const more = unseen(fresh.history).length - 1;
    const lost = adopt(fresh, "", {});
    const shown = "Bijgewerkt. " + said + (more > 0 ? " (en " + (more === 1 ? "1 eerdere wijziging" : more + " eerdere wijzigingen") + ", zie Geschiedenis)" : "");
    elders.replaceChildren(el("span", { text: shown }));
    elders.hidden = false;
    setTimeout(() => { if (elders.textContent === shown) elders.hidden = true; }, 60000);  // said, then out of the way
    // a question asked about what was here before is no question about what is here now (a reviewer's read); an
    // earlier "Opgeslagen" is no news of now (a helper's run read it as just saved)
    // (beside the block it was asked beside, drawn anew)
    if (asked) say("Die vraag vervalt: het gesprek is intussen gewijzigd. Doe het opnieuw als je het nog wilt.", "vraag", blockAt(askedAt));
    else if (melding.className === "ok") say("");
    sayLost(lost);
    if (keyboard && (!document.activeElement || document.activeElement === document.body)) {
      // the keyboard back where the editor works: the turn open, else what was said here (a lapsed question, the news)
      const area = document.querySelector("#beurten textarea.bewerk-tekst");
      (asked ? melding : area || elders).focus({ preventScroll: true });
    }
  }

  // Where the editor is busy (see busy): beside the question open, the turn open, a form with typed text, or what has
  // the keyboard; null where none of those is on a block (the news goes to the top then).
  function busyAt() {
    if (melding.querySelector("button") && "bij" in melding.dataset) return blockAt(placed.get(melding));
    if (editing !== null && document.getElementById("beurt-" + editing)) return document.getElementById("beurt-" + editing);
    const typed = [...document.querySelectorAll(TYPED + ", #titel")].find((input) => !input.hidden && input.value !== input.defaultValue);
    return blockOf(typed) || blockOf(document.activeElement);
  }

  // The id of the newest save a state's history holds (null for none).
  function newestEdit(given) {
    return ((given.history || [])[0] || {}).id ?? null;
  }

  async function checkVersion() {
    if (asking || document.hidden) return;
    asking = true;
    const asked = state.version;
    try {
      const response = await fetch(api + "/versie", { credentials: "same-origin" });
      if (!response.ok) return;
      const latest = await response.json();
      // (a save of this page's own answered meanwhile: the version asked about is not the one shown now; the
      // conflict panel shows the newer version already, and its choice brings the page up to date)
      const panel = !document.getElementById("conflict").hidden;
      // (the same text after saves elsewhere, a withdrawal made and taken back: news all the same, for the undo
      // button names the latest save; session 57)
      const same = latest.version === state.version && (latest.edit ?? null) === newestEdit(state);
      if (same || waiting.size > 0 || state.version !== asked || panel) {
        if (same && elders.querySelector("button")) elders.hidden = true;
        return;
      }
      const said = changedBy(latest.by);
      if (!busy()) {
        home(elders);  // (nothing worked on: the news at the top)
        await takeIn(said);
        return;
      }
      const why = unsaved() ? "Wat je hier typte is nog niet opgeslagen. "
        // (the question is beside what asked it, or in the bar above)
        : melding.querySelector("button") ? ("bij" in melding.dataset ? "De open vraag" : "De vraag hierboven") + " gaat over wat er eerst stond. " : "";
      elders.replaceChildren(el("span", { text: said + ". " + why }),
        el("button", { type: "button", class: "bijwerken", on: { click: () => takeIn(said) } }, "Bijwerken"),
        unsaved() ? el("span", { class: "aantal", text: " (wat je typte blijft staan waar dat nog kan)" }) : "");
      elders.hidden = false;
      // beside what the editor works on, not at the top (session 60's list); its live region says it
      beside(elders, busyAt());
    } catch (error) {
      // the server is away a moment: asked again at the next turn
    } finally {
      asking = false;
    }
  }

  setInterval(checkVersion, Number(window.GESPREKKEN_VERSIE_MS) || 15000);  // (the browser tests ask only when seen)
  document.addEventListener("visibilitychange", () => { if (!document.hidden) checkVersion(); });
  window.addEventListener("focus", checkVersion);

  wireReplace();
  render();
  document.body.dataset.redactie = "klaar";
  document.body.dataset.klaarNa = String(Math.round(performance.now())); // ms after navigation (BENCHMARKS.md)
})();
