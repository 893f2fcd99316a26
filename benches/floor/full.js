// The same-markup floor: see full.html. floor.js, loaded before this file, fetched the
// dossier (`dossier`) and gives `upcoming`, `time` and `day`; a tap computes the upcoming
// appointments again, like the app's agenda when it opens.
const icons = { mentor: "🙂", probation: "⚖️", treatment: "💬", medical: "🩺", court: "🏛️", day_activity: "🛠️" };
const kinds = { mentor: "Begeleiding", probation: "Reclassering", treatment: "Behandeling", medical: "Dokter", court: "Rechtbank", day_activity: "Dagbesteding" };

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  e.append(...children.filter((c) => c !== null && c !== undefined));
  return e;
}
const hidden = (text) => el("span", { "aria-hidden": "true" }, text);

function card(a) {
  const team = (dossier.team || []).find((m) => m.id === a.with);
  const end = a.end ? ` – ${time.format(Date.parse(a.end))}` : "";
  const status = a.status === "cancelled" ? el("span", { class: "badge warn" }, hidden("✖ "), "Gaat niet door")
    : a.status === "moved" ? el("span", { class: "badge" }, el("span", { class: "arrow", "aria-hidden": "true" }, "↪"), " Verzet") : null;
  const place = a.location ? el("p", { dir: "auto" }, hidden("📍 "), a.location.name || "",
    ...(a.location.address ? [el("br"), el("a", { href: `https://www.openstreetmap.org/search?query=${encodeURIComponent(a.location.address)}`, target: "_blank", rel: "noopener noreferrer" }, "Open in kaart: ", el("bdi", {}, a.location.address))] : [])) : null;
  const bring = a.bring && a.bring.length ? el("p", {}, el("strong", {}, "Neem mee:"), " ", el("span", { dir: "auto" }, a.bring.join(", "))) : null;
  const button = el("button", { class: "button" }, hidden("📥 "), "Zet in mijn agenda");
  button.addEventListener("click", () => {});
  return el("article", { class: a.status === "cancelled" ? "card appointment cancelled" : "card appointment" },
    el("p", { class: "time" }, el("strong", {}, `${time.format(a.t)}${end}`), status),
    el("h3", { dir: "auto" }, a.title),
    el("p", { class: "kind" }, hidden(`${icons[a.kind] || "📌"} `), kinds[a.kind] || "Afspraak"),
    team ? el("p", { dir: "auto" }, "Met: ", el("bdi", {}, team.name)) : null,
    place, bring,
    a.notes ? el("p", { class: "notes", dir: "auto" }, a.notes) : null,
    button);
}

document.getElementById("agenda-link").addEventListener("click", (ev) => {
  ev.preventDefault();
  history.pushState(null, "", "#agenda");
  const main = document.getElementById("main");
  const days = el("div", { class: "agenda" });
  let list = null, current = null;
  for (const a of upcoming(dossier).slice(0, 30)) {
    const heading = day.format(a.t);
    if (heading !== current) {
      current = heading;
      list = el("ul", { class: "plain cards" });
      days.append(el("section", { class: "day", "aria-label": heading }, el("h2", { class: "day-heading" }, heading), list));
    }
    list.append(el("li", {}, card(a)));
  }
  main.replaceChildren(
    el("h1", {}, "Agenda"),
    el("p", {}, "Je afspraken. De eerstvolgende staat bovenaan."),
    el("button", { class: "button big", "aria-describedby": "reminder-choice" }, hidden("📥 "), "Zet alle afspraken in mijn agenda"),
    el("p", { id: "reminder-choice" }, "Herinnering op je telefoon: allebei ", el("a", { href: "#herinneringen" }, "Herinnering veranderen")),
    days,
    el("button", { class: "button big" }, "Meer afspraken"),
  );
});
