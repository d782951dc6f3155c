package cli

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/pillar-strategy/pillar/github"
	"github.com/pillar-strategy/pillar/schema"
	"github.com/pillar-strategy/pillar/strategy"
)

// silencings lists what the pull request does to keep findings from being
// reported, comparing the head's files (as checked) with the merge base's:
// rules the config file or a checked strategy's `rules:` switches off or
// makes less severe, and `# pillar:ignore` comments added to the files
// those strategies read. Every file is hostile here too: each is read
// within the loader's size limit, and what cannot be read is left out
// (the validation already said why).
func (r *githubRun) silencings(ctx context.Context, results []schema.Result, mergeBase string) []github.Silencing {
	if r.root == "" || mergeBase == "" {
		return nil
	}
	base, err := r.side(ctx, mergeBase)
	if err != nil {
		return nil
	}
	headDir := r.root
	if r.head != nil {
		headDir = r.head.tmp
	}
	var out []github.Silencing
	headConfig := map[string]ruleEntry{}
	// The merge base is written out with its YAML files only, so a config
	// file named otherwise could not be compared (and is not).
	if rel, ok := r.configInRepo(); ok && isYAMLName(rel) {
		headConfig = readRuleEntries(headDir, rel)
		baseConfig := readRuleEntries(base.tmp, rel)
		out = append(out, regraded(rel, baseConfig, headConfig, nil)...)
	}

	seen := map[string]bool{}
	for _, res := range results {
		headDoc := loadQuietly(filepath.Join(headDir, filepath.FromSlash(res.Path)))
		if headDoc == nil {
			continue
		}
		baseDoc := loadQuietly(filepath.Join(base.tmp, filepath.FromSlash(res.Path)))
		for _, s := range regraded("", strategyRules(baseDoc, base.tmp), strategyRules(headDoc, headDir), headConfig) {
			if key := s.Path + "\x00" + s.Rule; !seen[key] {
				seen[key] = true
				out = append(out, s)
			}
		}
		for _, f := range headDoc.Source.Files {
			rel, ok := relIn(headDir, f)
			if !ok || seen[rel] {
				continue
			}
			seen[rel] = true
			out = append(out, newIgnores(rel, readBounded(f), readBounded(filepath.Join(base.tmp, filepath.FromSlash(rel))))...)
		}
	}
	github.SortSilencings(out)
	return out
}

// configInRepo is the config file's path in the repository: the one
// --config names, else .pillar.yaml.
func (r *githubRun) configInRepo() (string, bool) {
	name := r.o.config
	if name == "" {
		name = ".pillar.yaml"
	}
	return r.inRepo(name)
}

// ruleEntry is one entry of a rules map: the severity it sets and where.
type ruleEntry struct {
	sev  schema.Severity
	path string // relative to the repository's root
	line int
}

// regraded compares two rules maps (rule id → entry): the rules whose
// severity after is below the one before, where a rule missing from a map
// has the severity fallback gives it, else its default. Only rules a
// rules map may re-grade count. path names the file of a removed entry
// when entries carry none.
func regraded(path string, before, after, fallback map[string]ruleEntry) []github.Silencing {
	var out []github.Silencing
	for _, rule := range schema.Rules() {
		if !rule.Configurable {
			continue
		}
		sev := func(m map[string]ruleEntry) (schema.Severity, bool) {
			if e, ok := m[rule.ID]; ok {
				return e.sev, true
			}
			if e, ok := fallback[rule.ID]; ok {
				return e.sev, false
			}
			return rule.Severity, false
		}
		from, _ := sev(before)
		to, set := sev(after)
		if to <= from {
			continue
		}
		s := github.Silencing{Rule: rule.ID, From: from.String(), To: to.String()}
		if set {
			s.Path, s.Line = after[rule.ID].path, after[rule.ID].line
		} else {
			s.Path, s.Removed = before[rule.ID].path, true
			if s.Path == "" {
				s.Path = path
			}
		}
		out = append(out, s)
	}
	return out
}

// readRuleEntries reads the rules map of the config file rel (relative to
// the repository's root) in dir, a revision written out, with the line of
// each entry. A file that is missing or cannot be read sets no rule.
func readRuleEntries(dir, rel string) map[string]ruleEntry {
	out := map[string]ruleEntry{}
	src := readBounded(filepath.Join(dir, filepath.FromSlash(rel)))
	if src == nil {
		return out
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return out
	}
	top := doc.Content[0].Content
	for i := 0; i+1 < len(top); i += 2 {
		if top[i].Value != "rules" || top[i+1].Kind != yaml.MappingNode {
			continue
		}
		rules := top[i+1].Content
		for j := 0; j+1 < len(rules); j += 2 {
			k, v := rules[j], rules[j+1]
			if sev, ok := schema.ParseSeverity(v.Value); ok && v.Kind == yaml.ScalarNode {
				out[k.Value] = ruleEntry{sev: sev, path: rel, line: k.Line}
			}
		}
	}
	return out
}

// strategyRules reads the rules map of a loaded strategy (its own and
// what it includes or extends), with where each entry is written, paths
// relative to dir, the folder the revision was written out to.
func strategyRules(doc *strategy.Document, dir string) map[string]ruleEntry {
	out := map[string]ruleEntry{}
	if doc == nil {
		return out
	}
	m, _ := doc.Value.(map[string]any)
	rules, _ := m["rules"].(map[string]any)
	for id, v := range rules {
		s, _ := v.(string)
		sev, ok := schema.ParseSeverity(s)
		if !ok {
			continue
		}
		key := doc.Source.Span(strategy.Pointer("rules", id)).Key
		e := ruleEntry{sev: sev, line: key.Line}
		if rel, ok := relIn(dir, key.File); ok {
			e.path = rel
		}
		out[id] = e
	}
	return out
}

// newIgnores lists the pillar:ignore comments of head (a file's bytes at
// the pull request's head) that base (its bytes at the merge base, nil
// when it was not there) does not have. A comment counts as the same when
// it silences the same rules on a line that reads the same, wherever the
// lines moved; one that silences nothing (a comment at the end of the
// file) is left out.
func newIgnores(path string, head, base []byte) []github.Silencing {
	key := func(lines []string, c strategy.IgnoreComment) string {
		rules := slices.Clone(c.Rules)
		slices.Sort(rules)
		k := strings.Join(rules, " ")
		if c.File {
			return "file\x00" + k
		}
		return "line\x00" + k + "\x00" + strings.TrimSpace(withoutIgnore(lines[c.Target-1]))
	}
	had := map[string]int{}
	baseLines := fileLines(base)
	for _, c := range strategy.IgnoreComments(base) {
		if c.File || c.Target > 0 {
			had[key(baseLines, c)]++
		}
	}
	headLines := fileLines(head)
	var out []github.Silencing
	for _, c := range strategy.IgnoreComments(head) {
		if !c.File && c.Target == 0 {
			continue
		}
		if k := key(headLines, c); had[k] > 0 {
			had[k]--
			continue
		}
		s := github.Silencing{Path: path, Line: c.Line, Comment: "pillar:ignore", Rules: c.Rules, Target: c.Target}
		if c.File {
			s.Comment = "pillar:ignore-file"
		}
		out = append(out, s)
	}
	return out
}

// fileLines splits a file into lines numbered as strategy.IgnoreComments
// numbers them.
func fileLines(src []byte) []string {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	lines := strings.Split(string(src), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// readBounded reads a regular file of at most the loader's size for one
// strategy file; nil when it is missing, not a regular file, or larger.
func readBounded(path string) []byte {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return nil
	}
	limit := strategy.DefaultLimits.MaxFileSize
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil || int64(len(b)) > limit {
		return nil
	}
	return b
}

// loadQuietly loads the strategy at path, or returns nil when there is
// none or it cannot be read at all.
func loadQuietly(path string) *strategy.Document {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	doc, err := strategy.LoadDocument(path, strategy.DefaultLimits)
	if err != nil || doc.Fatal {
		return nil
	}
	return doc
}

// relIn is file relative to dir with slashes, and whether it is inside.
func relIn(dir, file string) (string, bool) {
	rel, err := filepath.Rel(dir, file)
	if err != nil || !filepath.IsLocal(rel) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

func isYAMLName(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".yaml" || ext == ".yml"
}

// withoutIgnore is a line without its pillar:ignore comment, if it has
// one: the value it silences.
func withoutIgnore(line string) string {
	i := strings.Index(line, "pillar:ignore")
	if i < 0 {
		return line
	}
	if j := strings.LastIndexByte(line[:i], '#'); j >= 0 {
		return line[:j]
	}
	return line
}
