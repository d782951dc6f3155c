package strategy

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeTree writes files (path → content) under a new temporary folder and
// returns the folder.
func writeTree(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func load(t *testing.T, path string) (*Document, *Strategy) {
	t.Helper()
	doc, err := LoadDocument(path, DefaultLimits)
	if err != nil {
		t.Fatalf("LoadDocument: %v", err)
	}
	if doc.Fatal {
		return doc, nil
	}
	s, err := doc.Decode()
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	return doc, s
}

func TestPositionsOfValuesAndKeys(t *testing.T) {
	dir := writeTree(t, map[string]string{"strategy.yaml": `version: 1
brand:
  name: "Nordlys"
  timezone: Europe/Oslo
pillars:
  - id: brand
    weight: 40
`})
	doc, s := load(t, dir)
	if s.Brand.Name != "Nordlys" || s.Pillars[0].Weight != 40 {
		t.Fatalf("decoded %+v", s)
	}
	for _, tc := range []struct {
		ptr             string
		keyLine, keyCol int
		valLine, valCol int
		valLen          int
	}{
		{"/brand/name", 3, 3, 3, 9, 9},
		{"/pillars/0/weight", 7, 5, 7, 13, 2},
		{"/pillars/0", 6, 5, 6, 5, 1},
		{"/pillars/0/missing", 6, 5, 6, 5, 1}, // nearest ancestor
	} {
		sp := doc.Source.Span(tc.ptr)
		if sp.Key.Line != tc.keyLine || sp.Key.Col != tc.keyCol || sp.Value.Line != tc.valLine || sp.Value.Col != tc.valCol || sp.Len != tc.valLen {
			t.Errorf("Span(%q) = %+v", tc.ptr, sp)
		}
	}
	if doc.Source.Has("/pillars/0/missing") || !doc.Source.Has("/brand") {
		t.Error("Has is wrong")
	}
}

func TestIncludeJoinsListsAndKeepsPositions(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"strategy.yaml":   "version: 1\ninclude: [personas/*.yaml]\npersonas:\n  - id: main\n    name: Main\n",
		"personas/b.yaml": "personas:\n  - id: bo\n    name: Bo\n",
		"personas/a.yaml": "personas:\n  - id: ada\n    name: Ada\n",
	})
	doc, s := load(t, dir)
	var ids []string
	for _, p := range s.Personas {
		ids = append(ids, p.ID)
	}
	if got := strings.Join(ids, ","); got != "main,ada,bo" {
		t.Errorf("personas = %s, want main,ada,bo (main file first, then includes in sorted order)", got)
	}
	sp := doc.Source.Span("/personas/2/name")
	if !strings.HasSuffix(sp.Value.File, filepath.Join("personas", "b.yaml")) || sp.Value.Line != 3 {
		t.Errorf("position of an included value = %v, want personas/b.yaml:3", sp.Value)
	}
	if len(doc.Source.Files) != 3 {
		t.Errorf("files = %v", doc.Source.Files)
	}
	if s.Include != nil {
		t.Errorf("include should not survive into the merged strategy: %v", s.Include)
	}
}

func TestExtendsOverlaysParent(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"group/strategy.yaml": `version: 1
brand: {name: Group, timezone: Europe/Oslo, language: nb}
personality:
  values: [honesty, warmth]
  voice: {tone: calm, character: a friend}
competitors: [{name: Rival}]
pillars: [{id: a, name: A, weight: 50}, {id: b, name: B, weight: 50}]
`,
		"coffee/strategy.yaml": `version: 1
extends: ../group
brand: {name: Coffee}
personality:
  voice: {tone: playful}
competitors: null
pillars: [{id: c, name: C, weight: 100}]
`,
	})
	// The temporary folder is no repository: its root is given.
	doc, err := LoadDocument(filepath.Join(dir, "coffee"), Limits{Root: dir})
	if err != nil || len(doc.Problems) > 0 {
		t.Fatal(err, doc.Problems)
	}
	s, _ := doc.Decode()
	if s.Brand.Name != "Coffee" || s.Brand.Timezone != "Europe/Oslo" || s.Brand.Language != "nb" {
		t.Errorf("brand = %+v: maps should merge key by key", s.Brand)
	}
	if s.Personality.Voice.Tone != "playful" || s.Personality.Voice.Character != "a friend" {
		t.Errorf("voice = %+v", s.Personality.Voice)
	}
	if len(s.Personality.Values) != 2 {
		t.Errorf("values should be inherited: %v", s.Personality.Values)
	}
	if len(s.Pillars) != 1 || s.Pillars[0].ID != "c" {
		t.Errorf("a child's list replaces the parent's: %+v", s.Pillars)
	}
	if s.Competitors != nil {
		t.Errorf("null should remove an inherited key: %+v", s.Competitors)
	}
	if f := doc.Source.Span("/personality/values/0").Value.File; !strings.Contains(f, "group") {
		t.Errorf("an inherited value should point into the parent, got %s", f)
	}
}

func TestLoadProblems(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		rule  string
		want  string
		line  int
	}{
		{"include outside", map[string]string{"s/strategy.yaml": "version: 1\ninclude: [../x.yaml]\n", "x.yaml": "personas: []\n"}, "include", "outside the strategy's folder", 2},
		{"include missing", map[string]string{"s/strategy.yaml": "version: 1\ninclude:\n  - nope/*.yaml\n"}, "include", "matches no file", 3},
		{"include itself", map[string]string{"s/strategy.yaml": "version: 1\ninclude: [a.yaml]\n", "s/a.yaml": "include: [a.yaml]\n"}, "include", "includes itself", 1},
		{"extends cycle", map[string]string{"s/strategy.yaml": "version: 1\nextends: ../t\n", "t/strategy.yaml": "version: 1\nextends: ../s\n"}, "extends", "makes a cycle", 2},
		{"extends missing", map[string]string{"s/strategy.yaml": "version: 1\nextends: ../nowhere\n"}, "extends", "cannot be read", 2},
		{"extends in fragment", map[string]string{"s/strategy.yaml": "version: 1\ninclude: [a.yaml]\n", "s/a.yaml": "extends: ../x\n"}, "include", "main file", 1},
		{"merge conflict", map[string]string{"s/strategy.yaml": "version: 1\ninclude: [a.yaml]\nbrand: {name: A}\n", "s/a.yaml": "brand: {name: B}\n"}, "merge-conflict", "also set", 1},
		{"duplicate key", map[string]string{"s/strategy.yaml": "version: 1\nbrand:\n  name: A\n  name: B\n"}, "duplicate-key", "already set at line 3", 4},
		{"two documents", map[string]string{"s/strategy.yaml": "version: 1\n---\nversion: 1\n"}, "yaml-syntax", "more than one YAML document", 3},
		{"not a mapping", map[string]string{"s/strategy.yaml": "- a\n- b\n"}, "wrong-type", "mapping of sections", 1},
		{"only comments", map[string]string{"s/strategy.yaml": "# nothing yet\n"}, "empty-file", "empty", 1},
		{"infinite number", map[string]string{"s/strategy.yaml": "version: 1\npillars: [{weight: .inf}]\n"}, "invalid-value", "not a finite number", 2},
		{"include a folder", map[string]string{"s/strategy.yaml": "version: 1\ninclude: [personas]\n", "s/personas/a.yaml": "personas: []\n"}, "include", "names a folder", 2},
		{"only a document marker", map[string]string{"s/strategy.yaml": "---\n"}, "empty-file", "holds no values", 1},
		{"float overflow", map[string]string{"s/strategy.yaml": "version: 1\npillars: [{weight: 1e400}]\n"}, "invalid-value", "too large a number", 2},
		{"tab after a list item", map[string]string{"s/strategy.yaml": "version: 1\nchannels:\n  - id: x\n\tplatform: y\n"}, "yaml-syntax", "indented with a tab", 4},
		{"alias cycle", map[string]string{"s/strategy.yaml": "a: &a [*a]\n"}, "yaml-limit", "refers to a value that contains it", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeTree(t, tc.files)
			doc, err := LoadDocument(filepath.Join(dir, "s"), Limits{Root: dir})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range doc.Problems {
				if p.Rule == tc.rule && strings.Contains(p.Message, tc.want) {
					if p.Pos.Line != tc.line {
						t.Errorf("line %d, want %d: %v", p.Pos.Line, tc.line, p)
					}
					return
				}
			}
			t.Errorf("no %s problem mentioning %q in %v", tc.rule, tc.want, doc.Problems)
		})
	}
}

func TestMainFileErrors(t *testing.T) {
	if _, err := LoadDocument(filepath.Join(t.TempDir(), "nope.yaml"), DefaultLimits); err == nil {
		t.Error("want an error for a missing main file")
	}
	if _, err := LoadDocument(t.TempDir(), DefaultLimits); err == nil || !strings.Contains(err.Error(), "no strategy.yaml") {
		t.Errorf("want a 'no strategy.yaml' error for an empty folder, got %v", err)
	}
}

func TestMergeKeysAndAliases(t *testing.T) {
	dir := writeTree(t, map[string]string{"strategy.yaml": `version: 1
x-defaults: &sla {response_sla: 4h, owner: Kari}
channels:
  - <<: *sla
    id: ig
    platform: instagram
  - <<: *sla
    id: fb
    platform: facebook
    owner: Ola
`})
	_, s := load(t, dir)
	if len(s.Channels) != 2 || s.Channels[0].Owner != "Kari" || s.Channels[1].Owner != "Ola" || s.Channels[1].ResponseSLA.String() != "4h" {
		t.Errorf("merge keys: %+v", s.Channels)
	}
}

func TestIgnoreComments(t *testing.T) {
	lines := strings.Split(`a: 1  # pillar:ignore rule-a
# pillar:ignore rule-b, rule-c
# another comment
b: 2
c: 3 # pillar:ignore
# pillar:ignore-file rule-z
d: "# pillar:ignore in a string is still a comment to this scanner"`, "\n")
	got := scanIgnores(lines)
	src := &Source{ignores: map[string]map[int][]string{"f": got}}
	for _, tc := range []struct {
		line int
		rule string
		want bool
	}{
		{1, "rule-a", true}, {1, "rule-b", false},
		{4, "rule-b", true}, {4, "rule-c", true}, {4, "rule-a", false},
		{5, "anything", true},
		{2, "rule-z", true}, {6, "rule-z", true},
		{3, "rule-b", false},
	} {
		if g := src.Ignored(Pos{File: "f", Line: tc.line}, tc.rule); g != tc.want {
			t.Errorf("Ignored(line %d, %s) = %v, want %v", tc.line, tc.rule, g, tc.want)
		}
	}
}

func TestLimits(t *testing.T) {
	dir := writeTree(t, map[string]string{"strategy.yaml": "version: 1\nlist: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nnested: {a: {b: {c: {d: 1}}}}\n"})
	doc, err := LoadDocument(dir, Limits{MaxFileSize: 1 << 20, MaxNodes: 8, MaxDepth: 64, MaxFiles: 10, MaxExtends: 2})
	if err != nil || len(doc.Problems) != 1 || doc.Problems[0].Rule != "yaml-limit" {
		t.Errorf("node budget: %v %v", err, doc.Problems)
	}
	doc, _ = LoadDocument(dir, Limits{MaxFileSize: 1 << 20, MaxNodes: 1000, MaxDepth: 3, MaxFiles: 10, MaxExtends: 2})
	if len(doc.Problems) != 1 || !strings.Contains(doc.Problems[0].Message, "nested more than 3") {
		t.Errorf("depth limit: %v", doc.Problems)
	}
	doc, _ = LoadDocument(dir, Limits{MaxFileSize: 16, MaxNodes: 1000, MaxDepth: 64, MaxFiles: 10, MaxExtends: 2})
	if len(doc.Problems) != 1 || !strings.Contains(doc.Problems[0].Message, "larger than") {
		t.Errorf("size limit: %v", doc.Problems)
	}
}

func TestPointer(t *testing.T) {
	if got := Pointer("pillars", 3, "examples", "a/b~c"); got != "/pillars/3/examples/a~1b~0c" {
		t.Errorf("Pointer = %s", got)
	}
}

func TestLimitsAreSharedAcrossFiles(t *testing.T) {
	files := map[string]string{"strategy.yaml": "version: 1\ninclude: [p/*.yaml]\n"}
	for i := 0; i < 5; i++ {
		files[fmt.Sprintf("p/%d.yaml", i)] = "personas:\n" + strings.Repeat("  - {id: x, name: y}\n", 20)
	}
	dir := writeTree(t, files)
	doc, _ := LoadDocument(dir, Limits{MaxNodes: 250})
	if len(doc.Problems) != 1 || !strings.Contains(doc.Problems[0].Message, "more than 250 values") {
		t.Errorf("node budget across includes: %v", doc.Problems)
	}
	doc, _ = LoadDocument(dir, Limits{MaxTotalSize: 1500})
	if len(doc.Problems) != 1 || !strings.Contains(doc.Problems[0].Message, "add up to more than 1500 bytes") {
		t.Errorf("byte budget across includes: %v", doc.Problems)
	}
}

func TestIncludeLoopThroughSymlink(t *testing.T) {
	dir := writeTree(t, map[string]string{"strategy.yaml": "version: 1\ninclude: [sub/*/*.yaml]\n"})
	os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
	if err := os.Symlink("..", filepath.Join(dir, "sub", "up")); err != nil {
		t.Skip("symlinks not available:", err)
	}
	doc, err := LoadDocument(dir, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Problems) == 0 || !strings.Contains(doc.Problems[0].Message, "includes itself") {
		t.Errorf("want an include loop reported, got %v", doc.Problems)
	}
	if len(doc.Source.Files) > 2 {
		t.Errorf("the loop was followed: %d files read", len(doc.Source.Files))
	}
}

func TestExtensionKeysHoldAnchors(t *testing.T) {
	dir := writeTree(t, map[string]string{"strategy.yaml": "version: 1\nx-channel: &ch {owner: Kari, response_sla: 4h}\nchannels:\n  - {<<: *ch, id: ig, platform: instagram}\n"})
	_, s := load(t, dir)
	if s.Channels[0].Owner != "Kari" {
		t.Errorf("an anchor under an x- key should be usable: %+v", s.Channels[0])
	}
}

func TestHashtagReadAsComment(t *testing.T) {
	dir := writeTree(t, map[string]string{"strategy.yaml": "version: 1\npillars:\n  - id: brand\n    topics:\n      - Photos with #ourbrand (with permission)\n      - \"Quoted #ourbrand\"\n      - Plain # a real comment\n"})
	doc, s := load(t, dir)
	if len(doc.Problems) != 1 {
		t.Fatalf("want one warning, got %v", doc.Problems)
	}
	p := doc.Problems[0]
	if p.Rule != "hashtag-comment" || !p.Warning || p.Pos.Line != 5 || !strings.Contains(p.Message, "#ourbrand") {
		t.Errorf("got %+v", p)
	}
	if s.Pillars[0].Topics[0] != "Photos with" {
		t.Errorf("the value is what YAML read: %q", s.Pillars[0].Topics[0])
	}
	if _, err := Load(dir); err != nil {
		t.Errorf("a warning must not stop Load: %v", err)
	}
}

// TestCadenceOneOrSeveral: a channel's cadence is one mapping or a list of
// them, and decodes to a list either way; a child strategy that writes a
// list replaces its parent's mapping (lists replace, maps merge).
func TestCadenceOneOrSeveral(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"parent/strategy.yaml": "version: 1\nchannels:\n  - id: ig\n    platform: instagram\n    cadence: {min_per_week: 3, days: [mon, wed, fri], times: [\"09:00\"]}\n",
		"child/strategy.yaml": "version: 1\nextends: ../parent\nchannels:\n  - id: ig\n    platform: instagram\n    cadence:\n" +
			"      - {min_per_week: 5, days: [mon, tue, wed, thu, fri], times: [\"08:00\"]}\n" +
			"      - {min_per_week: 2, days: [sat, sun], times: [\"11:00\"], start: 2027-03-06}\n",
	})
	_, parent := load(t, filepath.Join(dir, "parent"))
	if got := parent.Channels[0].Cadence; len(got) != 1 || got[0].MinPerWeek != 3 || got.MinPerWeek() != 3 || len(got[0].Days) != 3 {
		t.Errorf("one mapping decodes to %+v", got)
	}
	// The temporary folder is no repository: its root is given.
	doc, err := LoadDocument(filepath.Join(dir, "child"), Limits{Root: dir})
	if err != nil || len(doc.Problems) > 0 {
		t.Fatalf("LoadDocument: %v %v", err, doc.Problems)
	}
	child, err := doc.Decode()
	if err != nil {
		t.Fatal(err)
	}
	got := child.Channels[0].Cadence
	if len(got) != 2 || got[1].Times[0] != "11:00" || got[1].Start != (Date{2027, 3, 6}) || got.MinPerWeek() != 7 {
		t.Errorf("a list decodes to %+v", got)
	}
}

// TestInheritedFiles: the files read for a parent (its own and its
// includes), and only those, are inherited.
func TestInheritedFiles(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"top/strategy.yaml":       "version: 1\nbrand: {name: Top, timezone: Europe/Oslo}\n",
		"group/strategy.yaml":     "version: 1\nextends: ../top\ninclude: [more/*.yaml]\n",
		"group/more/p.yaml":       "pillars: [{id: a, name: A, weight: 100}]\n",
		"coffee/strategy.yaml":    "version: 1\nextends: ../group\ninclude: [personas/*.yaml]\n",
		"coffee/personas/k.yaml":  "personas: [{id: k, name: K}]\n",
		"coffee/personas/k2.yaml": "personas: [{id: k2, name: K2}]\n",
	})
	doc, err := LoadDocument(filepath.Join(dir, "coffee"), Limits{Root: dir})
	if err != nil || len(doc.Problems) > 0 {
		t.Fatal(err, doc.Problems)
	}
	if len(doc.Source.Files) != 6 {
		t.Fatalf("files read: %v", doc.Source.Files)
	}
	for _, f := range doc.Source.Files {
		want := !strings.Contains(f, "coffee")
		if got := doc.Source.Inherited(f); got != want {
			t.Errorf("Inherited(%s) = %v, want %v", f, got, want)
		}
	}
}

// TestHashtagCommentTrailingBlanks: blanks after the hashtag comment (an
// editor leaves them) are not part of the value quoted in, and the line
// still gets its fix, with LF or CRLF line ends.
func TestHashtagCommentTrailingBlanks(t *testing.T) {
	for _, eol := range []string{"\n", "\r\n"} {
		src := strings.ReplaceAll("version: 1\npillars:\n  - id: brand\n    description: Boots in use #fjellsko #tur  \t\n", "\n", eol)
		dir := writeTree(t, map[string]string{"strategy.yaml": src})
		doc, _ := load(t, dir)
		if len(doc.Problems) != 1 {
			t.Fatalf("%q: want one warning, got %v", eol, doc.Problems)
		}
		p := doc.Problems[0]
		if want := `"Boots in use #fjellsko #tur"`; p.Rest != want || !strings.Contains(p.Hint, want+".") {
			t.Errorf("%q: fix %s, hint %q; want %s", eol, p.Rest, p.Hint, want)
		}
	}
}
