package schema

import "fmt"

// registered are rules other packages check on inputs besides the
// strategy (the drafts' content rules), added by RegisterRules.
var registered = map[string]Rule{}

// RegisterRules makes rules that another package checks known to
// validation, so that a strategy's rules map may re-grade them by id
// (without a rules-unknown warning) and a misspelt id gets a did-you-mean.
// Rules still lists validate's own rules only; the registering package
// lists its own. It is meant to be called from that package's init, and
// panics on an id already taken, which is a programming error.
func RegisterRules(rs ...Rule) {
	for _, r := range rs {
		if _, taken := catalogByID[r.ID]; taken {
			panic(fmt.Sprintf("schema: rule %q is registered twice", r.ID))
		}
		if _, taken := registered[r.ID]; taken {
			panic(fmt.Sprintf("schema: rule %q is registered twice", r.ID))
		}
		registered[r.ID] = r
	}
}
