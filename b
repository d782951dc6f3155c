<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Pillar">
<title>x/s/p&#34;&gt;&lt;img src=x onerror=alert(1)&gt;/kari.yaml</title>
<style>:root { --ink: #1f2328; --muted: #656d76; --line: #d0d7de; --soft: #f6f8fa; --err: #cf222e; --warn: #9a6700; --info: #0969da; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 0 24px 24px; color: var(--ink); background: #fff; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 1.6em; margin: 8px 0 4px; }
h2 { font-size: 1.2em; margin: 24px 0 8px; }
.meta, .muted { color: var(--muted); }
a { color: var(--info); }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
.notice { padding: 10px 14px; border-left: 4px solid var(--err); background: #ffebe9; margin: 12px 0; }
.notice.ok { border-color: #1a7f37; background: #dafbe1; }
ol.findings { list-style: none; padding: 0; margin: 0; }
.finding { border: 1px solid var(--line); border-left: 4px solid var(--info); border-radius: 4px; padding: 8px 12px; margin: 10px 0; overflow-wrap: anywhere; }
.finding.error { border-left-color: var(--err); }
.finding.warning { border-left-color: var(--warn); }
.finding .sev { font-weight: 700; text-transform: uppercase; font-size: 12px; margin-right: 6px; }
.finding.error .sev { color: var(--err); }
.finding.warning .sev { color: var(--warn); }
.finding .where { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
.finding .rule { color: var(--muted); }
.finding pre { background: var(--soft); padding: 6px 8px; margin: 6px 0; overflow-x: auto; white-space: pre; }
.finding .hint { color: var(--muted); }
.source { counter-reset: none; background: var(--soft); padding: 8px 0; overflow-x: auto; }
.source li { white-space: pre; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; padding: 0 8px; }
.source li.here { background: #fff8c5; }
.source li::marker { color: var(--muted); }
table.list { width: 100%; border-collapse: collapse; }
table.list th { text-align: left; color: var(--muted); font-weight: 600; border-bottom: 2px solid var(--line); padding: 4px 6px; }
table.list td { border-bottom: 1px solid var(--line); padding: 4px 6px; vertical-align: top; overflow-wrap: anywhere; }
table.list td.time { font-variant-numeric: tabular-nums; white-space: nowrap; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin-right: 4px; border: 2px solid; vertical-align: -1px; }
.p0 { background: #ddf4ff; border-color: #0969da; }
.p1 { background: #fbefff; border-color: #8250df; }
.p2 { background: #dafbe1; border-color: #1a7f37; }
.p3 { background: #fff8c5; border-color: #9a6700; }
.p4 { background: #ffebe9; border-color: #cf222e; }
.p5 { background: #ffeff7; border-color: #bf3989; }
.p6 { background: #fff1e5; border-color: #bc4c00; }
.p7 { background: #eaeef2; border-color: #57606a; }
.px { background: #ffffff; border-color: #8c959f; }
.legend { display: flex; flex-wrap: wrap; gap: 10px; list-style: none; padding: 0; }
</style>
<style id="pillar-serve-style">#pillar-serve-bar { position: sticky; top: 0; z-index: 1000; display: flex; flex-wrap: wrap; align-items: center; gap: 6px 14px; margin: 0; padding: 8px 14px; background: #1f2328; color: #f6f8fa; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; text-align: left; box-shadow: 0 1px 3px rgba(0,0,0,.3); }
#pillar-serve-bar * { box-sizing: border-box; margin: 0; font: inherit; color: inherit; }
#pillar-serve-bar .ps-name { font-weight: 700; }
#pillar-serve-bar a { color: #f6f8fa; text-decoration: none; padding: 2px 8px; border-radius: 4px; border: 0; }
#pillar-serve-bar a:hover, #pillar-serve-bar a:focus { background: #424a53; text-decoration: underline; }
#pillar-serve-bar a.ps-on { background: #f6f8fa; color: #1f2328; }
#pillar-serve-bar .ps-count { display: inline-block; min-width: 1.4em; margin-left: 4px; padding: 0 5px; border-radius: 9px; background: #cf222e; color: #fff; font-size: 12px; text-align: center; }
#pillar-serve-bar .ps-count.ps-warn { background: #9a6700; }
#pillar-serve-bar .ps-status { margin-left: auto; }
#pillar-serve-bar .ps-ok { color: #4ac26b; }
#pillar-serve-bar .ps-bad { color: #ff8182; font-weight: 600; }
#pillar-serve-bar form { display: inline-flex; flex-wrap: wrap; gap: 6px; align-items: center; }
#pillar-serve-bar input, #pillar-serve-bar select, #pillar-serve-bar button { padding: 1px 4px; border: 1px solid #656d76; border-radius: 4px; background: #f6f8fa; color: #1f2328; }
#pillar-serve-bar .ps-langs a { padding: 2px 5px; }
#pillar-serve-live:empty { display: none; }
#pillar-serve-live { color: #ffd33d; }
@media print { #pillar-serve-bar { display: none; } }
</style>
<script>(() => {
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
</script>
</head>
<body>
<div id="pillar-serve-bar" data-version="1" data-kind="view">
<span class="ps-name">pillar serve</span>
<a href="/">Playbook</a>
<a href="/calendar">Calendar</a>
<a href="/findings">Findings</a>
<span class="ps-status" role="status"><span class="ps-ok">✓ valid</span> · read 12:19:00 <span id="pillar-serve-live"></span></span>
</div>

<main>
<h1>x/s/p&#34;&gt;&lt;img src=x onerror=alert(1)&gt;/kari.yaml</h1>
<p class="meta">43 lines, as pillar read it · <a href="vscode://file/tmp/rv/x/s/p%22%3E%3Cimg%20src=x%20onerror=alert%281%29%3E/kari.yaml:1:1">open in the editor</a></p>
<ol class="source">
<li id="L1"># yaml-language-server: $schema=../../../schema/strategy.schema.json</li>
<li id="L2"># Persona for Nordlys: Kari, den kvalitetsbevisste og lojale kunden.</li>
<li id="L3"># Hentes inn i ../strategy.yaml med «include: [personas/*.yaml]».</li>
<li id="L4"></li>
<li id="L5">personas:</li>
<li id="L6">  - id: kari</li>
<li id="L7">    name: Kari, 52 – kvalitetsbevisst og lojal</li>
<li id="L8">    summary: &gt;-</li>
<li id="L9">      Kari er lektor på Nordstrand og har handlet hos oss i mange år. Hun vet hva</li>
<li id="L10">      som kler henne, setter pris på personlig service og kjøper ofte gaver til</li>
<li id="L11">      døtrene sine. Hun anbefaler oss gjerne til venninner.</li>
<li id="L12">    demographics:</li>
<li id="L13">      age: 45-60</li>
<li id="L14">      gender: Kvinne</li>
<li id="L15">      location: Oslo og omegn</li>
<li id="L16">      occupation: Lektor i videregående skole</li>
<li id="L17">      income: 650 000–800 000 kr</li>
<li id="L18">      education: Lektorutdanning</li>
<li id="L19">    interests:</li>
<li id="L20">      - Klassiske plagg i ull og lin</li>
<li id="L21">      - Hytteliv og skiturer</li>
<li id="L22">      - Bokklubb og teater</li>
<li id="L23">      - Hudpleie som virker, uten mas</li>
<li id="L24">    pain_points:</li>
<li id="L25">      - Synes mye mote er laget for tjueåringer</li>
<li id="L26">      - Liker ikke å handle på nett når hun ikke vet hvordan plagget sitter</li>
<li id="L27">      - Vil ha hjelp raskt når noe er galt med en ordre</li>
<li id="L28">    how_we_help: &gt;-</li>
<li id="L29">      Vi viser plaggene på kvinner i alle aldre, svarer raskt og personlig på</li>
<li id="L30">      Facebook, og har gratis retur og omsying i butikken.</li>
<li id="L31">    motivations:</li>
<li id="L32">      like: Innlegg som viser kvalitet, håndverk og menneskene i butikken.</li>
<li id="L33">      share: Arrangementer og gavetips hun vil dele med venninner og døtre.</li>
<li id="L34">      buy: God service, lang holdbarhet og at hun kjenner de ansatte.</li>
<li id="L35">    hangouts:</li>
<li id="L36">      - Facebook hver kveld</li>
<li id="L37">      - Instagram, mest for å se på</li>
<li id="L38">      - Butikken vår på lørdager</li>
<li id="L39">    networks: [facebook, instagram]</li>
<li id="L40">    competitors: &gt;-</li>
<li id="L41">      Varehusene når henne med kundeklubb og nyhetsbrev. Hun savner den</li>
<li id="L42">      personlige tonen der.</li>
<li id="L43">    last_reviewed: 2026-08-20</li>
</ol>
</main>

</body>
</html>
