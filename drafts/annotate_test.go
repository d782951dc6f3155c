package drafts

import (
	"strings"
	"testing"
)

func TestAnnotateShowsEachSlotsDraft(t *testing.T) {
	s := testStrategy()
	rep, _ := run(t, s, "a,instagram,2027-01-04T09:00,\"Én blazer, tre måter ✨\nPå jobb, til middag og i helgen. Hvilken blir din? Skriv 1, 2 eller 3.\",brand,,\nb,instagram,2027-01-05T09:00,,brand,,\n", weekFrom, weekTo)
	Annotate(rep.Calendar, rep.SlotDrafts)
	got := map[string]string{}
	for _, sl := range rep.Calendar.Slots {
		if sl.Variant != 0 {
			t.Errorf("slot %s kept its Variant", sl.Local)
		}
		if sl.Channel == "instagram" {
			got[sl.Local] = sl.Brief
		}
	}
	want := map[string]string{
		"2027-01-04T09:00": "Draft a (drafts.csv:2): Én blazer, tre måter ✨ På jobb, til middag og i helgen. …",
		"2027-01-05T09:00": "Draft b (drafts.csv:4): (no text yet)",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %q, want %q", k, got[k], w)
		}
	}
	if b := got["2027-01-06T09:00"]; !strings.HasPrefix(b, "No draft yet. ") {
		t.Errorf("an empty slot: %q", b)
	}
}

func TestASlotKeepsLittleOfAHostileDraft(t *testing.T) {
	s := testStrategy()
	long := strings.Repeat("ø", 100_000)
	rep, _ := run(t, s, long+",instagram,2027-01-04T09:00,"+long+",brand,,\n", weekFrom, weekTo)
	for _, d := range rep.SlotDrafts {
		if d.ID == "" {
			continue
		}
		if len(d.ID) > maxIDBytes+len("…") || len(d.Lead) > 4*leadRunes+len("…") {
			t.Errorf("a slot keeps %d bytes of id and %d of text", len(d.ID), len(d.Lead))
		}
		if !strings.HasPrefix(d.ID, "øøø") || !strings.HasSuffix(d.ID, "…") {
			t.Errorf("id cut badly: %q", d.ID)
		}
	}
}

func TestMessagesQuoteLittleOfAHostileValue(t *testing.T) {
	s := testStrategy()
	long := strings.Repeat("x", 100_000)
	_, got := run(t, s, "a,"+long+",2027-01-04T09:00,x,"+long+",,\n", weekFrom, weekTo, RuleUnknownChannel, RuleUnknownPillar)
	if len(got) != 2 {
		t.Fatalf("got %v", got)
	}
	for _, m := range got {
		if len(m) > 200 || !strings.Contains(m, `"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"…`) {
			t.Errorf("%d bytes: %.200s", len(m), m)
		}
	}
}
