package render

import (
	"bytes"
	"encoding/json"
	"math"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/audit"
	"github.com/pillar-strategy/pillar/internal/golden"
	"github.com/pillar-strategy/pillar/internal/numfmt"
)

// auditExtensions are the golden files' extensions per format.
var auditExtensions = map[string]string{"text": "txt", "json": "json", "md": "md", "html": "html"}

func auditFixtures() []struct {
	name   string
	report func() *audit.Report
} {
	return []struct {
		name   string
		report func() *audit.Report
	}{{"full", fullAuditReport}, {"minimal", minimalAuditReport}, {"compare", compareAuditReport}}
}

func writeAuditString(t *testing.T, r *audit.Report, opt AuditOptions) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteAudit(&buf, r, opt); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestAuditGolden writes both fixtures in every format, twice from fresh
// reports, and compares with testdata/audit: the output is byte-identical
// run after run, and a change to it is a reviewed diff. The full report's
// text is also kept in colour, to show what the terminal gets.
func TestAuditGolden(t *testing.T) {
	for _, fx := range auditFixtures() {
		for _, format := range AuditFormats() {
			name := fx.name + "." + auditExtensions[format]
			t.Run(name, func(t *testing.T) {
				opt := AuditOptions{Format: format, Strategy: "examples/nordlys"}
				a := writeAuditString(t, fx.report(), opt)
				b := writeAuditString(t, fx.report(), opt)
				if a != b {
					t.Fatal("two runs differ")
				}
				got := []byte(a)
				if format == "html" {
					got = withoutAuditStylesheet(t, got)
				}
				golden.Check(t, filepath.Join("testdata", "audit", name), got)
			})
		}
	}
	t.Run("full.color.txt", func(t *testing.T) {
		got := writeAuditString(t, fullAuditReport(), AuditOptions{Format: "text", Color: true, Strategy: "examples/nordlys"})
		golden.Check(t, filepath.Join("testdata", "audit", "full.color.txt"), []byte(got))
	})
}

func TestWriteAuditRefuses(t *testing.T) {
	if err := WriteAudit(&bytes.Buffer{}, nil, AuditOptions{Format: "text"}); err == nil {
		t.Error("no error for a nil report")
	}
	var buf bytes.Buffer
	err := WriteAudit(&buf, fullAuditReport(), AuditOptions{Format: "pdf"})
	if err == nil || !strings.Contains(err.Error(), "text, json, md, html") {
		t.Errorf("unknown format: %v", err)
	}
	if buf.Len() > 0 {
		t.Error("wrote output for an unknown format")
	}
	// A number JSON cannot hold is an error, and nothing is written.
	r := fullAuditReport()
	r.Timing.Share = f64(math.NaN())
	if err := WriteAudit(&buf, r, AuditOptions{Format: "json"}); err == nil || buf.Len() > 0 {
		t.Errorf("NaN in JSON: err %v, %d bytes written", err, buf.Len())
	}
	// The other formats show it as absent.
	if out := writeAuditString(t, r, AuditOptions{Format: "text"}); !strings.Contains(out, "(n/a)") {
		t.Error("NaN share not shown as n/a in text")
	}
}

// TestAuditJSONRoundTrip: the JSON decodes into an audit.Report equal to
// the one written, once its nil lists are read as empty (as the JSON
// writes them), so dashboards lose nothing.
func TestAuditJSONRoundTrip(t *testing.T) {
	fixtures := append(auditFixtures(), struct {
		name   string
		report func() *audit.Report
	}{"hostile", hostileAuditReport})
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			in := fx.report()
			out := writeAuditString(t, in, AuditOptions{Format: "json"})
			if !strings.HasSuffix(out, "}\n") || strings.HasSuffix(out, "\n\n") {
				t.Error("the document does not end in one newline")
			}
			var back audit.Report
			dec := json.NewDecoder(strings.NewReader(out))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&back); err != nil {
				t.Fatal(err)
			}
			want := normalised(reflect.ValueOf(in).Elem(), false).Interface().(audit.Report)
			if !reflect.DeepEqual(back, want) {
				a, _ := json.Marshal(back)
				b, _ := json.Marshal(want)
				t.Errorf("round trip differs:\n%s\n%s", a, b)
			}
			// Writing changed nothing in the caller's report.
			if !reflect.DeepEqual(in, fx.report()) {
				t.Error("WriteAudit changed the report")
			}
		})
	}
}

// TestAuditJSONNulls: lists are [] rather than null even when the report
// holds nil, and null appears only where the report documents an absent
// number (a pointer field).
func TestAuditJSONNulls(t *testing.T) {
	pointers := map[string]bool{}
	var collect func(reflect.Type)
	seen := map[reflect.Type]bool{}
	collect = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return
		}
		seen[t] = true
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name := strings.Split(f.Tag.Get("json"), ",")[0]
			if f.Type.Kind() == reflect.Pointer {
				pointers[name] = true
			}
			collect(f.Type)
		}
	}
	collect(reflect.TypeOf(audit.Report{}))

	out := writeAuditString(t, minimalAuditReport(), AuditOptions{Format: "json"})
	var doc any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				if e == nil && !pointers[k] {
					t.Errorf("%s.%s is null", path, k)
				}
				walk(path+"."+k, e)
			}
		case []any:
			for i, e := range v {
				walk(path+"["+strconv.Itoa(i)+"]", e)
			}
		}
	}
	walk("", doc)
	for _, key := range []string{`"rejects": []`, `"channels": []`, `"totals": []`, `"pillars": []`, `"tactics": []`,
		`"influencers": []`, `"interactions": []`, `"tags": []`, `"missing": []`, `"recommendations": []`} {
		if !strings.Contains(out, key) {
			t.Errorf("the minimal report's JSON lacks %s", key)
		}
	}
	if strings.Contains(out, `"mentions": {`) || strings.Contains(out, `"responses"`) {
		t.Error("mentions and responses should be left out without a mention log")
	}
}

// TestAuditTextColour: escape codes only when asked for, and then only
// the writer's own: a name holding an escape sequence cannot recolour the
// terminal.
func TestAuditTextColour(t *testing.T) {
	r := fullAuditReport()
	r.Brand = "\x1b[2J\x1b[31mEvil\x1b[0m"
	r.Posts.Rejects[0].Reason = "bad \x1b]0;title\x07 row\r\nline two \u202eevil"
	r.Cadence.Channels[0].Channel = "ig\x1b[5m"
	r.Recommendations[0].Text = "\x9b31m C1 control"
	plain := writeAuditString(t, r, AuditOptions{Format: "text"})
	if strings.ContainsAny(plain, "\x1b\x07\r\u202e\u009b") {
		t.Errorf("control characters in the text without colour:\n%q", plain)
	}
	colour := writeAuditString(t, r, AuditOptions{Format: "text", Color: true})
	for _, want := range []string{"\x1b[32mmet\x1b[0m", "\x1b[31mmissed\x1b[0m", "\x1b[31mFAIL\x1b[0m"} {
		if !strings.Contains(colour, want) {
			t.Errorf("colour output lacks %q", want)
		}
	}
	stripped := strings.NewReplacer("\x1b[31m", "", "\x1b[32m", "", "\x1b[0m", "").Replace(colour)
	if stripped != plain {
		t.Error("the coloured text differs from the plain text by more than its colour codes")
	}
	if strings.Contains(stripped, "\x1b") {
		t.Error("an escape code that is not the writer's own")
	}
	// The formats for files never carry escape codes.
	for _, f := range []string{"md", "html", "json"} {
		if out := writeAuditString(t, fullAuditReport(), AuditOptions{Format: f, Color: true}); strings.Contains(out, "\x1b") {
			t.Errorf("%s output has an escape code", f)
		}
	}
}

// TestAuditTextCompact: the full report fits a terminal screen or two,
// and no line is longer than a wide terminal (long lists are cut short).
func TestAuditTextCompact(t *testing.T) {
	out := writeAuditString(t, fullAuditReport(), AuditOptions{Format: "text"})
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	// 80 lines before the mention log's sentiment, volume and voices,
	// which take a short paragraph each; each tactic KPI adds a line to
	// the verdict and one to its section.
	if len(lines) > 110 {
		t.Errorf("%d lines, want at most 110", len(lines))
	}
	for _, l := range lines {
		if n := len([]rune(l)); n > 160 {
			t.Errorf("a line of %d characters: %q", n, l)
		}
	}
	// The verdict comes first, right after the heading.
	if !strings.HasPrefix(lines[2], "FAIL: ") {
		t.Errorf("line 3 is %q, want the verdict", lines[2])
	}
}

func TestAuditHTMLWellFormed(t *testing.T) {
	for _, fx := range auditFixtures() {
		t.Run(fx.name, func(t *testing.T) {
			page := writeAuditString(t, fx.report(), AuditOptions{Format: "html", Strategy: "examples/nordlys"})
			checkWellFormed(t, page)
		})
	}
}

// TestAuditHTMLSelfContained: no scripts, nothing loaded from elsewhere,
// print and dark styles, the three charts with their titles and
// descriptions, and a data table after each.
func TestAuditHTMLSelfContained(t *testing.T) {
	page := writeAuditString(t, fullAuditReport(), AuditOptions{Format: "html"})
	for _, bad := range []string{"<script", "<link", "<img", "<iframe", "src=", "@import", "url(", "http://", "https://"} {
		if strings.Contains(strings.ToLower(page), bad) {
			t.Errorf("the page has %q", bad)
		}
	}
	for _, want := range []string{"@media print", "prefers-color-scheme: dark", `<meta charset="utf-8">`,
		`aria-labelledby="chart-cadence-title chart-cadence-desc"`, `aria-labelledby="chart-mix-title chart-mix-desc"`,
		`aria-labelledby="chart-responses-title chart-responses-desc"`,
		`<desc id="chart-cadence-desc">45 planned and 42 published across channels in 5 weeks.`,
		`id="fn-engagement"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if n := strings.Count(page, "<svg viewBox"); n != 3 {
		t.Errorf("%d charts, want 3", n)
	}
	if strings.Contains(writeAuditString(t, minimalAuditReport(), AuditOptions{Format: "html"}), "<svg viewBox") {
		t.Error("a chart with no data")
	}
}

// TestAuditChartGeometry: bars stand on the axis, scale with their value
// and stay inside the chart.
func TestAuditChartGeometry(t *testing.T) {
	c := cadenceChart(fullAuditReport().Cadence.Totals)
	if len(c.Bars) != 10 {
		t.Fatalf("%d bars, want 2 for each of 5 weeks", len(c.Bars))
	}
	num := func(s string) float64 {
		var f float64
		if err := json.Unmarshal([]byte(s), &f); err != nil {
			t.Fatalf("%q is not a number", s)
		}
		return f
	}
	base := float64(columnHeight - columnBottom)
	// Week 2027-W03: 12 planned on a scale to 12 fills the plot height.
	planned, published := c.Bars[6], c.Bars[7]
	if num(planned.Y)+num(planned.H) != base || num(published.Y)+num(published.H) != base {
		t.Errorf("bars do not stand on the axis: %+v %+v", planned, published)
	}
	if math.Abs(num(published.H)/num(planned.H)-10.0/12) > 0.01 {
		t.Errorf("bar heights %s and %s are not as 10 to 12", published.H, planned.H)
	}
	for _, b := range append(c.Bars, mixChart(fullAuditReport().Mix.Overall.Pillars).Bars...) {
		if x, w := num(b.X), num(b.W); x < 0 || x+w > chartWidth || num(b.H) < 0 {
			t.Errorf("a bar outside the chart: %+v", b)
		}
	}
	if top, step := niceScale(12, 6); top != 12 || step != 2 {
		t.Errorf("niceScale(12) = %v, %v", top, step)
	}
	if top, step := niceScale(0, 5); top != 1 || step != 1 {
		t.Errorf("niceScale(0) = %v, %v", top, step)
	}
	if top, step := niceScale(43.6, 5); top != 50 || step != 10 {
		t.Errorf("niceScale(43.6) = %v, %v", top, step)
	}
}

func TestAuditNumberFormats(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{fmtPct(83.333), "83.3%"},
		{fmtPct(100), "100.0%"},
		{fmtPctPtr(nil, "—"), "—"},
		{fmtPct(math.NaN()), "n/a"},
		{fmtPP(4.24), "+4.2 pp"},
		{fmtPP(-3.86), "-3.9 pp"},
		{fmtPP(-0.04), "0.0 pp"},
		{fmtPValue(f64(0.03214), "—"), "0.0321"},
		{fmtPValue(f64(0.5), "—"), "0.500"},
		{fmtPValue(f64(1), "—"), "1.00"},
		{fmtPValue(f64(0.00099), "—"), "< 0.001"},
		{fmtPValue(f64(0.001), "—"), "0.00100"},
		{fmtPValue(nil, "n/a"), "n/a"},
		{fmtDuration(0), "0s"},
		{fmtDuration(45), "45s"},
		{fmtDuration(2700), "45m"},
		{fmtDuration(3590), "1h"},
		{fmtDuration(8100), "2h 15m"},
		{fmtDuration(8129), "2h 15m"},
		{fmtDuration(7200), "2h"},
		{fmtDuration(86399), "1d"},
		{fmtDuration(100800), "1d 4h"},
		{fmtDuration(172800), "2d"},
		{fmtDurationPtr(nil, "—"), "—"},
		{numfmt.Int(1234), "1234"},
		{numfmt.Int(12345), "12\u202f345"},
		{numfmt.Int(-1234567), "-1\u202f234\u202f567"},
		{checkActual(audit.Check{Target: 90, Actual: f64(89.96), Unit: "%"}, "—"), "89.96%"},
		{checkActual(audit.Check{Target: 90, Actual: f64(89.9996), Unit: "%"}, "—"), "90.000%"},
		{checkActual(audit.Check{Target: 90, Actual: f64(83.33), Unit: "%"}, "—"), "83.3%"},
		{checkActual(audit.Check{Target: 5, Actual: f64(5.02), Unit: "pp"}, "—"), "5.02 pp"},
		{checkActual(audit.Check{Target: 5}, "—"), "—"},
		{checkTarget(audit.Check{KPI: "pillar_tolerance", Target: 5, Unit: "pp"}), "≤ 5.0 pp"},
		{checkTarget(audit.Check{KPI: "cadence_adherence", Target: 90, Unit: "%"}), "≥ 90.0%"},
		{checkTarget(audit.Check{KPI: "reach_per_week", Target: 120000}), "≥ 120\u202f000"},
		{checkActual(audit.Check{Target: 120000, Actual: f64(98765.4)}, "—"), "98\u202f765"},
		{checkActual(audit.Check{Target: 120000, Actual: f64(119999.8)}, "—"), "119999.8"},
		{chiSquareText(audit.PillarMix{PValue: f64(0)}), "Chi-square goodness of fit against the target: posts went to a pillar the plan gives no slots, so the mix cannot be the planned one (p < 0.001)."},
		{fmtPctVs(f64(2.996), f64(3), "—"), "2.996%"},
		{fmtPctVs(f64(3.0903), f64(3), "—"), "3.1%"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestAuditVerdictLine(t *testing.T) {
	check := func(met, counted bool) audit.Check { return audit.Check{Measured: true, Met: met, Counted: counted} }
	unmeasured := audit.Check{Counted: true}
	for _, c := range []struct {
		v    audit.Verdict
		want string
	}{
		{audit.Verdict{Pass: true}, "PASS: the strategy declares no KPI targets."},
		{audit.Verdict{Pass: true, Checks: []audit.Check{check(true, true)}}, "PASS: the KPI target was met."},
		{audit.Verdict{Pass: true, Checks: []audit.Check{check(true, true), check(true, false)}}, "PASS: all 2 KPI targets met."},
		{audit.Verdict{Pass: true, Checks: []audit.Check{check(true, true), check(false, false)}}, "PASS: 1 of 2 KPI targets missed; it does not count toward the result."},
		{audit.Verdict{Pass: false, Checks: []audit.Check{check(false, true), check(false, true)}}, "FAIL: 2 of 2 KPI targets missed."},
		{audit.Verdict{Pass: false, Checks: []audit.Check{check(false, true), check(false, false), check(true, true)}}, "FAIL: 2 of 3 KPI targets missed, 1 of them counted."},
		{audit.Verdict{Pass: true, Checks: []audit.Check{check(true, true), unmeasured}}, "PASS: the KPI target was met; 1 KPI not measured."},
		{audit.Verdict{Pass: false, Checks: []audit.Check{check(false, true), unmeasured, unmeasured}}, "FAIL: 1 of 1 KPI targets missed; 2 KPIs not measured."},
		{audit.Verdict{Pass: true, Checks: []audit.Check{unmeasured}}, "PASS: no KPI target could be measured."},
	} {
		o, text := verdictLine(c.v)
		if got := o + ": " + text; got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}

// withoutAuditStylesheet checks that a report page inlines auditCSS
// exactly, then puts a placeholder in its place, so that a change to the
// stylesheet is one diff in audit_html.go, not one in every golden file.
func withoutAuditStylesheet(t *testing.T, page []byte) []byte {
	t.Helper()
	start := bytes.Index(page, []byte("<style>"))
	end := bytes.Index(page, []byte("</style>"))
	if start < 0 || end < start {
		t.Fatal("the page has no <style> block")
	}
	start += len("<style>")
	if strings.TrimSpace(string(page[start:end])) != strings.TrimSpace(auditCSS) {
		t.Fatal("the page's <style> is not auditCSS")
	}
	out := append([]byte(nil), page[:start]...)
	out = append(out, "\n/* auditCSS from render/audit_html.go, checked by the test */\n"...)
	return append(out, page[end:]...)
}

func TestFmtExactDuration(t *testing.T) {
	for sec, want := range map[int64]string{0: "0s", 45: "45s", 60: "1m", 90: "1m 30s", 3600: "1h", 3605: "1h 0m 5s", 86400 + 60: "1d 0h 1m"} {
		if got := fmtExactDuration(sec); got != want {
			t.Errorf("fmtExactDuration(%d) = %q, want %q", sec, got, want)
		}
	}
}
