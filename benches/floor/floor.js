const lookup = new URLSearchParams(location.search).get("lookup");
const time = new Intl.DateTimeFormat("nl-NL", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Amsterdam" });
const day = new Intl.DateTimeFormat("nl-NL", { weekday: "long", day: "numeric", month: "long", timeZone: "Europe/Amsterdam" });
let dossier = null;

function text(tag, value, cls) {
  const el = document.createElement(tag);
  el.textContent = value;
  if (cls) el.className = cls;
  return el;
}

// Upcoming appointments, soonest first: computed from the parsed JSON on load (for the next
// appointment) and again on every tap (the app derives its agenda when the page opens).
function upcoming(d) {
  const now = Date.now();
  return (d.appointments || [])
    .map((a) => ({ ...a, t: Date.parse(a.start) }))
    .filter((a) => a.t >= now)
    .sort((a, b) => a.t - b.t);
}

fetch(`../api/v1/dossiers/${lookup}.json`).then((r) => r.json()).then((d) => {
  dossier = d;
  document.getElementById("greeting").textContent = `Hoi ${d.participant.first_name}`;
  const next = upcoming(d).find((a) => a.status !== "cancelled");
  const p = document.getElementById("next");
  p.className = "next-appointment";
  p.textContent = next ? `${day.format(next.t)} ${time.format(next.t)} — ${next.title}` : "Geen afspraken";
});

// full.html loads this file for the dossier and the next appointment, and has no such button.
document.getElementById("agenda-button")?.addEventListener("click", () => {
  const root = document.getElementById("agenda");
  root.replaceChildren();
  let list = null, current = null;
  for (const a of upcoming(dossier).slice(0, 30)) {
    const heading = day.format(a.t);
    if (heading !== current) {
      current = heading;
      const section = document.createElement("section");
      section.append(text("h2", heading));
      list = document.createElement("ul");
      section.append(list);
      root.append(section);
    }
    const card = document.createElement("article");
    card.className = "card appointment";
    const end = a.end ? ` – ${time.format(Date.parse(a.end))}` : "";
    card.append(text("p", `${time.format(a.t)}${end}`), text("h3", a.title), text("p", a.kind));
    if (a.status === "cancelled") card.append(text("p", "Gaat niet door"));
    if (a.location && a.location.name) card.append(text("p", a.location.name));
    const li = document.createElement("li");
    li.append(card);
    list.append(li);
  }
});
