package schema

import (
	"sort"
)

// Skipped is a fix Apply left out, and why.
type Skipped struct {
	// Fix is the fix left out.
	Fix Fix
	// Reason says why, e.g. "overlaps an earlier fix".
	Reason string
}

// Apply applies fixes to the content of one file and returns the new
// content, the fixes applied (in file order) and those left out. Only the
// bytes of the fixes applied change; everything else (comments, quoting,
// blank lines, line endings) is copied as it was. A fix is left out when
// its range is not in the file, when the file no longer reads Old there,
// or when it overlaps a fix applied before it: fixes are taken in the
// order given (the order of the findings), so the first of two
// overlapping fixes wins. A fix the same as one applied before it (a value
// two findings share, through an alias or a merge key) is neither applied
// again nor reported. Fixes of other files are ignored; callers group
// them by file.
func Apply(content []byte, fixes []Fix) (out []byte, applied []Fix, skipped []Skipped) {
	type taken struct {
		start, end int
		new        string
	}
	var accepted []Fix
	var ranges []taken // the accepted ranges, by start: none overlap
	// overlaps reports whether f shares a byte with an accepted range, or
	// starts where one does (two insertions at one place have no order).
	// Only the neighbours of f's place can, since the ranges are disjoint.
	overlaps := func(f Fix) (int, bool) {
		i := sort.Search(len(ranges), func(i int) bool { return ranges[i].start >= f.Start })
		if i < len(ranges) && (ranges[i].start == f.Start || ranges[i].start < f.End) {
			return i, true
		}
		if i > 0 && ranges[i-1].end > f.Start {
			return i, true
		}
		return i, false
	}
	for _, f := range fixes {
		switch {
		case f.Start < 0 || f.End < f.Start || f.End > len(content):
			skipped = append(skipped, Skipped{f, "its range is not in the file"})
		case string(content[f.Start:f.End]) != f.Old:
			skipped = append(skipped, Skipped{f, "the file has changed there"})
		default:
			i, clash := overlaps(f)
			if clash && i < len(ranges) && ranges[i] == (taken{f.Start, f.End, f.New}) {
				continue // the same change, asked for twice
			}
			if clash {
				skipped = append(skipped, Skipped{f, "it overlaps an earlier fix"})
				continue
			}
			accepted = append(accepted, f)
			ranges = append(ranges, taken{})
			copy(ranges[i+1:], ranges[i:])
			ranges[i] = taken{f.Start, f.End, f.New}
		}
	}
	sort.SliceStable(accepted, func(i, j int) bool { return accepted[i].Start < accepted[j].Start })
	size := len(content)
	for _, f := range accepted {
		size += len(f.New) - (f.End - f.Start)
	}
	out = make([]byte, 0, size)
	at := 0
	for _, f := range accepted {
		out = append(out, content[at:f.Start]...)
		out = append(out, f.New...)
		at = f.End
	}
	out = append(out, content[at:]...)
	return out, accepted, skipped
}
