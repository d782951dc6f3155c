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
