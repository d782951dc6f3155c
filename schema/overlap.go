package schema

import (
	"sort"

	"github.com/pillar-strategy/pillar/strategy"
)

// daySpan is a period of whole days, both ends included, belonging to the
// item at idx (a campaign's place in its list).
type daySpan struct {
	from, to int64
	idx      int
}

// dateSpan turns a period of dates into days since 1970.
func dateSpan(from, to strategy.Date, idx int) daySpan {
	const day = 24 * 60 * 60
	return daySpan{from: from.Time().Unix() / day, to: to.Time().Unix() / day, idx: idx}
}

// overlapSet is a set of periods to look in and the periods to look for.
type overlapSet struct {
	points, queries []daySpan
}

// earliestOverlaps returns, for each query, the k smallest idx among the
// points that share a day with it (a query finds itself when it is also a
// point), in ascending order.
//
// Two periods share a day when each starts before the other ends. The
// queries are taken in the order they end: by then every point that starts
// before the end is in a Fenwick tree keyed by where it ends, so the points
// that also end after the query starts are a prefix of the tree (it is
// built back to front), and each node keeps the k smallest idx below it.
// That is n log n work with k held small, where comparing every pair would
// be n² (the 4.5 million pairs of 3,000 campaigns on the same days).
func earliestOverlaps(points, queries []daySpan, k int) [][]int {
	out := make([][]int, len(queries))
	if len(points) == 0 || len(queries) == 0 {
		return out
	}
	// Where points end, sorted, latest first: a point's place in the tree.
	ends := make([]int64, len(points))
	for i, p := range points {
		ends[i] = p.to
	}
	sort.Slice(ends, func(i, j int) bool { return ends[i] > ends[j] })
	place := func(end int64) int { // 1-based place of the last end ≥ end
		return sort.Search(len(ends), func(i int) bool { return ends[i] < end })
	}
	byStart := append([]daySpan(nil), points...)
	sort.Slice(byStart, func(i, j int) bool { return byStart[i].from < byStart[j].from })
	order := make([]int, len(queries))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return queries[order[a]].to < queries[order[b]].to })

	tree := make([][]int, len(ends)+1)
	next := 0
	for _, qi := range order {
		q := queries[qi]
		for ; next < len(byStart) && byStart[next].from <= q.to; next++ {
			p := byStart[next]
			// Ends are sorted latest first, so the first place holding
			// this end is where the point goes.
			for i := sort.Search(len(ends), func(i int) bool { return ends[i] <= p.to }) + 1; i < len(tree); i += i & -i {
				tree[i] = keepSmallest(tree[i], []int{p.idx}, k)
			}
		}
		var got []int
		for i := place(q.from); i > 0; i -= i & -i {
			got = keepSmallest(got, tree[i], k)
		}
		out[qi] = got
	}
	return out
}

// keepSmallest merges two ascending lists and keeps the k smallest values,
// each once.
func keepSmallest(a, b []int, k int) []int {
	out := make([]int, 0, min(k, len(a)+len(b)))
	i, j := 0, 0
	for len(out) < k && (i < len(a) || j < len(b)) {
		var v int
		switch {
		case j >= len(b) || (i < len(a) && a[i] <= b[j]):
			v = a[i]
			i++
		default:
			v = b[j]
			j++
		}
		if len(out) > 0 && out[len(out)-1] == v {
			continue
		}
		out = append(out, v)
	}
	return out
}
