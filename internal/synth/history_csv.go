package synth

import (
	"math/bits"
	"strconv"
	"strings"
	"time"
)

// rng is SplitMix64: small, fast, and owned by this package, so that the
// committed sample data does not change when Go's math/rand does. Draws
// use integer arithmetic only; floating point could round differently on
// another architecture (fused multiply-add), and the samples are compared
// byte for byte.
type rng struct{ s uint64 }

func newRNG(seed, stream uint64) *rng {
	r := &rng{s: seed ^ stream*0xD1B54A32D192ED03}
	r.u64()
	return r
}

func (r *rng) u64() uint64 {
	r.s += 0x9E3779B97F4A7C15
	z := r.s
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// intn returns a number in [0, n); 0 when n <= 0.
func (r *rng) intn(n int) int {
	if n <= 0 {
		return 0
	}
	hi, _ := bits.Mul64(r.u64(), uint64(n))
	return int(hi)
}

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int64) int64 { return lo + int64(r.intn(int(hi-lo+1))) }

// hit draws true with the probability whose threshold share gave.
func (r *rng) hit(threshold uint64) bool { return threshold > 0 && r.u64()>>11 < threshold }

func (r *rng) shuffle(n int, swap func(i, j int)) {
	for i := n - 1; i > 0; i-- {
		swap(i, r.intn(i+1))
	}
}

// share turns a probability into a threshold for rng.hit: a 53-bit draw is
// below it with that probability. Scaling by a power of two is exact.
func share(p float64) uint64 {
	switch {
	case p <= 0:
		return 0
	case p >= 1:
		return 1 << 53
	}
	return uint64(p * (1 << 53))
}

// permille rounds a probability to thousandths, for messages.
func permille(p float64) int { return int(p*1000 + 0.5) }

// pick returns a random element of list, or "" from an empty one.
func pick(r *rng, list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[r.intn(len(list))]
}

// appendField appends a CSV field, quoted when it holds a comma, a quote or
// a line break (RFC 4180; encoding/csv reads it back).
func appendField[T string | []byte](b []byte, s T) []byte {
	quote := false
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == ',' || c == '"' || c == '\n' || c == '\r' {
			quote = true
			break
		}
	}
	if !quote {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

// appendID appends an id: a letter and at least eight digits.
func appendID(b []byte, prefix byte, n int64) []byte {
	b = append(b, prefix)
	for w := int64(10_000_000); w > 1 && n < w; w /= 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, n, 10)
}

// appendTime appends an instant as RFC 3339 in loc, to the second.
func appendTime(b []byte, at int64, loc *time.Location) []byte {
	return time.Unix(at, 0).In(loc).AppendFormat(b, time.RFC3339)
}

// platformModel holds a network's typical numbers: median reach, and the
// interactions they bring, in integers (per mille) so that every machine
// computes the same metrics.
type platformModel struct {
	reach       int64 // median reach of a post
	engagement  int64 // likes + comments + shares + saves per 1000 reached
	comments    int64 // per 1000 likes
	shares      int64 // per 1000 likes
	saves       int64 // per 1000 likes
	clicks      int64 // per 1000 reached
	impressions int64 // per 1000 reached (at least 1000)
}

var platformModels = map[string]*platformModel{
	"instagram": {4200, 32, 60, 50, 90, 4, 1450},
	"tiktok":    {9000, 38, 50, 80, 60, 2, 1250},
	"facebook":  {1800, 22, 120, 100, 10, 12, 1600},
	"linkedin":  {3200, 40, 80, 60, 20, 15, 1900},
	"youtube":   {2500, 50, 70, 30, 40, 10, 2200},
	"pinterest": {2200, 14, 10, 20, 600, 12, 1700},
	"x":         {1500, 18, 150, 200, 20, 10, 1800},
	"twitter":   {1500, 18, 150, 200, 20, 10, 1800},
	"threads":   {1200, 30, 120, 60, 10, 3, 1400},
}

var defaultModel = &platformModel{2000, 30, 80, 60, 40, 8, 1500}

func modelFor(platform string) *platformModel {
	if m, ok := platformModels[strings.ToLower(platform)]; ok {
		return m
	}
	return defaultModel
}

// Log-normal multipliers (per mille) at the midpoints of 32 equally likely
// bins: σ = 0.5 for reach, σ = 0.3 for the engagement rate.
var (
	wideNoise   = [32]int64{341, 433, 492, 541, 583, 623, 660, 696, 731, 766, 800, 835, 870, 906, 943, 981, 1020, 1061, 1104, 1149, 1197, 1249, 1306, 1368, 1437, 1515, 1605, 1714, 1850, 2032, 2312, 2936}
	narrowNoise = [32]int64{524, 605, 654, 691, 724, 753, 779, 805, 829, 852, 875, 898, 920, 943, 965, 988, 1012, 1036, 1061, 1087, 1114, 1143, 1174, 1207, 1243, 1283, 1328, 1382, 1446, 1530, 1653, 1908}
	// hourEffect is the engagement rate by local hour, per mille: evenings
	// do best, nights worst, so that an audit has best hours to find.
	hourEffect = [24]int64{700, 650, 600, 600, 600, 650, 750, 850, 950, 1000, 1000, 1050, 1100, 1050, 1000, 1000, 1050, 1100, 1200, 1250, 1250, 1150, 950, 800}
	// pillarEffect is the engagement rate by pillar (in declared order,
	// repeating), per mille, so that some pillars out-perform others.
	pillarEffect = []int64{1000, 1180, 900, 1080, 950, 1120}
)

// Metric columns in canonical order.
const (
	mLikes = iota
	mComments
	mShares
	mSaves
	mClicks
	mImpressions
	mReach
	numMetrics
)

// metrics draws a post's numbers. Late posts engage less, tactic posts reach
// further and draw more comments.
func metrics(r *rng, m *platformModel, pillar, hour int, late, tactic bool) (v [numMetrics]int64) {
	reach := m.reach * wideNoise[r.intn(32)] / 1000
	if tactic {
		reach = reach * 13 / 10
	}
	reach = max(reach, 1)
	pe := int64(1000)
	if pillar >= 0 {
		pe = pillarEffect[pillar%len(pillarEffect)]
	}
	inter := reach * m.engagement * narrowNoise[r.intn(32)] * hourEffect[hour%24] * pe / 1_000_000_000_000
	if late {
		inter = inter * 85 / 100
	}
	likes := inter * 1000 / (1000 + m.comments + m.shares + m.saves)
	v[mLikes] = likes
	v[mComments] = (likes*m.comments + int64(r.intn(1000))) / 1000
	if tactic {
		v[mComments] *= 3
	}
	v[mShares] = (likes*m.shares + int64(r.intn(1000))) / 1000
	v[mSaves] = (likes*m.saves + int64(r.intn(1000))) / 1000
	v[mClicks] = (reach*m.clicks*narrowNoise[r.intn(32)] + int64(r.intn(1_000_000))) / 1_000_000
	v[mImpressions] = max(reach*m.impressions/1000*(950+int64(r.intn(101)))/1000, reach)
	v[mReach] = reach
	return v
}
