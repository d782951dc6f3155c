package strategy

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/internal/growth"
)

// The loader's work must grow with the size of what it reads, never with
// its square: a pull request's author chooses the sizes. Each test below
// times one operation at n and 10n (see package growth); the inputs are
// built before the clock starts.

// mapFile is a strategy whose x-map holds n keys, one a line.
func mapFile(prefix string, n int) string {
	var b strings.Builder
	b.WriteString("x-map:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  %s%06d: %d\n", prefix, i, i)
	}
	return b.String()
}

func TestSpanLookupsInALargeMappingScale(t *testing.T) {
	growth.Check(t, "a span for every key of one mapping", 2000, func(n int) func() {
		dir := writeTree(t, map[string]string{"strategy.yaml": "version: 1\n" + mapFile("k", n)})
		doc, err := LoadDocument(dir, DefaultLimits)
		if err != nil || doc.Fatal {
			t.Fatalf("load: %v %v", err, doc.Problems)
		}
		ptrs := make([]string, n)
		for i := range ptrs {
			ptrs[i] = Pointer("x-map", fmt.Sprintf("k%06d", i))
		}
		return func() {
			for i, p := range ptrs {
				if sp := doc.Source.Span(p); sp.Key.Line != i+3 {
					t.Fatalf("%s at line %d, want %d", p, sp.Key.Line, i+3)
				}
			}
		}
	})
}

func TestIncludeMergingLargeMappingsScales(t *testing.T) {
	growth.Check(t, "merging an included mapping into another", 2000, func(n int) func() {
		dir := writeTree(t, map[string]string{
			"strategy.yaml": "version: 1\ninclude: [a.yaml]\n" + mapFile("m", n),
			"a.yaml":        mapFile("a", n),
		})
		return func() {
			doc, _ := load(t, dir)
			if m := doc.Value.(map[string]any)["x-map"].(map[string]any); len(m) != 2*n {
				t.Fatalf("%d keys merged, want %d", len(m), 2*n)
			}
		}
	})
}

func TestExtendsOverlayOfLargeMappingsScales(t *testing.T) {
	growth.Check(t, "overlaying a large mapping on its parent's", 2000, func(n int) func() {
		dir := writeTree(t, map[string]string{
			"child/strategy.yaml":  "extends: ../parent\n" + mapFile("c", n),
			"parent/strategy.yaml": "version: 1\n" + mapFile("p", n),
			".git/HEAD":            "", // a repository, so that extends may reach the parent
		})
		return func() {
			doc, _ := load(t, filepath.Join(dir, "child"))
			if m := doc.Value.(map[string]any)["x-map"].(map[string]any); len(m) != 2*n {
				t.Fatalf("%d keys overlaid, want %d", len(m), 2*n)
			}
		}
	})
}

func TestOneLongLineOfValuesScales(t *testing.T) {
	growth.Check(t, "a flow list of many values on one line", 4000, func(n int) func() {
		items := make([]string, n)
		for i := range items {
			items[i] = fmt.Sprintf("v%d", i)
		}
		dir := writeTree(t, map[string]string{"strategy.yaml": "version: 1\nx-list: [" + strings.Join(items, ", ") + "]\n"})
		return func() { load(t, dir) }
	})
}

func TestWideIgnoreCommentsScale(t *testing.T) {
	growth.Check(t, "a file-wide ignore comment naming many rules", 2000, func(n int) func() {
		dir := writeTree(t, map[string]string{"strategy.yaml": "version: 1\n# pillar:ignore-file " + strings.Repeat("no-such-rule ", n) + "\n"})
		doc, _ := load(t, dir)
		file := filepath.Join(dir, "strategy.yaml")
		return func() {
			for i := 0; i < n; i++ {
				if doc.Source.Ignored(Pos{File: file, Line: i + 1}, "persona-stale") {
					t.Fatal("ignored a rule the comment does not name")
				}
			}
		}
	})
}

// TestOverlayRemovesAndReplacesInLargeMappings checks that overlaying
// through the key index keeps what a scan did: the parent's keys in order,
// the child's changes in place, nulls removing keys, new keys at the end.
func TestOverlayRemovesAndReplacesInLargeMappings(t *testing.T) {
	var parent, child strings.Builder
	parent.WriteString("version: 1\nx-map:\n")
	child.WriteString("extends: ../parent\nx-map:\n")
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&parent, "  k%02d: %d\n", i, i)
	}
	for i := 0; i < 40; i += 5 {
		fmt.Fprintf(&child, "  k%02d: null\n", i)
	}
	child.WriteString("  k01: changed\n  new: added\n  gone: null\n")
	dir := writeTree(t, map[string]string{"parent/strategy.yaml": parent.String(), "child/strategy.yaml": child.String(), ".git/HEAD": ""})
	doc, _ := load(t, filepath.Join(dir, "child"))
	m := doc.Value.(map[string]any)["x-map"].(map[string]any)
	if len(m) != 40-8+1 || m["k01"] != "changed" || m["new"] != "added" || m["k05"] != nil || m["k02"] != int64(2) {
		t.Errorf("overlay gave %v", m)
	}
	if _, ok := m["gone"]; ok {
		t.Error("a null for a key the parent lacks was kept")
	}
	// Spans follow the same keys: k02 from the parent, k01 from the child.
	if sp := doc.Source.Span("/x-map/k02"); !strings.HasSuffix(sp.Key.File, filepath.Join("parent", "strategy.yaml")) || sp.Key.Line != 5 {
		t.Errorf("k02 at %v", sp.Key)
	}
	if sp := doc.Source.Span("/x-map/k01"); !strings.HasSuffix(sp.Key.File, filepath.Join("child", "strategy.yaml")) {
		t.Errorf("k01 at %v", sp.Key)
	}
	var keys []string
	for _, k := range doc.Source.root.vals[indexOf(doc.Source.root.keys, "x-map")].keys {
		keys = append(keys, k)
	}
	if keys[0] != "k01" || keys[len(keys)-1] != "new" {
		t.Errorf("key order %v", keys)
	}
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// TestSpanOfEveryKeyOfALargeMapping checks the indexed lookup against the
// positions written, including keys that need escaping in a pointer.
func TestSpanOfEveryKeyOfALargeMapping(t *testing.T) {
	var b strings.Builder
	b.WriteString("version: 1\nx-map:\n")
	keys := []string{}
	for i := 0; i < 30; i++ {
		k := fmt.Sprintf("k%d", i)
		if i%7 == 0 {
			k = fmt.Sprintf("a/b~%d", i)
		}
		keys = append(keys, k)
		fmt.Fprintf(&b, "  %q: %d\n", k, i)
	}
	dir := writeTree(t, map[string]string{"strategy.yaml": b.String()})
	doc, _ := load(t, dir)
	for i, k := range keys {
		if sp := doc.Source.Span(Pointer("x-map", k)); sp.Key.Line != i+3 || sp.Key.Col != 3 {
			t.Errorf("%q at %v, want line %d", k, sp.Key, i+3)
		}
	}
	if doc.Source.Has("/x-map/nope") {
		t.Error("a key that is not there was found")
	}
	if sp := doc.Source.Span("/x-map/nope"); sp.Key.Line != 2 {
		t.Errorf("a missing key's span is its mapping's, got %v", sp.Key)
	}
}

func TestScalarLengthOnALongLine(t *testing.T) {
	dir := writeTree(t, map[string]string{"strategy.yaml": "version: 1\nx: [aé, \"bb\", ccc]\n"})
	doc, _ := load(t, dir)
	for _, tc := range []struct {
		ptr      string
		col, len int
	}{{"/x/0", 5, 2}, {"/x/1", 9, 4}, {"/x/2", 15, 3}} {
		if sp := doc.Source.Span(tc.ptr); sp.Value.Col != tc.col || sp.Len != tc.len {
			t.Errorf("%s: col %d len %d, want %d %d", tc.ptr, sp.Value.Col, sp.Len, tc.col, tc.len)
		}
	}
	if !reflect.DeepEqual(doc.Value.(map[string]any)["x"], []any{"aé", "bb", "ccc"}) {
		t.Errorf("values %v", doc.Value)
	}
}

func TestDiffOfManyPillarsAndChannelsScales(t *testing.T) {
	growth.Check(t, "diffing strategies with many pillars and channels with weights of their own", 300, func(n int) func() {
		build := func(w float64) *Strategy {
			s := &Strategy{}
			for i := 0; i < n; i++ {
				s.Pillars = append(s.Pillars, Pillar{ID: fmt.Sprintf("p%d", i), Weight: 1})
				s.Channels = append(s.Channels, Channel{ID: fmt.Sprintf("c%d", i), Pillars: map[string]float64{fmt.Sprintf("p%d", i): w, "gone": 1}})
			}
			return s
		}
		old, new := build(10), build(20)
		return func() {
			if got := len(Diff(old, new)); got != n {
				t.Fatalf("%d changes, want %d", got, n)
			}
		}
	})
}

func TestDiffOrdersWeightsAsPillarsAreDeclared(t *testing.T) {
	old := &Strategy{Pillars: []Pillar{{ID: "b"}, {ID: "a"}}, Channels: []Channel{{ID: "ig", Pillars: map[string]float64{"a": 1, "b": 2, "zz": 1, "yy": 1}}}}
	new := &Strategy{Pillars: []Pillar{{ID: "c"}, {ID: "b"}}, Channels: []Channel{{ID: "ig", Pillars: map[string]float64{"a": 3, "b": 4, "c": 5, "zz": 2, "yy": 2}}}}
	var paths []string
	for _, c := range Diff(old, new).In("channels") {
		paths = append(paths, c.Path)
	}
	// New order (c, b), then pillars only the old one has (a), then ids no
	// strategy declares, by name.
	want := []string{"/channels/ig/pillars/c", "/channels/ig/pillars/b", "/channels/ig/pillars/a", "/channels/ig/pillars/yy", "/channels/ig/pillars/zz"}
	if !reflect.DeepEqual(paths, want) {
		t.Errorf("order %v, want %v", paths, want)
	}
}
