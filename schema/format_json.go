package schema

import (
	"encoding/json"
	"io"
)

// JSONVersion is the version of the JSON output's shape. It changes only
// when a field is removed or changes meaning; new fields may appear without
// a change.
const JSONVersion = 1

// JSONReport is the document the json format writes, and what a program
// reading `pillar validate --format json` can decode it into. Keys come in
// this order, indented by two spaces (the // notes are not part of the
// output):
//
//	{
//	  "version": 1,
//	  "summary": {
//	    "strategies": 3,    // results below
//	    "files": 7,         // distinct files read, includes and parents counted once
//	    "errors": 2,
//	    "warnings": 1,
//	    "infos": 0,         // errors, warnings and infos count every finding, listed or not
//	    "omitted": 0,       // findings counted but not listed (see "omitted" below)
//	    "failed": true      // any error, or any warning under --strict
//	  },
//	  "results": [
//	    {
//	      "path": "examples/nordlys/strategy.yaml",
//	      "files": ["examples/nordlys/strategy.yaml", "examples/nordlys/personas.yaml"],
//	      "diagnostics": [
//	        {
//	          "file": "examples/nordlys/strategy.yaml",
//	          "line": 42,             // 1-based
//	          "column": 9,            // 1-based, in Unicode code points
//	          "length": 5,            // code points, at least 1
//	          "rule": "pillar-weights-sum",
//	          "severity": "error",    // error, warning or info
//	          "message": "pillar weights add up to 99, not 100",
//	          "hint": "…",            // omitted when empty
//	          "path": "/pillars/0/weight", // JSON pointer; omitted for whole-file findings
//	          "fix": {                // omitted when the finding knows no fix
//	            "file": "examples/nordlys/strategy.yaml",
//	            "start": 1203,        // byte offsets into the file as stored (a BOM counts),
//	            "end": 1207,          // end exclusive: bytes start..end read "old"
//	            "line": 42, "column": 9,          // where start is (1-based, code points)
//	            "end_line": 42, "end_column": 13, // where end is (the column after the last character)
//	            "old": "Oslo",        // the text replaced, byte for byte (check it before applying)
//	            "new": "Europe/Oslo", // its replacement, as YAML (quoted when it must be)
//	            "description": "replace Oslo with Europe/Oslo",
//	            "safe": true          // pillar fix applies it; false: offered for review only
//	          }
//	        }
//	      ],
//	      "omitted": [        // findings found but not listed, by rule and severity, errors first
//	        {"rule": "campaign-overlap", "severity": "warning", "count": 2899}
//	      ]
//	    }
//	  ]
//	}
//
// Lists are never null: a strategy without findings has "diagnostics": []
// and "omitted": []. A result lists the first findings of each rule in
// output order (100 by default) and the first of those in all (1,000);
// "omitted" counts the rest, and the summary's counts include them.
type JSONReport struct {
	// Version is JSONVersion.
	Version int `json:"version"`
	// Summary counts what Results hold.
	Summary JSONSummary `json:"summary"`
	// Results holds one entry per strategy, in the order they were named.
	Results []Result `json:"results"`
}

// JSONSummary totals a JSONReport, so that a script can decide without
// walking every diagnostic.
type JSONSummary struct {
	// Strategies is how many strategies were validated.
	Strategies int `json:"strategies"`
	// Files is how many distinct files they were read from.
	Files int `json:"files"`
	// Errors is how many findings are errors, listed or not.
	Errors int `json:"errors"`
	// Warnings is how many findings are warnings, listed or not.
	Warnings int `json:"warnings"`
	// Infos is how many findings are informational, listed or not.
	Infos int `json:"infos"`
	// Omitted is how many of the findings counted above the results do
	// not list; each result's Omitted says which.
	Omitted int `json:"omitted"`
	// Failed reports whether the run fails: any error, or any warning
	// when strict.
	Failed bool `json:"failed"`
}

// jsonFormatter writes one JSONReport at Flush; see JSONReport for the
// shape, which is a stable contract.
type jsonFormatter struct {
	w       io.Writer
	opts    FormatOptions
	tally   tally
	results []Result
}

func (f *jsonFormatter) Write(r Result) error {
	f.tally.add(r, f.opts.Strict)
	f.results = append(f.results, copyResult(r))
	return nil
}

func (f *jsonFormatter) Flush() error {
	doc := JSONReport{
		Version: JSONVersion,
		Summary: JSONSummary{
			Strategies: f.tally.strategies,
			Files:      len(f.tally.files),
			Errors:     f.tally.errors,
			Warnings:   f.tally.warnings,
			Infos:      f.tally.infos,
			Omitted:    f.tally.omitted,
			Failed:     f.tally.failed,
		},
		Results: f.results,
	}
	if doc.Results == nil {
		doc.Results = []Result{}
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	_, err = f.w.Write(append(b, '\n'))
	return err
}
