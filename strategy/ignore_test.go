package strategy

import (
	"fmt"
	"strings"
	"testing"
)

func TestIgnoreCommentsList(t *testing.T) {
	src := "\xef\xbb\xbfa: 1  # pillar:ignore rule-a\r\n" + // 1
		"# pillar:ignore rule-b, rule-c\n" + // 2
		"# another comment\n" + // 3
		"\n" + // 4
		"b: 2\n" + // 5
		"c: 3 # pillar:ignore\n" + // 6
		"# pillar:ignore-file rule-z\n" + // 7
		"d: 4 #pillar:ignore-file\n" + // 8
		"e: 5 # pillar:ignored is another word\n" + // 9
		"# pillar:ignore rule-y\n" // 10: nothing after it
	var got []string
	for _, c := range IgnoreComments([]byte(src)) {
		got = append(got, fmt.Sprintf("%d→%d file=%v %v", c.Line, c.Target, c.File, c.Rules))
	}
	want := []string{
		"1→1 file=false [rule-a]",
		"2→5 file=false [rule-b rule-c]",
		"6→6 file=false []",
		"7→0 file=true [rule-z]",
		"8→0 file=true []",
		"10→0 file=false [rule-y]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// FuzzIgnoreComments: any bytes give comments in line order whose targets
// are lines that hold a value, after only blank and comment lines, and
// the loader's line map silences exactly those targets.
func FuzzIgnoreComments(f *testing.F) {
	for _, s := range []string{
		"a: 1 # pillar:ignore x\n",
		"# pillar:ignore\n\n# c\nb: 2\n",
		"# pillar:ignore-file a,b\n",
		"x: '#pillar:ignore' # pillar:ignore y # z\n",
		"# pillar:ignore a\r\n# pillar:ignore b\r\nc: d # pillar:ignore e\r\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		comments := IgnoreComments(src)
		lines := splitLines([]byte(strings.TrimPrefix(string(src), "\xef\xbb\xbf")))
		last := 0
		targets := map[int]bool{}
		for _, c := range comments {
			if c.Line <= last || c.Line > len(lines) {
				t.Fatalf("comment on line %d after line %d, of %d lines", c.Line, last, len(lines))
			}
			last = c.Line
			if c.File && c.Target != 0 || c.Target != 0 && c.Target < c.Line || c.Target > len(lines) {
				t.Fatalf("comment on line %d silences line %d", c.Line, c.Target)
			}
			if c.Target > c.Line {
				if strings.TrimSpace(lines[c.Target-1]) == "" {
					t.Fatalf("line %d is blank, yet silenced", c.Target)
				}
				for _, l := range lines[c.Line : c.Target-1] {
					if tr := strings.TrimSpace(l); tr != "" && !strings.HasPrefix(tr, "#") {
						t.Fatalf("comment on line %d skips the value %q to silence line %d", c.Line, l, c.Target)
					}
				}
			}
			if c.Target > 0 {
				targets[c.Target] = true
			}
		}
		for line := range scanIgnores(lines) {
			if line != 0 && !targets[line] {
				t.Fatalf("the loader silences line %d, which no comment targets", line)
			}
		}
	})
}
