// Package render writes what Pillar produces for people and for other
// tools. Posting calendars planned by the planner package come out as ICS
// (RFC 5545, for calendar apps), CSV (for spreadsheets, with formula
// injection neutralised), JSON (a documented, stable contract), Markdown (a
// table per month) and HTML (a self-contained, printable month grid); a plan
// summary comes out as a text table. Every writer is deterministic: the same
// calendar gives byte-identical output.
package render
