package schema

import (
	"strings"
	"testing"
)

// The id is far from every real rule's, so other tests' suggestions do
// not change.
const registeredID = "zz-registered-for-test"

func init() {
	RegisterRules(Rule{ID: registeredID, Severity: Warning, Configurable: true, Summary: "A test rule.", Help: "None."})
}

func TestRegisteredRules(t *testing.T) {
	if r, ok := LookupRule(registeredID); !ok || r.Summary != "A test rule." {
		t.Errorf("LookupRule(%q) = %v, %v", registeredID, r, ok)
	}
	for _, r := range Rules() {
		if r.ID == registeredID {
			t.Error("Rules lists a registered rule; it lists validate's own")
		}
	}
	const head = "version: 1\nbrand: {name: T, timezone: Europe/Oslo}\npillars:\n  - {id: brand, name: B, weight: 100}\n"
	res, _ := validateText(t, head+"rules:\n  "+registeredID+": off\n  zz-registered-for-tset: info\n")
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, d.Rule+": "+d.Message)
	}
	want := `rules-unknown: there is no rule "zz-registered-for-tset"; did you mean "zz-registered-for-test"?`
	if strings.Join(got, "|") != want {
		t.Errorf("got %q, want %q", got, want)
	}
	defer func() {
		if recover() == nil {
			t.Error("registering an id twice does not panic")
		}
	}()
	RegisterRules(Rule{ID: "persona-stale"})
}
