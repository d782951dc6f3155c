(() => {
  // Live preview: the server says on /events when the strategy changed;
  // the page then fetches itself again and swaps its body in place, so the
  // scroll position (and everything else the window holds) stays.
  const bar = () => document.getElementById("pillar-serve-bar");
  const kind = () => (bar() && bar().dataset.kind) || "view";
  let version = (bar() && bar().dataset.version) || "";
  let viewY = null; // where a view was scrolled when findings replaced it
  let seq = 0;
  const say = (text) => {
    const s = document.getElementById("pillar-serve-live");
    if (s) s.textContent = text;
  };
  async function refresh() {
    const mine = ++seq;
    let html;
    try {
      const r = await fetch(location.href, {cache: "no-store", credentials: "same-origin"});
      html = await r.text();
    } catch (e) {
      say("cannot reach pillar serve");
      return;
    }
    if (mine !== seq) return; // a newer refresh is on its way
    const next = new DOMParser().parseFromString(html, "text/html");
    const was = kind(), x = scrollX, y = scrollY;
    const oldStyles = Array.from(document.head.querySelectorAll("style:not(#pillar-serve-style)"));
    const newStyles = Array.from(next.head.querySelectorAll("style:not(#pillar-serve-style)"));
    if (oldStyles.map(s => s.textContent).join() !== newStyles.map(s => s.textContent).join()) {
      oldStyles.forEach(s => s.remove());
      newStyles.forEach(s => document.head.appendChild(document.importNode(s, true)));
    }
    document.title = next.title;
    document.body.replaceWith(document.adoptNode(next.body));
    version = (bar() && bar().dataset.version) || version;
    const now = kind();
    if (was === "view" && now !== "view") {
      viewY = y;
      scrollTo(0, 0);
    } else if (was !== "view" && now === "view" && viewY !== null) {
      scrollTo(x, viewY);
      viewY = null;
    } else {
      scrollTo(x, y);
    }
    window.dispatchEvent(new CustomEvent("pillar:updated", {detail: version}));
  }
  const events = new EventSource("/events");
  events.addEventListener("version", (e) => {
    say("");
    if (e.data !== version) refresh();
  });
  events.onerror = () => say("pillar serve is not answering; the page updates again once it is back");
})();
