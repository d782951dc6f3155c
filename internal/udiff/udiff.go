// Package udiff writes the difference between two versions of a text file
// as a unified diff, the form `git apply` and `patch -p1` read, so that
// `pillar fix --dry-run` shows what it would change in a form people
// review and tools apply.
package udiff

import (
	"bytes"
	"fmt"
	"strings"
)

// Context is how many unchanged lines a hunk shows around its changes.
const Context = 3

// maxEdits bounds the edit script the line comparison looks for. Past it
// the lines between the first and the last difference are shown as
// replaced as a whole: still a correct diff, found in time linear in the
// files' size (the Myers search costs (N+M)·D time and D² memory).
const maxEdits = 2000

// Diff returns the unified diff that turns old into new, with the file
// names in its --- and +++ header lines, or nil when they are equal. Lines
// keep their own endings (a CRLF file diffs as CRLF); a last line without
// one is marked "\ No newline at end of file" as diff(1) does.
func Diff(oldName, newName string, old, new []byte) []byte {
	if bytes.Equal(old, new) {
		return nil
	}
	a, b := splitLines(old), splitLines(new)
	ops := compare(a, b)
	var out bytes.Buffer
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", oldName, newName)
	for _, h := range hunks(ops) {
		writeHunk(&out, ops, h, a, b)
	}
	return out.Bytes()
}

// splitLines cuts text after each "\n"; the last line may lack one.
func splitLines(s []byte) []string {
	var lines []string
	for len(s) > 0 {
		i := bytes.IndexByte(s, '\n')
		if i < 0 {
			lines = append(lines, string(s))
			break
		}
		lines = append(lines, string(s[:i+1]))
		s = s[i+1:]
	}
	return lines
}

// op is one line of the edit script: kept (both indexes), deleted from a
// (j < 0) or inserted from b (i < 0).
type op struct{ i, j int }

// compare returns an edit script from a to b: the lines they share at
// both ends, then a shortest script for the middle (Myers, "An O(ND)
// Difference Algorithm and Its Variations", 1986), or the middle replaced
// whole when that script would be longer than maxEdits.
func compare(a, b []string) []op {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []op
	for k := 0; k < pre; k++ {
		ops = append(ops, op{k, k})
	}
	ops = append(ops, myers(a[pre:len(a)-suf], b[pre:len(b)-suf], pre)...)
	for k := 0; k < suf; k++ {
		ops = append(ops, op{len(a) - suf + k, len(b) - suf + k})
	}
	return ops
}

// myers finds a shortest edit script from a to b, with indexes shifted by
// off; past maxEdits it gives up and replaces a with b.
func myers(a, b []string, off int) []op {
	n, m := len(a), len(b)
	replace := func() []op {
		ops := make([]op, 0, n+m)
		for i := range n {
			ops = append(ops, op{off + i, -1})
		}
		for j := range m {
			ops = append(ops, op{-1, off + j})
		}
		return ops
	}
	if n == 0 || m == 0 {
		return replace()
	}
	limit := min(n+m, maxEdits)
	base := limit + 1           // v[k+base] is the furthest x on diagonal k
	v := make([]int, 2*limit+3) // k runs from -limit-1 to limit+1
	var trace [][]int
	found := -1
	for d := 0; d <= limit && found < 0; d++ {
		trace = append(trace, append([]int(nil), v...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[k-1+base] < v[k+1+base]) {
				x = v[k+1+base] // down: a line of b inserted
			} else {
				x = v[k-1+base] + 1 // right: a line of a deleted
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[k+base] = x
			if x >= n && y >= m {
				found = d
				break
			}
		}
	}
	if found < 0 {
		return replace()
	}
	// Walk back from (n, m) through the frontier saved before each step.
	var rev []op
	x, y := n, m
	for d := found; d > 0; d-- {
		prev := trace[d]
		k := x - y
		pk := k - 1
		if k == -d || (k != d && prev[k-1+base] < prev[k+1+base]) {
			pk = k + 1
		}
		px := prev[pk+base]
		py := px - pk
		// The snake after the step: kept lines.
		sx, sy := px, py
		if pk == k+1 {
			sy++
		} else {
			sx++
		}
		for x > sx && y > sy {
			x, y = x-1, y-1
			rev = append(rev, op{off + x, off + y})
		}
		if pk == k+1 {
			rev = append(rev, op{-1, off + py})
		} else {
			rev = append(rev, op{off + px, -1})
		}
		x, y = px, py
	}
	for x > 0 && y > 0 {
		x, y = x-1, y-1
		rev = append(rev, op{off + x, off + y})
	}
	ops := make([]op, len(rev))
	for i, o := range rev {
		ops[len(rev)-1-i] = o
	}
	return ops
}

// span is a hunk: ops[start:end] of the edit script.
type span struct{ start, end int }

// hunks groups the changes of an edit script with Context lines around
// each, merging groups whose contexts would touch or overlap.
func hunks(ops []op) []span {
	var out []span
	changed := func(o op) bool { return o.i < 0 || o.j < 0 }
	i := 0
	for i < len(ops) {
		for i < len(ops) && !changed(ops[i]) {
			i++
		}
		if i == len(ops) {
			break
		}
		start, end := max(0, i-Context), i
		for {
			for end < len(ops) && changed(ops[end]) {
				end++
			}
			k := end
			for k < len(ops) && !changed(ops[k]) {
				k++
			}
			if k < len(ops) && k-end <= 2*Context {
				end = k
				continue
			}
			end = min(end+Context, len(ops))
			break
		}
		out = append(out, span{start, end})
		i = end
	}
	return out
}

func writeHunk(out *bytes.Buffer, ops []op, h span, a, b []string) {
	aBefore, bBefore := 0, 0
	for _, o := range ops[:h.start] {
		if o.i >= 0 {
			aBefore++
		}
		if o.j >= 0 {
			bBefore++
		}
	}
	aLen, bLen := 0, 0
	for _, o := range ops[h.start:h.end] {
		if o.i >= 0 {
			aLen++
		}
		if o.j >= 0 {
			bLen++
		}
	}
	fmt.Fprintf(out, "@@ -%s +%s @@\n", rangeText(aBefore, aLen), rangeText(bBefore, bLen))
	for _, o := range ops[h.start:h.end] {
		switch {
		case o.i >= 0 && o.j >= 0:
			line(out, ' ', a[o.i])
		case o.i >= 0:
			line(out, '-', a[o.i])
		default:
			line(out, '+', b[o.j])
		}
	}
}

// rangeText writes one side of a hunk header: its first line (1-based)
// and length, the length left out when it is 1; an empty side names the
// line it follows, as diff(1) does.
func rangeText(before, n int) string {
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", before)
	case 1:
		return fmt.Sprintf("%d", before+1)
	}
	return fmt.Sprintf("%d,%d", before+1, n)
}

func line(out *bytes.Buffer, mark byte, s string) {
	out.WriteByte(mark)
	out.WriteString(s)
	if !strings.HasSuffix(s, "\n") {
		out.WriteString("\n\\ No newline at end of file\n")
	}
}
