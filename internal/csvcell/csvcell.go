// Package csvcell makes text safe to put in a CSV cell that a person may
// open in a spreadsheet: the calendar's CSV export and the drafts' generic
// CSV share it, so both neutralise formula injection the same way.
package csvcell

import "github.com/pillar-strategy/pillar/internal/bidi"

// Defuse neutralises spreadsheet formula injection
// (https://owasp.org/www-community/attacks/CSV_Injection): a cell starting
// with =, +, -, @, a tab or a carriage return is one Excel, LibreOffice or
// Google Sheets may run as a formula, so it gets a leading apostrophe,
// which they read as "text" and do not show. Bidirectional controls are
// dropped first (a cell cannot isolate them, see package bidi), so none can
// hide such a start.
func Defuse(cell string) string {
	cell = bidi.DropControls(cell)
	if IsFormula(cell) {
		return "'" + cell
	}
	return cell
}

// IsFormula reports whether a spreadsheet would read cell as a formula:
// it starts with =, +, -, @, a tab or a carriage return.
func IsFormula(cell string) bool {
	if cell == "" {
		return false
	}
	switch cell[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}
