package serve

import (
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pillar-strategy/pillar/internal/browsertest"
)

// The browser test runs the preview on a copy of the nordlys example and
// watches it in headless Chromium while the strategy file changes on
// disk, as a strategist's editor would change it.
//
//	go test ./serve -run Browser -screenshot=../docs/serve.png
//
// also writes the README's screenshot: the calendar page.

var screenshotPath = flag.String("screenshot", "", "write a PNG of the live preview's calendar, first screen (1280×900), to this path")

// updateWait is how long the test waits for the page to update before it
// calls it stuck: far beyond the second the preview aims for.
const updateWait = 20 * time.Second

func TestLivePreviewInBrowser(t *testing.T) {
	b := browsertest.Start(t)
	root := copyExamples(t, "nordlys")
	dir := filepath.Join(root, "examples", "nordlys")
	main := filepath.Join(dir, "strategy.yaml")
	_, base, _ := liveServer(t, testConfig(dir, root))

	playbook := b.Open(t, 1280, 900)
	defer playbook.Close(t)
	playbook.Load(t, base+"/")
	calendar := b.Open(t, 1280, 900)
	defer calendar.Close(t)
	calendar.Load(t, base+"/calendar")
	for _, p := range []*browsertest.Page{playbook, calendar} {
		p.Drain(300 * time.Millisecond) // the event stream's first event
		for _, pr := range p.Problems {
			t.Errorf("the page reported: %s", pr) // a script refused by the CSP shows here
		}
		for _, r := range p.Requests {
			// data: URLs are the browser's own (the date input's icon).
			if !strings.HasPrefix(r, base+"/") && !strings.HasPrefix(r, "data:") {
				t.Errorf("the page requested %s: the preview loads nothing from elsewhere", r)
			}
		}
		// A marker that only survives if the page is never reloaded, and
		// a count of the updates the script made.
		var ok bool
		p.Eval(t, `window.pillarMarker = "kept"; window.updates = 0; window.updatedAt = 0;
			addEventListener("pillar:updated", () => { window.updates++; window.updatedAt = Date.now(); }); true`, &ok)
	}
	if *screenshotPath != "" {
		// A tab in the background paints no frames to capture.
		if err := b.Call(calendar.Session, "Page.bringToFront", nil, nil); err != nil {
			t.Fatal(err)
		}
		calendar.Data(t, "Page.captureScreenshot", map[string]any{"format": "png"}, *screenshotPath)
		t.Logf("wrote %s", *screenshotPath)
	}

	var chartBefore, legendBefore string
	playbook.Eval(t, `document.getElementById("chart-desc").textContent`, &chartBefore)
	calendar.Eval(t, `document.querySelector("ul.legend").textContent`, &legendBefore)
	var scrolled float64
	playbook.Eval(t, `scrollTo(0, 1500); scrollY`, &scrolled)
	if scrolled != 1500 {
		t.Fatalf("the playbook scrolled to %v, not 1500: is it so short?", scrolled)
	}

	// waitUpdate waits for the page's n-th update and returns how long it
	// took from written (the browser's clock and ours are the machine's).
	waitUpdate := func(p *browsertest.Page, n int, written time.Time) time.Duration {
		t.Helper()
		deadline := time.Now().Add(updateWait)
		for {
			var st struct {
				Updates int
				At      float64
			}
			p.Eval(t, `({Updates: window.updates, At: window.updatedAt})`, &st)
			if st.Updates >= n {
				return time.UnixMilli(int64(st.At)).Sub(written)
			}
			if time.Now().After(deadline) {
				t.Fatalf("the page did not update %d times within %v of the write", n, updateWait)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	state := func(p *browsertest.Page) (s struct {
		Marker, Kind string
		Y            float64
	}) {
		t.Helper()
		p.Eval(t, `({Marker: window.pillarMarker || "", Kind: document.getElementById("pillar-serve-bar").dataset.kind, Y: scrollY})`, &s)
		return
	}
	var took []time.Duration

	// 1. A weight changes: the chart and the calendar follow, in place.
	written := time.Now()
	edit(t, main, "weight: 40", "weight: 50")
	edit(t, main, "weight: 30", "weight: 20")
	took = append(took, waitUpdate(playbook, 1, written))
	waitUpdate(calendar, 1, written)
	var chartAfter, legendAfter string
	playbook.Eval(t, `document.getElementById("chart-desc").textContent`, &chartAfter)
	calendar.Eval(t, `document.querySelector("ul.legend").textContent`, &legendAfter)
	if chartAfter == chartBefore || !strings.Contains(chartAfter, "50") {
		t.Errorf("the pillar chart did not change: %q, then %q", chartBefore, chartAfter)
	}
	if legendAfter == legendBefore {
		t.Errorf("the calendar's pillar counts did not change: %q", legendAfter)
	}
	for name, p := range map[string]*browsertest.Page{"playbook": playbook, "calendar": calendar} {
		if s := state(p); s.Marker != "kept" || s.Kind != "view" {
			t.Errorf("%s after the change: %+v; the page was reloaded or shows something else", name, s)
		}
	}
	if s := state(playbook); s.Y != 1500 {
		t.Errorf("the playbook is scrolled to %v after the update, not 1500", s.Y)
	}

	// 2. The YAML breaks: the finding, with its line, in place of the page.
	line := lineOf(t, main, "weight: 50")
	written = time.Now()
	edit(t, main, "weight: 50", "weight: 50: x")
	took = append(took, waitUpdate(playbook, 2, written))
	var where string
	playbook.Eval(t, `document.querySelector(".finding .where").textContent`, &where)
	if want := fmt.Sprintf("strategy.yaml:%d:", line); !strings.Contains(where, want) {
		t.Errorf("the finding says %q, want it at %s", where, want)
	}
	if s := state(playbook); s.Marker != "kept" || s.Kind != "findings" {
		t.Errorf("with broken YAML: %+v", s)
	}
	var donuts int
	playbook.Eval(t, `document.querySelectorAll("svg.donut").length`, &donuts)
	if donuts != 0 {
		t.Error("the stale playbook is still shown under a broken strategy")
	}

	// 3. Fixed: the playbook comes back where it was scrolled to.
	written = time.Now()
	edit(t, main, "weight: 50: x", "weight: 50")
	took = append(took, waitUpdate(playbook, 3, written))
	playbook.Eval(t, `document.querySelectorAll("svg.donut").length`, &donuts)
	if s := state(playbook); donuts != 1 || s.Marker != "kept" || s.Kind != "view" || s.Y != 1500 {
		t.Errorf("after the fix: %d charts, %+v; want the playbook back at 1500 without a reload", donuts, s)
	}
	for _, p := range []*browsertest.Page{playbook, calendar} {
		p.Drain(100 * time.Millisecond)
		for _, pr := range p.Problems {
			t.Errorf("the page reported: %s", pr)
		}
	}
	t.Logf("write to update in the page (debounce %v included): %v", Quiet, took)
}
