// Package export hands checked drafts to the tools teams schedule posts
// with. It always writes two formats of pillar's own, a generic CSV (every
// field of a draft, for spreadsheets and scripts) and an ICS calendar (one
// event per draft, for calendar apps), and it writes the bulk-import files
// of the schedulers whose import format is documented publicly, following
// each page's columns, date layout and limits: rows per file, time
// granularity, lead time, one file per profile.
//
// A draft a format cannot carry as it is gets one of two answers, never a
// silent change: a Warning that names it (file:line) when the export can
// still say what the draft says (a time rounded up to the importer's next
// slot, a link the format has no column for), or a RefusedError naming
// every such draft when it cannot (a time the importer refuses, two posts
// in one slot), and then nothing is written.
package export
