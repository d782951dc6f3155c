package udiff

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// patch applies a unified diff produced by Diff to old, checking every
// context and deleted line: the reference the property tests hold Diff to.
func patch(t *testing.T, old []byte, diff []byte) []byte {
	t.Helper()
	a := splitLines(old)
	lines := splitLines(diff)
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "--- ") || !strings.HasPrefix(lines[1], "+++ ") {
		t.Fatalf("no header in %q", diff)
	}
	var out []string
	next := 0 // next line of a not yet copied
	for k := 2; k < len(lines); {
		h := lines[k]
		var as, al, bs, bl int
		if _, err := fmt.Sscanf(h, "@@ -%s +%s @@", new(string), new(string)); err != nil {
			t.Fatalf("bad hunk header %q", h)
		}
		f := strings.Fields(h)
		as, al = rng(t, f[1][1:])
		bs, bl = rng(t, f[2][1:])
		_ = bs
		first := as - 1
		if al == 0 {
			first = as
		}
		if first < next {
			t.Fatalf("hunks overlap or go backwards at %q", h)
		}
		out = append(out, a[next:first]...)
		next = first
		k++
		gotA, gotB := 0, 0
		for k < len(lines) && !strings.HasPrefix(lines[k], "@@") {
			l := lines[k]
			body := l[1:]
			if k+1 < len(lines) && lines[k+1] == "\\ No newline at end of file\n" {
				body = strings.TrimSuffix(body, "\n")
				k++
			}
			switch l[0] {
			case ' ', '-':
				if next >= len(a) || a[next] != body {
					t.Fatalf("line %d of old is %q, the diff says %q", next+1, at(a, next), body)
				}
				if l[0] == ' ' {
					out = append(out, body)
					gotB++
				}
				next++
				gotA++
			case '+':
				out = append(out, body)
				gotB++
			default:
				t.Fatalf("bad diff line %q", l)
			}
			k++
		}
		if gotA != al || gotB != bl {
			t.Fatalf("hunk %q has %d/%d lines", h, gotA, gotB)
		}
	}
	out = append(out, a[next:]...)
	return []byte(strings.Join(out, ""))
}

func at(a []string, i int) string {
	if i < len(a) {
		return a[i]
	}
	return "<end of file>"
}

func rng(t *testing.T, s string) (int, int) {
	start, n, ok := strings.Cut(s, ",")
	a, err := strconv.Atoi(start)
	if err != nil {
		t.Fatalf("bad range %q", s)
	}
	if !ok {
		return a, 1
	}
	b, err := strconv.Atoi(n)
	if err != nil {
		t.Fatalf("bad range %q", s)
	}
	return a, b
}

// lcs is the textbook dynamic-programming longest common subsequence of
// lines, for small inputs: a shortest script changes len(a)+len(b)-2·lcs
// lines.
func lcs(a, b []string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			if a[i-1] == b[j-1] {
				cur[j] = prev[j-1] + 1
			} else {
				cur[j] = max(prev[j], cur[j-1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func randomText(r *rand.Rand, n int) []byte {
	var b bytes.Buffer
	for range n {
		b.WriteString([]string{"a", "b", "c", "key: value", "", "  - x"}[r.IntN(6)])
		if r.IntN(8) == 0 {
			b.WriteByte('\r')
		}
		b.WriteByte('\n')
	}
	if r.IntN(3) == 0 && b.Len() > 0 {
		b.Truncate(b.Len() - 1) // no newline at the end
	}
	return b.Bytes()
}

// TestDiffRoundTrip: patching old with the diff gives new, for random
// texts and edits, and the script is as short as the longest common
// subsequence allows.
func TestDiffRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		old := randomText(r, r.IntN(30))
		var neu []byte
		if r.IntN(2) == 0 {
			neu = randomText(r, r.IntN(30))
		} else {
			lines := splitLines(old)
			for k := range lines {
				if r.IntN(5) == 0 {
					lines[k] = "changed " + strconv.Itoa(k) + "\n"
				}
			}
			neu = []byte(strings.Join(lines, ""))
		}
		d := Diff("a/f", "b/f", old, neu)
		if bytes.Equal(old, neu) {
			if d != nil {
				t.Fatalf("case %d: diff of equal texts: %q", i, d)
			}
			continue
		}
		if got := patch(t, old, d); !bytes.Equal(got, neu) {
			t.Fatalf("case %d: patched\n%q\nwith\n%s\ngave\n%q\nwant\n%q", i, old, d, got, neu)
		}
		a, b := splitLines(old), splitLines(neu)
		changed := 0
		for _, l := range splitLines(d)[2:] {
			if l[0] == '+' || l[0] == '-' {
				changed++
			}
		}
		if want := len(a) + len(b) - 2*lcs(a, b); changed != want {
			t.Fatalf("case %d: %d lines changed, a shortest script changes %d:\n%s", i, changed, want, d)
		}
	}
}

// TestDiffGivesUpGracefully: past maxEdits the middle is replaced whole,
// which is still a diff that applies.
func TestDiffGivesUpGracefully(t *testing.T) {
	var a, b strings.Builder
	for i := range 3 * maxEdits {
		fmt.Fprintf(&a, "a%d\n", i)
		fmt.Fprintf(&b, "b%d\n", i)
	}
	old, neu := []byte("same\n"+a.String()+"end\n"), []byte("same\n"+b.String()+"end\n")
	d := Diff("a/f", "b/f", old, neu)
	if got := patch(t, old, d); !bytes.Equal(got, neu) {
		t.Fatal("the given-up diff does not apply")
	}
}

func TestDiffForm(t *testing.T) {
	old := []byte("one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\neleven\ntwelve\n")
	neu := []byte("one\ntwo\nTHREE\nfour\nfive\nsix\nseven\neight\nnine\nten\nELEVEN\ntwelve")
	// As GNU diff -u writes it: seven kept lines between the changes
	// are more than two contexts, so two hunks.
	want := `--- a/f
+++ b/f
@@ -1,6 +1,6 @@
 one
 two
-three
+THREE
 four
 five
 six
@@ -8,5 +8,5 @@
 eight
 nine
 ten
-eleven
-twelve
+ELEVEN
+twelve
\ No newline at end of file
`
	if got := string(Diff("a/f", "b/f", old, neu)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	far := []byte("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n")
	farNew := bytes.Replace(bytes.Replace(far, []byte("2\n"), []byte("two\n"), 1), []byte("15\n"), []byte("fifteen\n"), 1)
	wantFar := `--- a/f
+++ b/f
@@ -1,5 +1,5 @@
 1
-2
+two
 3
 4
 5
@@ -12,5 +12,5 @@
 12
 13
 14
-15
+fifteen
 16
`
	if got := string(Diff("a/f", "b/f", far, farNew)); got != wantFar {
		t.Errorf("got\n%s\nwant\n%s", got, wantFar)
	}
}

// TestGitApplies: git, when installed, applies the diff and gets the same
// file, CRLF lines and a missing last newline included.
func TestGitApplies(t *testing.T) {
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	old := []byte("version: 1\r\nbrand:\r\n  timezone: Oslo\r\n  name: Nordlys\r\npillars: []")
	neu := []byte("version: 1\r\nbrand:\r\n  timezone: Europe/Oslo\r\n  name: Nordlys\r\npillars: [a]")
	if err := os.WriteFile(filepath.Join(dir, "s.yaml"), old, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "p.diff"), Diff("a/s.yaml", "b/s.yaml", old, neu), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(git, "apply", "--unsafe-paths", "--whitespace=nowarn", "p.diff")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git apply: %v\n%s", err, out)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "s.yaml"))
	if !bytes.Equal(got, neu) {
		t.Fatalf("git apply gave %q", got)
	}
}
