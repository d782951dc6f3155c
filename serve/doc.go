// Package serve is pillar's live preview: a small web server on the
// loopback interface that shows a strategy as the other commands would
// write it — the playbook, the calendar, the findings of validation and
// the audit — and updates the open page whenever one of the strategy's
// files is saved.
//
// It is a thin layer over the packages that do the work: strategy and
// schema load and check the files (confined to a root, within the same
// budgets as pillar validate), planner plans, render writes the playbook,
// the calendar grid and the audit report, and audit reads the history.
// What it adds is the watching (fsnotify, with bursts of events debounced
// into one reload), Server-Sent Events that tell the page a new version is
// ready, a few lines of script that fetch the page again and swap its body
// in place (so the scroll position stays), and the pages render has no
// counterpart for: the findings, a strategy file's source, and the
// calendar as a list.
//
// It is safe by default: it answers only requests whose Host header names
// the address it serves (a web page elsewhere cannot reach it through DNS
// rebinding), only GET and HEAD, only its own routes (no part of a URL is
// ever a file name), and every page carries a Content Security Policy
// that lets run nothing but its own script. It writes nothing and makes no
// network requests.
package serve
