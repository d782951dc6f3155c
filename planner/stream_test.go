package planner

import (
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pillar-strategy/pillar/planner/plantest"
	"github.com/pillar-strategy/pillar/strategy"
)

// TestStreamGivesThePlan: a stream read slot by slot, or by keys with the
// slot built on demand, gives Plan's slots and warnings in Plan's order.
func TestStreamGivesThePlan(t *testing.T) {
	s := plantest.Store()
	opt := Options{From: d(2026, 11, 1), To: d(2027, 7, 1)}
	want := mustPlan(t, s, opt.From, opt.To)

	st, err := NewStream(s, opt)
	if err != nil {
		t.Fatal(err)
	}
	var got []Slot
	for {
		sl, err := st.Next()
		if err != nil {
			t.Fatal(err)
		}
		if sl == nil {
			break
		}
		got = append(got, *sl)
	}
	if !reflect.DeepEqual(got, want.Slots) || !reflect.DeepEqual(st.Warnings(), want.Warnings) {
		t.Fatalf("Next gives %d slots and %v, Plan %d and %v", len(got), st.Warnings(), len(want.Slots), want.Warnings)
	}
	if h := st.Calendar(); h.Brand != want.Brand || len(h.Channels) != len(want.Channels) || h.Slots != nil {
		t.Errorf("Calendar() %+v", h)
	}

	st, _ = NewStream(s, opt)
	i := 0
	for {
		k, ok, err := st.NextKey()
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		w := want.Slots[i]
		if k.Variant != w.Variant || k.Start != w.Start.Unix() || k.Local != w.Local || k.UID != w.UID {
			t.Fatalf("key %d: %+v, slot %+v", i, k, w)
		}
		if i%3 == 0 && !reflect.DeepEqual(*st.Slot(), w) {
			t.Fatalf("slot %d built from its key: %+v, want %+v", i, *st.Slot(), w)
		}
		i++
	}
	if i != len(want.Slots) {
		t.Fatalf("%d keys, %d slots", i, len(want.Slots))
	}
}

// TestStreamClose: a stream closed before its end stops planning; its
// goroutines end.
func TestStreamClose(t *testing.T) {
	before := runtime.NumGoroutine()
	for k := 0; k < 5; k++ {
		st, err := NewStream(plantest.Bulk(20, 3), Options{From: d(2027, 1, 1), To: d(2037, 1, 1)})
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 1000; i++ {
			if _, err := st.Next(); err != nil {
				t.Fatal(err)
			}
		}
		st.Close()
		st.Close() // twice is fine
	}
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines after closing, %d before", n, before)
	}
}

// TestStreamChecksFirst: a plan too big, or a horizon too long, is refused
// by NewStream, before any slot; a stream reaches MaxStreamYears where
// Plan stops at MaxHorizonYears.
func TestStreamChecksFirst(t *testing.T) {
	if _, err := NewStream(plantest.Bulk(100, 3), Options{From: d(2027, 1, 1), To: d(2037, 1, 1)}); err == nil || !strings.Contains(err.Error(), "more than 1000000 posts") {
		t.Errorf("100 channels for 10 years: %v", err)
	}
	s := single("", nil)
	s.Channels[0].Cadence = nil
	if _, err := NewStream(s, Options{From: d(2027, 1, 1), To: d(2127, 1, 2)}); err == nil || !strings.Contains(err.Error(), "limit of 100 years") {
		t.Errorf("a day over 100 years: %v", err)
	}
	if _, err := NewStream(plantest.Store(), Options{From: d(2027, 1, 1), To: d(2047, 1, 1)}); err != nil {
		t.Errorf("20 years: %v", err)
	}
	if _, err := Plan(plantest.Store(), Options{From: d(2027, 1, 1), To: d(2047, 1, 1)}); err == nil || !strings.Contains(err.Error(), "limit of 10 years") {
		t.Errorf("Plan for 20 years: %v", err)
	}
}

// TestStreamReusesItsBuffers: a channel's quarters go round in a few
// buffers, handed back as the stream reads them, empty quarters (a channel
// launched years into the plan) included, or planning would wait for ever
// for a buffer.
func TestStreamReusesItsBuffers(t *testing.T) {
	s := single("", &strategy.Cadence{Days: []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}, Times: []string{"08:00", "12:00", "16:00"}})
	late := s.Channels[0]
	late.ID, late.Active = "late", &strategy.ActivePeriod{From: d(2034, 5, 1)}
	s.Channels = append(s.Channels, late)
	done := make(chan *Calendar, 1)
	go func() {
		cal, err := Plan(s, Options{From: d(2027, 1, 1), To: d(2037, 1, 1)})
		if err != nil {
			t.Error(err)
		}
		done <- cal
	}()
	var cal *Calendar
	select {
	case cal = <-done:
	case <-time.After(time.Minute):
		t.Fatal("the plan did not finish: a buffer was not handed back")
	}
	if cal == nil || len(cal.Slots) < 10*365*3 {
		t.Fatalf("plan of %d slots", len(cal.Slots))
	}
}

// TestStreamOrdersTiesByChannel: slots at the same instant come by channel
// id, whatever order the channels are declared in.
func TestStreamOrdersTiesByChannel(t *testing.T) {
	cad := strategy.Cadences{{Days: []string{"mon"}, Times: []string{"09:00"}}}
	s := &strategy.Strategy{Brand: strategy.Brand{Name: "T", Timezone: "UTC"},
		Pillars: []strategy.Pillar{{ID: "p", Weight: 100}},
		Channels: []strategy.Channel{{ID: "zeta", Cadence: cad}, {ID: "alpha", Cadence: cad}, {ID: "mid", Cadence: cad},
			{ID: "mid", Cadence: strategy.Cadences{{Days: []string{"tue"}, Times: []string{"09:00"}}}}},
		Tactics: []strategy.Tactic{{ID: "t-b", Pillar: "p", Channels: []string{"mid"}, Schedule: strategy.Schedule{Date: d(2027, 1, 5), Time: "09:00"}}},
	}
	cal := mustPlan(t, s, d(2027, 1, 4), d(2027, 1, 6))
	var got []string
	for _, sl := range cal.Slots {
		got = append(got, sl.Local[8:10]+" "+sl.Channel+" "+sl.Tactic)
	}
	want := []string{"04 alpha ", "04 mid ", "04 zeta ", "05 mid t-b", "05 mid t-b"}
	if !slices.Equal(got, want) {
		t.Errorf("order %q, want %q", got, want)
	}
}
