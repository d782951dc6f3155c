// Package render writes what Pillar produces for people and for other
// tools.
//
// Playbooks (Playbook) turn a strategy into a document an agency or a new
// team member reads: one self-contained HTML file (inline CSS and SVG, no
// scripts, print styles, light and dark) or Markdown, in English,
// Norwegian, Polish, Greek or Finnish, from templates embedded in the binary
// that a folder of overrides can replace. Every text from the strategy is
// escaped, and its Markdown is rendered without raw HTML or unsafe links.
//
// Posting calendars planned by the planner package come out as ICS
// (RFC 5545, for calendar apps), CSV (for spreadsheets, with formula
// injection neutralised), JSON (a documented, stable contract), Markdown (a
// table per month) and HTML (a self-contained, printable month grid); a plan
// summary comes out as a text table. Strategy diffs (StrategyDiff) come
// out as text, Markdown and JSON.
//
// Audit reports (WriteAudit) come out as a compact terminal summary, JSON
// for dashboards, Markdown for a pull request or a job summary, and a
// self-contained HTML page with inline SVG charts.
//
// Every writer is deterministic: the same input gives byte-identical output.
package render
