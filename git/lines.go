package git

import (
	"bufio"
	"bytes"
	"context"
	"math"
	"strconv"
	"strings"
)

// LineRange is a run of lines of a file, 1-based and inclusive.
type LineRange struct{ Start, End int }

// AddedLines lists, for each file that differs between the commits from
// and to, the lines of to's version that the change added or rewrote, as
// git diff -U0 gives them: the lines a pull request review may comment
// on as changed. To "" means the working tree, where an untracked file
// counts as added whole. Files are named as Changed names them.
func (r *Repo) AddedLines(ctx context.Context, from, to string) (map[string][]LineRange, error) {
	args := []string{"diff", "-U0", "--no-renames", "--no-color", "--no-ext-diff", "--src-prefix=a/", "--dst-prefix=b/", "--end-of-options", from}
	if to != "" {
		args = append(args, to)
	}
	out, err := run(ctx, r.Top, args...)
	if err != nil {
		return nil, err
	}
	lines := parseAddedLines(out)
	if to == "" {
		if untracked, err := run(ctx, r.Top, "ls-files", "-z", "--others", "--exclude-standard"); err == nil {
			for _, n := range strings.Split(string(untracked), "\x00") {
				if n != "" {
					lines[n] = []LineRange{{1, math.MaxInt}}
				}
			}
		}
	}
	return lines, nil
}

// parseAddedLines reads the new side of each hunk header ("@@ -a,b +c,d
// @@": d lines from c, one when ",d" is left out, none when d is 0) under
// each file's "+++ b/name" line.
func parseAddedLines(diff []byte) map[string][]LineRange {
	out := map[string][]LineRange{}
	file := ""
	sc := bufio.NewScanner(bytes.NewReader(diff))
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "+++ "):
			name := strings.TrimPrefix(line, "+++ ")
			if strings.HasPrefix(name, `"`) {
				// git quotes names with unusual bytes, C-style.
				if u, err := strconv.Unquote(name); err == nil {
					name = u
				}
			}
			file = ""
			if rest, ok := strings.CutPrefix(name, "b/"); ok {
				file = rest
			}
		case strings.HasPrefix(line, "@@ ") && file != "":
			f := strings.Fields(line)
			if len(f) < 3 || !strings.HasPrefix(f[2], "+") {
				continue
			}
			startText, countText, hasCount := strings.Cut(f[2][1:], ",")
			start, err1 := strconv.Atoi(startText)
			count := 1
			var err2 error
			if hasCount {
				count, err2 = strconv.Atoi(countText)
			}
			if err1 != nil || err2 != nil || count <= 0 || start < 1 {
				continue
			}
			out[file] = append(out[file], LineRange{start, start + count - 1})
		}
	}
	return out
}
