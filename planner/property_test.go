package planner

import (
	"fmt"
	"math"
	"math/rand"
	"reflect"
	"testing"

	"github.com/pillar-strategy/pillar/strategy"
)

// randomStrategy builds a strategy with random pillar weights (2 to 8
// pillars, sometimes the hard case 1/1/1/5/5/5) and one to three channels
// with random cadences, zones and, sometimes, their own weights.
func randomStrategy(rng *rand.Rand) *strategy.Strategy {
	s := &strategy.Strategy{Brand: strategy.Brand{Name: "Prop", Timezone: "Europe/Oslo"}}
	weights := func() []float64 {
		if rng.Intn(5) == 0 {
			return []float64{1, 1, 1, 5, 5, 5}
		}
		w := make([]float64, 2+rng.Intn(7))
		for i := range w {
			if rng.Intn(2) == 0 {
				w[i] = float64(1 + rng.Intn(60))
			} else {
				w[i] = float64(1+rng.Intn(60000)) / 1000
			}
		}
		return w
	}
	for i, w := range weights() {
		s.Pillars = append(s.Pillars, strategy.Pillar{ID: fmt.Sprintf("p%d", i), Name: fmt.Sprintf("P%d", i), Weight: w})
	}
	zones := []string{"Europe/Oslo", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", ""}
	days := []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
	for c := 0; c < 1+rng.Intn(3); c++ {
		ch := strategy.Channel{ID: fmt.Sprintf("c%d", c), Platform: "instagram", Timezone: zones[rng.Intn(len(zones))]}
		cad := &strategy.Cadence{}
		if rng.Intn(4) == 0 {
			cad.RRule = []string{"FREQ=DAILY;BYHOUR=9,14;BYMINUTE=0", "FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=2;BYMINUTE=30", "FREQ=HOURLY;INTERVAL=5"}[rng.Intn(3)]
		} else {
			for _, d := range days {
				if rng.Intn(2) == 0 {
					cad.Days = append(cad.Days, d)
				}
			}
			for k := 0; k < 1+rng.Intn(3); k++ {
				cad.Times = append(cad.Times, fmt.Sprintf("%02d:%02d", rng.Intn(24), 15*rng.Intn(4)))
			}
		}
		ch.Cadence = cad
		if rng.Intn(3) == 0 {
			ch.Pillars = map[string]float64{}
			for i, w := range weights() {
				if i < len(s.Pillars) {
					ch.Pillars[s.Pillars[i].ID] = w
				}
			}
		}
		s.Channels = append(s.Channels, ch)
	}
	return s
}

func randomHorizon(rng *rand.Rand) (strategy.Date, strategy.Date) {
	from := d(2026, 1, 1).AddDays(rng.Intn(3 * 365))
	return from, from.AddDays(1 + rng.Intn(700))
}

// TestPlanPropertyPillarMix: on every channel, at every prefix of its slots,
// each pillar's count is within Tijdeman's bound 1 − 1/(2n−2) of its ideal
// share, so over the whole horizon it is within 1 of slots × weight.
func TestPlanPropertyPillarMix(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	runs := 150
	if testing.Short() {
		runs = 20
	}
	for run := 0; run < runs; run++ {
		s := randomStrategy(rng)
		from, to := randomHorizon(rng)
		cal := mustPlan(t, s, from, to)
		for ci, ch := range s.Channels {
			weights := make([]float64, len(s.Pillars))
			for i, p := range s.Pillars {
				weights[i] = p.Weight
				if ch.Pillars != nil {
					weights[i] = ch.Pillars[p.ID]
				}
			}
			var sum float64
			n := 0
			for _, w := range weights {
				if w > 0 {
					sum += w
					n++
				}
			}
			bound := 1 - 1/float64(2*n-2)
			count := make(map[string]int)
			idx := map[string]int{}
			for i, p := range s.Pillars {
				idx[p.ID] = i
			}
			slots := 0
			for _, sl := range cal.Slots {
				if sl.Channel != ch.ID {
					continue
				}
				slots++
				count[sl.Pillar]++
				for i, p := range s.Pillars {
					ideal := float64(slots) * weights[i] / sum
					if dev := math.Abs(float64(count[p.ID]) - ideal); dev > bound+1e-9 {
						t.Fatalf("run %d channel %d weights %v: after %d slots pillar %s has %d, ideal %.3f (bound %.3f)",
							run, ci, weights, slots, p.ID, count[p.ID], ideal, bound)
					}
				}
			}
			for i, p := range s.Pillars {
				if dev := math.Abs(float64(count[p.ID]) - float64(slots)*weights[i]/sum); dev >= 1 {
					t.Fatalf("run %d channel %d: %s has %d of %d slots, off by %.3f", run, ci, p.ID, count[p.ID], slots, dev)
				}
			}
		}
	}
}

// TestPlanPropertyExtension: planning further ahead from the same first day
// never changes a slot that was already planned, tactics, campaigns and
// blackouts included.
func TestPlanPropertyExtension(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	runs := 100
	if testing.Short() {
		runs = 15
	}
	for run := 0; run < runs; run++ {
		s := randomStrategy(rng)
		from, to := randomHorizon(rng)
		s.Tactics = []strategy.Tactic{{ID: "tac", Name: "Tactic", Pillar: s.Pillars[0].ID, Channels: []string{"c0"},
			Schedule: strategy.Schedule{RRule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", Time: "12:00"}}}
		s.Calendar = &strategy.Calendar{
			Blackouts: []strategy.Blackout{{From: from.AddDays(rng.Intn(100)), To: from.AddDays(100 + rng.Intn(100))}},
			Campaigns: []strategy.Campaign{{ID: "camp", From: from.AddDays(rng.Intn(300)), To: from.AddDays(300 + rng.Intn(100)),
				Pillars: map[string]float64{s.Pillars[1].ID: 1}, Extra: &strategy.Cadence{Days: []string{"sat"}, Times: []string{"10:00"}}}},
		}
		short := mustPlan(t, s, from, to)
		long := mustPlan(t, s, from, to.AddDays(1+rng.Intn(400)))
		var prefix []Slot
		for _, sl := range long.Slots {
			if sl.Day() < to.String() {
				prefix = append(prefix, sl)
			}
		}
		if len(prefix) != len(short.Slots) {
			t.Fatalf("run %d: %d slots before %s in the longer plan, %d in the shorter", run, len(prefix), to, len(short.Slots))
		}
		for i := range prefix {
			if !reflect.DeepEqual(prefix[i], short.Slots[i]) {
				t.Fatalf("run %d: slot %d changed when the horizon grew:\n%+v\n%+v", run, i, short.Slots[i], prefix[i])
			}
		}
	}
}
