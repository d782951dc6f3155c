package schema

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	sarifSrcRoot = "%SRCROOT%"
	toolName     = "pillar"
	toolURI      = "https://github.com/pillar-strategy/pillar"
	// GitHub code scanning cuts rule descriptions at this many characters.
	sarifDescriptionLimit = 1024
)

// sarifFormatter writes one SARIF 2.1.0 log at Flush, shaped for GitHub
// code scanning: every property GitHub marks as required is present and
// never empty, every rule of the catalogue is listed so that alerts keep
// their descriptions even in runs that did not trigger them, and each
// result carries a primaryLocationLineHash so that an alert survives edits
// elsewhere in the file.
type sarifFormatter struct {
	w       io.Writer
	opts    FormatOptions
	results []Result
}

func (f *sarifFormatter) Write(r Result) error {
	f.results = append(f.results, copyResult(r))
	return nil
}

func (f *sarifFormatter) Flush() error {
	b, err := json.MarshalIndent(f.log(), "", "  ")
	if err != nil {
		return err
	}
	_, err = f.w.Write(append(b, '\n'))
	return err
}

func (f *sarifFormatter) log() sarifLog {
	rules, index := sarifRules(f.results)
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           toolName,
			Version:        f.opts.ToolVersion,
			InformationURI: toolURI,
			Rules:          rules,
		}},
		OriginalURIBaseIDs: map[string]sarifArtifactLocation{
			// The root is where pillar ran, which the log cannot know
			// without writing a machine's path into it; code scanning
			// resolves relative paths against the repository instead.
			sarifSrcRoot: {Description: &sarifMessage{Text: "The folder pillar was run in, usually the root of the repository."}},
		},
		// Diagnostic columns count code points; SARIF's default is UTF-16
		// code units, which differ for emoji and other astral characters.
		ColumnKind: "unicodeCodePoints",
		Results:    []sarifResult{},
	}
	seen := make(map[string]int)
	var notes []sarifNotification
	for _, r := range f.results {
		for _, d := range r.Diagnostics {
			run.Results = append(run.Results, sarifResultFor(d, index, seen))
		}
		for _, o := range r.Omitted {
			i := index[o.Rule]
			notes = append(notes, sarifNotification{
				Level:          "note",
				Message:        sarifMessage{Text: r.Path + ": found but not listed: " + o.Text() + ". " + omittedHint},
				AssociatedRule: &sarifDescriptorRef{ID: o.Rule, Index: &i},
			})
		}
	}
	if len(notes) > 0 {
		// Findings beyond the caps are counted, not listed (see Options).
		// SARIF's place for what a tool wants said about its own run is
		// the invocation's toolExecutionNotifications, each naming the
		// rule it is about (SARIF 2.1.0, the invocation and notification
		// objects: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html).
		run.Invocations = []sarifInvocation{{ExecutionSuccessful: true, ToolExecutionNotifications: notes}}
	}
	return sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}}
}

// sarifRules lists every rule of the catalogue in id order, then any rule a
// diagnostic names that the catalogue lacks, so that every result's
// ruleIndex has a descriptor to point at.
func sarifRules(results []Result) ([]sarifRule, map[string]int) {
	catalogue := Rules()
	rules := make([]sarifRule, 0, len(catalogue))
	index := make(map[string]int, len(catalogue))
	for _, r := range catalogue {
		index[r.ID] = len(rules)
		rules = append(rules, sarifRuleFor(r))
	}
	extra := make(map[string]Severity)
	note := func(rule string, sev Severity) {
		if _, ok := index[rule]; ok || rule == "" {
			return
		}
		if _, ok := extra[rule]; !ok {
			extra[rule] = sev
		}
	}
	for _, r := range results {
		for _, d := range r.Diagnostics {
			note(d.Rule, d.Severity)
		}
		for _, o := range r.Omitted {
			note(o.Rule, o.Severity)
		}
	}
	ids := make([]string, 0, len(extra))
	for id := range extra {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		index[id] = len(rules)
		rules = append(rules, sarifRuleFor(Rule{
			ID:       id,
			Severity: extra[id],
			Summary:  "Findings of the " + id + " check.",
			Help:     "The message of each finding says what is wrong and how to fix it.",
		}))
	}
	return rules, index
}

func sarifRuleFor(r Rule) sarifRule {
	return sarifRule{
		ID:               r.ID,
		Name:             camelCase(r.ID),
		ShortDescription: sarifMessage{Text: truncate(r.Summary, sarifDescriptionLimit)},
		FullDescription:  sarifMessage{Text: truncate(r.Summary+" "+r.Help, sarifDescriptionLimit)},
		Help:             sarifMessage{Text: r.Help},
		DefaultConfiguration: sarifConfiguration{
			Level: sarifLevel(r.Severity),
		},
		Properties: sarifRuleProperties{
			// The rules are exact checks, not heuristics; GitHub shows
			// high-precision results first and by default.
			Precision:       "very-high",
			ProblemSeverity: problemSeverity(r.Severity),
		},
	}
}

func sarifResultFor(d Diagnostic, index map[string]int, seen map[string]int) sarifResult {
	artifact := sarifArtifact(d.File)
	text := d.Message
	if d.Hint != "" {
		// GitHub shows only the first sentence where space is short; end
		// the message there so that the hint does not run into it.
		if !strings.HasSuffix(text, ".") && !strings.HasSuffix(text, "!") && !strings.HasSuffix(text, "?") {
			text += "."
		}
		text += " " + d.Hint
	}
	if strings.TrimSpace(text) == "" {
		// GitHub rejects an empty message.
		text = d.Rule
	}
	line, column := d.Line, d.Column
	// GitHub requires a full region; a whole-file finding points at the
	// start of the file.
	if line < 1 {
		line = 1
	}
	if column < 1 {
		column = 1
	}
	res := sarifResult{
		Level:   sarifLevel(d.Severity),
		Message: sarifMessage{Text: text},
		Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{
			ArtifactLocation: artifact,
			Region: sarifRegion{
				StartLine:   line,
				StartColumn: column,
				EndLine:     line,
				EndColumn:   column + span(d),
			},
		}}},
		PartialFingerprints: map[string]string{
			"primaryLocationLineHash": lineHash(d.Rule, artifact.URI, d.SourceLine, seen),
		},
	}
	if d.Rule != "" {
		i := index[d.Rule]
		res.RuleID = d.Rule
		res.RuleIndex = &i
	}
	if f := d.Fix; f != nil {
		res.Fixes = []sarifFix{sarifFixFor(f)}
	}
	return res
}

// sarifFixFor writes a finding's fix as a SARIF fix object (SARIF 2.1.0
// §3.55): one artifactChange (§3.56) for its file with one replacement
// (§3.57), whose deletedRegion is the replaced text and insertedContent
// the new text. The region (§3.30) gives the range twice, as a text
// region (lines and columns in code points, the run's columnKind) and as
// a binary one (byteOffset and byteLength, counted from the file's first
// byte): the spec allows both when they name the same bytes, and a tool
// that applies fixes is then spared counting characters
// (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html).
func sarifFixFor(f *Fix) sarifFix {
	start := f.Start
	return sarifFix{
		Description: sarifMessage{Text: f.Description},
		ArtifactChanges: []sarifArtifactChange{{
			ArtifactLocation: sarifArtifact(f.File),
			Replacements: []sarifReplacement{{
				DeletedRegion: sarifFixRegion{
					StartLine: f.Line, StartColumn: f.Column, EndLine: f.EndLine, EndColumn: f.EndColumn,
					ByteOffset: &start, ByteLength: f.End - f.Start,
				},
				InsertedContent: &sarifContent{Text: f.New},
			}},
		}},
		Properties: &sarifFixProperties{Safe: f.Safe},
	}
}

// lineHash identifies a finding by what it is about rather than where: the
// rule, the file and the text of its line, without the line number, so that
// an alert keeps its identity when lines are added above it. Identical
// findings in one file are told apart by a ":n" occurrence count, the form
// GitHub's own fingerprints take.
func lineHash(rule, uri, source string, seen map[string]int) string {
	sum := sha256.Sum256([]byte(rule + "\x00" + uri + "\x00" + strings.TrimSpace(source)))
	h := hex.EncodeToString(sum[:8])
	seen[h]++
	return h + ":" + strconv.Itoa(seen[h])
}

// sarifArtifact turns a path as the user named it into a URI reference:
// forward slashes, percent-encoded, relative to %SRCROOT% so that code
// scanning matches it against the repository. An absolute path becomes a
// file URI without a base, since a base id on an absolute URI is
// contradictory and code scanning drops such results.
func sarifArtifact(file string) sarifArtifactLocation {
	p := filepath.ToSlash(file)
	if filepath.IsAbs(file) || path.IsAbs(p) {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // a Windows drive: file:///C:/…
		}
		return sarifArtifactLocation{URI: "file://" + escapePath(path.Clean(p))}
	}
	u := escapePath(path.Clean(p))
	if first, _, _ := strings.Cut(u, "/"); strings.Contains(first, ":") {
		// "a:b/c" would read as a URI with the scheme "a".
		u = "./" + u
	}
	return sarifArtifactLocation{URI: u, URIBaseID: sarifSrcRoot}
}

func escapePath(p string) string {
	return (&url.URL{Path: p}).EscapedPath()
}

func sarifLevel(s Severity) string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Info:
		return "note"
	}
	return "none"
}

func problemSeverity(s Severity) string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "recommendation"
}

// camelCase turns a rule id such as "pillar-weights-sum" into the
// reportingDescriptor name "PillarWeightsSum".
func camelCase(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		r, n := utf8.DecodeRuneInString(part)
		if n == 0 {
			continue
		}
		b.WriteRune(unicode.ToUpper(r))
		b.WriteString(part[n:])
	}
	return b.String()
}

// truncate shortens s to at most limit runes, ending with an ellipsis when
// it cut something.
func truncate(s string, limit int) string {
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	runes := []rune(s)
	return string(runes[:limit-1]) + "…"
}

// The SARIF types below hold only what pillar writes; field order is the
// output's key order.

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                        `json:"tool"`
	Invocations        []sarifInvocation                `json:"invocations,omitempty"`
	OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds"`
	ColumnKind         string                           `json:"columnKind"`
	Results            []sarifResult                    `json:"results"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications"`
}

type sarifNotification struct {
	Level          string              `json:"level"`
	Message        sarifMessage        `json:"message"`
	AssociatedRule *sarifDescriptorRef `json:"associatedRule,omitempty"`
}

type sarifDescriptorRef struct {
	ID    string `json:"id"`
	Index *int   `json:"index,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string              `json:"id"`
	Name                 string              `json:"name"`
	ShortDescription     sarifMessage        `json:"shortDescription"`
	FullDescription      sarifMessage        `json:"fullDescription"`
	Help                 sarifMessage        `json:"help"`
	DefaultConfiguration sarifConfiguration  `json:"defaultConfiguration"`
	Properties           sarifRuleProperties `json:"properties"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifRuleProperties struct {
	Precision       string `json:"precision"`
	ProblemSeverity string `json:"problem.severity"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId,omitempty"`
	RuleIndex           *int              `json:"ruleIndex,omitempty"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
}

type sarifFix struct {
	Description     sarifMessage          `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	Properties      *sarifFixProperties   `json:"properties,omitempty"`
}

// sarifFixProperties is the fix's property bag (SARIF 2.1.0 §3.8): safe
// says whether `pillar fix` applies it on its own.
type sarifFixProperties struct {
	Safe bool `json:"safe"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Replacements     []sarifReplacement    `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifFixRegion `json:"deletedRegion"`
	InsertedContent *sarifContent  `json:"insertedContent,omitempty"`
}

type sarifFixRegion struct {
	StartLine   int  `json:"startLine"`
	StartColumn int  `json:"startColumn"`
	EndLine     int  `json:"endLine"`
	EndColumn   int  `json:"endColumn"`
	ByteOffset  *int `json:"byteOffset,omitempty"`
	ByteLength  int  `json:"byteLength"`
}

type sarifContent struct {
	Text string `json:"text"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           sarifRegion           `json:"region"`
}

type sarifArtifactLocation struct {
	URI         string        `json:"uri,omitempty"`
	URIBaseID   string        `json:"uriBaseId,omitempty"`
	Description *sarifMessage `json:"description,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}
