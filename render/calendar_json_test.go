package render

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/planner"
)

func TestJSONRoundTrips(t *testing.T) {
	cal := storeCalendar(t)
	var buf bytes.Buffer
	if err := WriteCalendar(&buf, cal, "json"); err != nil {
		t.Fatal(err)
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &keys); err != nil {
		t.Fatal(err)
	}
	var names []string
	for k := range keys {
		names = append(names, k)
	}
	if len(names) != 6 || keys["brand"] == nil || keys["from"] == nil || keys["to"] == nil || keys["timezone"] == nil || keys["slots"] == nil || keys["warnings"] == nil {
		t.Fatalf("top-level keys %v", names)
	}
	var back planner.Calendar
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	for i := range back.Slots {
		back.Slots[i].Variant = cal.Slots[i].Variant // not in the document
		back.Slots[i].Cadence = cal.Slots[i].Cadence
	}
	if !reflect.DeepEqual(back.Slots, cal.Slots) || !reflect.DeepEqual(back.Warnings, cal.Warnings) || back.From != cal.From || back.To != cal.To {
		t.Fatal("the calendar does not survive a JSON round trip")
	}
	if !strings.Contains(buf.String(), `"start": "2027-01-02T17:30:00Z"`) {
		t.Error("start is not RFC 3339 UTC")
	}
}

func TestJSONEmptyListsAreArrays(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCalendar(&buf, &planner.Calendar{}, "json"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"slots": []`) || !strings.Contains(buf.String(), `"warnings": []`) {
		t.Errorf("empty calendar: %s", buf.String())
	}
}

// TestJSONStreamsTheDocumentBytes: writing slot by slot gives the bytes of
// encoding the whole calendar at once, for awkward strings too.
func TestJSONStreamsTheDocumentBytes(t *testing.T) {
	whole := func(cal *planner.Calendar) []byte {
		doc := *cal
		if doc.Slots == nil {
			doc.Slots = []planner.Slot{}
		}
		if doc.Warnings == nil {
			doc.Warnings = []planner.Warning{}
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(&doc); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	odd := "<b>&amp;</b> \"quoted\" \\ tab\there\nline\u2028sep\u2029 \x01 \xff bad utf-8 é 🌲"
	store := storeCalendar(t)
	withOdd := *store
	withOdd.Brand = odd
	withOdd.Slots = append([]planner.Slot(nil), store.Slots[:3]...)
	withOdd.Slots[1].Brief, withOdd.Slots[2].PillarName = odd, odd
	withOdd.Warnings = []planner.Warning{{Channel: odd, Message: odd}, {Message: "no channel"}}
	for name, cal := range map[string]*planner.Calendar{
		"store":      store,
		"odd":        &withOdd,
		"empty":      {},
		"one slot":   {Brand: "B", Slots: store.Slots[:1], Warnings: []planner.Warning{}},
		"no slots":   {Brand: "B", Slots: []planner.Slot{}, Warnings: store.Warnings},
		"nil slices": {Brand: "B", Timezone: "UTC", From: store.From, To: store.To},
	} {
		var buf bytes.Buffer
		if err := WriteCalendar(&buf, cal, "json"); err != nil {
			t.Fatal(err)
		}
		if want := whole(cal); !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("%s:\n got %s\nwant %s", name, buf.Bytes(), want)
		}
	}
}
