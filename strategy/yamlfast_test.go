package strategy_test

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/pillar-strategy/pillar/internal/synth"
	"github.com/pillar-strategy/pillar/strategy"
)

// sameAsYAMLv3 checks fastParse against yaml.v3 on src: when fastParse
// reads the file at all, yaml.v3 must read it as one document without
// error and give the same tree (kinds, styles, tags, values, positions),
// with no line comment the loader would warn about. It reports whether
// fastParse read the file.
func sameAsYAMLv3(t *testing.T, src []byte) bool {
	t.Helper()
	fast, release := strategy.FastParse(src)
	defer release()
	if fast == nil {
		return false
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("fastParse read what yaml.v3 refuses (%v):\n%s", err, src)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		t.Fatalf("fastParse read one document where yaml.v3 finds more (%v):\n%s", err, src)
	}
	if len(doc.Content) != 1 {
		t.Fatalf("yaml.v3 found no root node, fastParse did:\n%s", src)
	}
	if diff := diffNodes("", fast, doc.Content[0]); diff != "" {
		t.Fatalf("fastParse and yaml.v3 differ at %s\n%s", diff, src)
	}
	return true
}

// diffNodes describes the first difference between two trees, or "".
func diffNodes(path string, a, b *yaml.Node) string {
	if a.Kind != b.Kind || a.Style != b.Style || a.Tag != b.Tag || a.Value != b.Value ||
		a.Line != b.Line || a.Column != b.Column || len(a.Content) != len(b.Content) {
		return fmt.Sprintf("%s:\n fast   kind %d style %d tag %s value %q at %d:%d with %d children\n yaml.v3 kind %d style %d tag %s value %q at %d:%d with %d children",
			path, a.Kind, a.Style, a.Tag, a.Value, a.Line, a.Column, len(a.Content),
			b.Kind, b.Style, b.Tag, b.Value, b.Line, b.Column, len(b.Content))
	}
	if b.Anchor != "" || b.Alias != nil {
		return path + ": yaml.v3 has an anchor or alias"
	}
	if b.Kind == yaml.ScalarNode && b.Style == 0 && strategy.LooksLikeHashtag(b.LineComment) {
		return path + ": yaml.v3 has a hashtag-like line comment " + b.LineComment
	}
	for i := range a.Content {
		if d := diffNodes(fmt.Sprintf("%s/%d", path, i), a.Content[i], b.Content[i]); d != "" {
			return d
		}
	}
	return ""
}

// tricky holds small files at the edges of what fastParse reads.
var tricky = []string{
	"a: 1\n",
	"a:\nb: x\nc:\n  - 1\n  -\n  - y\nd:\n- p\n- q\ne: [a, b] # c\nf: {x: 1}\n",
	"a:   \nb: # c\nc:\n  -    \n  -  # c\n  - x\n",
	"k: |+\n  one\n\nx: >\n a\n b\n",
	"k: |\n  one\nx: 1\n",
	"k: |\n\n  one\n",
	"k: |\n     \n  one\n",
	"k: |-\n  one\n   two\n  three\n",
	"k: >-\n  one\n  two\n\n  three\n    more\n  four\nx: |\n  lit\n   more\n\ny: end\n",
	"k: >\n  a\n\n\n  b\n   c\n  d\n\n",
	"k: |\n  # not a comment\n # comment\nx: y\n",
	"k: |",
	"k: |\n",
	"k: >+\n\n",
	"k: |\n  a\n  b",
	"k: |2\n   a\n",
	"a: b\n  c\n",
	"k: \"a\" # c\nj: 'it''s'\n",
	"k: \"a\\tb\"\n",
	"x: 09:00\ny: 1:30\nz: 0755\nw: 1_000\nv: 0x1F\nu: 1e3\nt: .5\ns: .inf\nr: 2027-01-01\nq: ~\np: Null\no: yes\n",
	"seq:\n- |\n  x\n- y\n",
	"- a\n- b\n",
	"a: &x 1\nb: *x\n",
	"<<: {a: 1}\n",
	"a: !!str 1\n",
	"---\na: 1\n",
	"a: 1\n---\nb: 2\n",
	"a: 1\n...\n",
	"a: #tag\n",
	"a: x #tag\n",
	"#tag\na: 1\n",
	"# note\na: 1 # note\n",
	"a:\n  b:\n    c: [1, [2, 3], {d: e}]\n",
	"a: [a, b,]\n",
	"a: [a: b]\n",
	"a: {a}\n",
	"a: []\nb: {}\n",
	"a: [\"x\", 'y''s', z]\n",
	"  a: 1\n  b: 2\n",
	"a:\n    b: 1\n  c: 2\n",
	"a: 1\r\nb: |\r\n  x\r\n  y\r\n",
	"a: 1\rb: 2\n",
	"a:\tb\n",
	"navn: Søren\nsted: Tromsø # by\nø: å\n",
	"a: b: c\n",
	"a: - b\n",
	"a: x:\n",
	"Brand Stuff: 100\n",
	"\"quoted key\": 1\n",
	"a: \"unterminated\n  b\"\n",
	"a:\n- b\nc: d\n- e\n",
	"- a: 1\n  b: 2\n- c: 3\n",
	"list:\n  - id: a\n    tags: [x]\n    text: |\n      long\n      text\n  - id: b\n",
	"a: @x\n",
	"a: <<\nb: [<<, x]\n",
	"a: `x`\n",
	"a: |x\n",
	"a: >-  # c\n  t\n",
	"a:\n  - - b\n",
	"? a\n: b\n",
	"a: [b\n  , c]\n",
	"a: \"x\" y\n",
	"a: \"x\"#c\n",
	"a: 'x'\n  b: 1\n",
	"a: 1\nb\n",
	"",
	"# only a comment\n",
	"a: x\u00a0y\n",
	"a: \u2028\n",
	"a: \ufeffx\n",
}

func TestFastParseMatchesYAMLv3OnTrickyFiles(t *testing.T) {
	read := 0
	for _, src := range tricky {
		if sameAsYAMLv3(t, []byte(src)) {
			read++
		}
	}
	if read < 25 {
		t.Errorf("fastParse read only %d of %d small files; it has grown too timid", read, len(tricky))
	}
}

// repoYAML lists every YAML file in the repository.
func repoYAML(t testing.TB) []string {
	var out []string
	filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") && p != ".." {
			return filepath.SkipDir
		}
		if !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			out = append(out, p)
		}
		return nil
	})
	if len(out) < 30 {
		t.Fatalf("found only %d YAML files", len(out))
	}
	return out
}

// TestFastParseMatchesYAMLv3OnTheRepository reads every YAML file in the
// repository both ways, and requires the fast path to read the examples
// and the synthetic strategies of the benchmarks (else it speeds up
// nothing that matters).
func TestFastParseMatchesYAMLv3OnTheRepository(t *testing.T) {
	for _, p := range repoYAML(t) {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
		read := sameAsYAMLv3(t, src)
		if !read && strings.HasPrefix(filepath.ToSlash(p), "../examples/") && !strings.Contains(p, "workflows") && !strings.Contains(p, "mappings") {
			t.Errorf("%s: fastParse leaves an example to yaml.v3", p)
		}
	}
	for i := range 20 {
		if src := synth.Strategy(i, 1+i%4, 1+i%5, i%9); !sameAsYAMLv3(t, src) {
			t.Errorf("fastParse leaves synthetic strategy %d to yaml.v3", i)
		}
	}
}

// FuzzFastParse holds fastParse to yaml.v3 on arbitrary input: whatever it
// reads, yaml.v3 reads the same way.
func FuzzFastParse(f *testing.F) {
	for _, s := range tricky {
		f.Add([]byte(s))
	}
	for _, p := range repoYAML(f) {
		if b, err := os.ReadFile(p); err == nil && len(b) < 16<<10 {
			f.Add(b)
		}
	}
	f.Add(synth.Strategy(1, 2, 2, 2))
	f.Fuzz(func(t *testing.T, src []byte) {
		if !utf8.Valid(src) {
			return // the loader refuses these before parsing
		}
		sameAsYAMLv3(t, src)
	})
}

// TestFastParseLongLines guards against work that grows with the square of
// a line's length (a column counted from the start of the line for each of
// 200,000 flow items took minutes).
func TestFastParseLongLines(t *testing.T) {
	var b strings.Builder
	b.WriteString("a: [")
	for i := range 200_000 {
		fmt.Fprintf(&b, "x%d, ", i)
	}
	b.WriteString("ø]\n")
	type summary struct{ items, lastCol int }
	done := make(chan summary)
	go func() {
		n, release := strategy.FastParse([]byte(b.String()))
		defer release()
		var s summary
		if n != nil {
			items := n.Content[1].Content
			s = summary{len(items), items[len(items)-1].Column}
		}
		done <- s
	}()
	select {
	case s := <-done:
		if s.items != 200_001 || s.lastCol != 1_688_895 {
			t.Fatalf("the long line was read as %d items with the last at column %d; want 200001 and 1688895", s.items, s.lastCol)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("fastParse takes more than 10 s on a 1.7 MB line")
	}
}

// FuzzPlainDecimal: an integer the loader reads without yaml.v3 is one
// yaml.v3 reads as the same integer.
func FuzzPlainDecimal(f *testing.F) {
	for _, s := range []string{"0", "40", "-0", "+7", "060", "1_000", "0x1F", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "+-1", "", "1e3", "٣"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		i, ok := strategy.PlainDecimal(s)
		if !ok {
			return
		}
		n := yaml.Node{Kind: yaml.ScalarNode, Value: s}
		var want int64
		if n.ShortTag() != "!!int" || n.Decode(&want) != nil || want != i {
			t.Fatalf("PlainDecimal(%q) = %d; yaml.v3 reads %s %d", s, i, n.ShortTag(), want)
		}
	})
}

// FuzzResolveTag: the fast reader tags plain scalars as yaml.v3 does.
func FuzzResolveTag(f *testing.F) {
	for _, s := range []string{"", "~", "null", "NULL", "nULL", "true", "True", "tRUE", "yes", "no", "on", "off", "Off",
		"false", "fal", "facebook", "<<", "<", ".inf", ".5", "1", "0x1F", "2027-01-01", "+", "-", "ø", "~x", "o", "y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := (&yaml.Node{Kind: yaml.ScalarNode, Value: s}).ShortTag()
		if s == "<<" {
			want = "!!merge"
		}
		if got := strategy.ResolveTag(s); got != want {
			t.Fatalf("ResolveTag(%q) = %s, yaml.v3 says %s", s, got, want)
		}
	})
}

// FuzzPrintableASCII holds the word-at-a-time test to a byte-by-byte one.
func FuzzPrintableASCII(f *testing.F) {
	f.Add(uint64(0x2020202020202020))
	f.Add(uint64(0x7e7e7e7e7e7e7e7e))
	f.Add(uint64(0x7f20202020202020))
	f.Add(uint64(0x1f20202020202020))
	f.Add(uint64(0x2020202020202080))
	f.Fuzz(func(t *testing.T, w uint64) {
		want := true
		for i := range 8 {
			if b := byte(w >> (8 * i)); b < 0x20 || b > 0x7e {
				want = false
			}
		}
		if got := strategy.PrintableASCII(w); got != want {
			t.Fatalf("PrintableASCII(%#x) = %v, want %v", w, got, want)
		}
	})
}

// FuzzRuneCount holds the loader's word-at-a-time count to utf8's.
func FuzzRuneCount(f *testing.F) {
	for _, s := range []string{"", "a", "abcdefgh", "abcdefghø", "øabcdefghijklmnop", "abcdefgh\xffabc", strings.Repeat("x", 17)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := strategy.RuneCount(s), utf8.RuneCountInString(s); got != want {
			t.Fatalf("RuneCount(%q) = %d, want %d", s, got, want)
		}
	})
}

// yamlGen writes random YAML from the pieces strategies are made of, with
// the indentation, blank lines, comments and block scalar headers varied,
// so that the differential test reaches combinations that mutating bytes
// seldom does.
type yamlGen struct {
	rng *rand.Rand
	b   strings.Builder
}

var (
	genKeys    = []string{"id", "name", "a b", "ø", "x-y", "1", "true", "k:v", "long_key_name", "null", "é"}
	genScalars = []string{"plain", "with space", "a:b", "http://x.example/y", `"09:00"`, "1", "40", "-1", "1.5", "0x1F", "060",
		"2027-01-01", "2027-02-30", "true", "False", "yes", "null", "~", "ø å", "'single'", "'it''s'", `"double"`, `""`, "''",
		"a#b", "4h", "1d12h", ".inf", "-.5", "1e3", "[a, b]", "[]", "{}", "{a: 1, b: [x, 'y']}", "[{id: a}, {id: b, n: 2}]",
		"@handle", "`tick`", "!tag x", "&anchor x", "*alias", "a: b", "- x", "value # note", "value #tag", "%x", "x:", ": x"}
)

func (g *yamlGen) line(indent int, s string) {
	g.b.WriteString(strings.Repeat(" ", indent))
	g.b.WriteString(s)
	if g.rng.IntN(12) == 0 {
		g.b.WriteString(" ")
	}
	g.b.WriteString("\n")
	switch g.rng.IntN(10) {
	case 0:
		g.b.WriteString("\n")
	case 1:
		g.b.WriteString(strings.Repeat(" ", g.rng.IntN(6)) + "# a comment\n")
	}
}

func (g *yamlGen) pick(list []string) string { return list[g.rng.IntN(len(list))] }

// value writes what follows "key:" or "-" at indentation indent.
func (g *yamlGen) value(prefix string, indent, depth int, inMap bool) {
	switch r := g.rng.IntN(10); {
	case r < 4 || depth > 4:
		g.line(indent, prefix+" "+g.pick(genScalars))
	case r == 4:
		g.line(indent, prefix)
	case r == 5:
		header := g.pick([]string{"|", ">", "|-", ">-", "|+", ">+", "|2", "> # c"})
		g.line(indent, prefix+" "+header)
		in := indent + 1 + g.rng.IntN(3)
		for range 1 + g.rng.IntN(4) {
			switch g.rng.IntN(5) {
			case 0:
				g.b.WriteString("\n")
			case 1:
				g.b.WriteString(strings.Repeat(" ", in+1+g.rng.IntN(2)) + "more indented\n")
			default:
				g.b.WriteString(strings.Repeat(" ", in) + g.pick([]string{"text", "ø text", "# not a comment", "a: b", "- x"}) + "\n")
			}
		}
	case r == 6 && inMap && g.rng.IntN(2) == 0:
		g.line(indent, prefix)
		g.seq(indent, depth+1) // a list not indented under its key
	default:
		g.line(indent, prefix)
		in := indent + 1 + g.rng.IntN(4)
		if g.rng.IntN(2) == 0 {
			g.mapping(in, depth+1)
		} else {
			g.seq(in, depth+1)
		}
	}
}

func (g *yamlGen) mapping(indent, depth int) {
	for range 1 + g.rng.IntN(4) {
		g.value(g.pick(genKeys)+":", indent, depth, true)
	}
}

func (g *yamlGen) seq(indent, depth int) {
	for range 1 + g.rng.IntN(3) {
		if g.rng.IntN(3) == 0 {
			// "- key: value" and the rest of its mapping below.
			key := g.pick(genKeys)
			g.value("- "+key+":", indent, depth, true)
			g.mapping(indent+2, depth+1)
			continue
		}
		g.value("-", indent, depth, false)
	}
}

// TestFastParseMatchesYAMLv3OnGeneratedFiles compares both readers on
// 20,000 generated files, and requires the fast reader to read a good share
// of them (else the comparison tests little).
func TestFastParseMatchesYAMLv3OnGeneratedFiles(t *testing.T) {
	rng := rand.New(rand.NewPCG(*genSeed, 11))
	read := 0
	const files = 20000
	for range files {
		g := &yamlGen{rng: rng}
		g.mapping(0, 0)
		src := g.b.String()
		if rng.IntN(20) == 0 {
			src = strings.ReplaceAll(src, "\n", "\r\n")
		}
		if sameAsYAMLv3(t, []byte(src)) {
			read++
		}
	}
	t.Logf("the fast reader read %d of %d generated files", read, files)
	if read < files/5 {
		t.Errorf("the fast reader read only %d of %d generated files", read, files)
	}
}

// genSeed lets a longer search run with other files:
// go test ./strategy -run GeneratedFiles -gen-seed N
var genSeed = flag.Uint64("gen-seed", 7, "seed of TestFastParseMatchesYAMLv3OnGeneratedFiles")
