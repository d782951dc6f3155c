package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/pillar-strategy/pillar/audit"
	"github.com/pillar-strategy/pillar/drafts"
	"github.com/pillar-strategy/pillar/git"
	"github.com/pillar-strategy/pillar/internal/numfmt"
	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/render"
	"github.com/pillar-strategy/pillar/strategy"
)

// checkDrafts reads the drafts o.inputs names and checks them against the
// valid strategy s over [from, to) (zero: the days the drafts cover):
// the check pillar drafts prints and pillar github annotates on a pull
// request. A drafts file that cannot be read is said on stderr under
// cmd's name, and the error is exit status 2.
func checkDrafts(e *Env, cmd string, s *strategy.Strategy, o draftsOptions, ro audit.ReadOptions, from, to strategy.Date, now time.Time) (*drafts.Report, []drafts.Source, error) {
	sources, files, err := draftSources(cmd, o.inputs, drafts.ReadOptions{Audit: ro, Zone: drafts.Zone(s)}, o.root)
	if err != nil {
		return nil, nil, err
	}
	checkers, err := draftCheckers(e, s, o, ro, now)
	if err != nil {
		return nil, nil, err
	}
	rep, err := drafts.Check(drafts.Options{
		Strategy: s, StrategyFile: strategyFile(s, o.path), From: from, To: to,
		Checkers:   checkers,
		MaxPerRule: findingCap(o.maxPerRule), MaxFindings: findingCap(o.maxFindings),
	}, sources)
	if err != nil {
		var fe *audit.FileError
		if errors.As(err, &fe) || errors.Is(err, drafts.ErrNoDrafts) {
			fmt.Fprintf(e.Stderr, "pillar %s: %v\n", cmd, err)
			return nil, nil, &exitError{ExitFailure}
		}
		return nil, nil, usagef(cmd, "", "%v", err)
	}
	for _, f := range files {
		if len(f.Stats.Ignored) > 0 {
			fmt.Fprintf(e.Stderr, "pillar %s: %s: columns not read: %s\n", cmd, f.Path, strings.Join(f.Stats.Ignored, ", "))
		}
	}
	return rep, sources, nil
}

// draftsRoot is the repository root that confines the strategy at path's
// drafts.files and drafts.mapping: --root, else the enclosing git work
// tree, else the strategy's folder.
func draftsRoot(path, flagRoot string) string {
	if r := rootOf(path, flagRoot); r != "" {
		return r
	}
	r, err := git.Root(path)
	if err != nil {
		return filepath.Dir(path)
	}
	return r
}

// strategyDrafts fills in the drafts of o from the strategy's drafts
// section, for pillar drafts given none: drafts.files expanded in the
// strategy's folder, and drafts.mapping when --mapping is not given.
func strategyDrafts(s *strategy.Strategy, o draftsOptions) (draftsOptions, error) {
	const hint = "Name a drafts file (CSV or JSON Lines) or a folder of Markdown posts, e.g. pillar drafts examples/nordlys examples/nordlys/drafts/posts, or list them in the strategy's drafts.files."
	main := strategyFile(s, o.path)
	if s.Drafts == nil || len(s.Drafts.Files) == 0 {
		return o, usagef("drafts", hint, "no drafts to check: none named, and %s has no drafts.files", main)
	}
	dir, root := filepath.Dir(main), draftsRoot(main, o.root)
	inputs, err := strategy.DraftsFiles(dir, root, s.Drafts.Files)
	if err != nil {
		return o, usagef("drafts", "", "%s: %v", main, err)
	}
	if len(inputs) == 0 {
		return o, usagef("drafts", hint, "no drafts to check: %s's drafts.files (%s) match no file", main, strings.Join(s.Drafts.Files, ", "))
	}
	o.inputs = inputs
	if o.mapping == "" {
		if o.mapping, err = strategyMapping(s, dir, root); err != nil {
			return o, usagef("drafts", "", "%s: %v", main, err)
		}
	}
	return o, nil
}

// draftsNow is the clock the drafts' rules and exports measure from:
// --today is the start of that day where the team is, in the brand's zone,
// not in UTC, so "due in 2 hours", "already gone" and an importer's lead
// time are judged on the team's clock; without it, the Env's clock.
func draftsNow(e *Env, today string, s *strategy.Strategy) time.Time {
	if d, err := strategy.ParseDate(today); today != "" && err == nil {
		return d.In(drafts.Zone(s)(""))
	}
	return e.Now()
}

// strategyMapping is the strategy's drafts.mapping as --mapping takes it:
// a preset name, or the mapping file's path from the strategy's folder
// dir, which must lie inside root. "" when the strategy names none.
func strategyMapping(s *strategy.Strategy, dir, root string) (string, error) {
	if s.Drafts == nil || s.Drafts.Mapping == "" {
		return "", nil
	}
	m := s.Drafts.Mapping
	if _, ok := audit.Preset(m); ok {
		return m, nil
	}
	found, err := strategy.DraftsFiles(dir, root, []string{m})
	if err != nil {
		return "", errors.New(strings.Replace(err.Error(), "drafts.files", "drafts.mapping", 1))
	}
	if len(found) != 1 {
		return "", fmt.Errorf("drafts.mapping %q is neither a preset (%s) nor a file in the strategy's folder", m, strings.Join(audit.Presets(), ", "))
	}
	return found[0], nil
}

// slotDrafts plans [from, to) and finds each slot's draft among the
// drafts inputs name: the report's Calendar and SlotDrafts, which pillar
// plan --drafts writes into the slots' briefs and the playbook shows in
// its calendar. Only the engine's own rules run.
func slotDrafts(e *Env, cmd string, s *strategy.Strategy, path string, inputs []string, ro audit.ReadOptions, root string, from, to strategy.Date) (*drafts.Report, error) {
	sources, _, err := draftSources(cmd, inputs, drafts.ReadOptions{Audit: ro, Zone: drafts.Zone(s)}, root)
	if err != nil {
		return nil, err
	}
	rep, err := drafts.Check(drafts.Options{Strategy: s, StrategyFile: strategyFile(s, path), From: from, To: to}, sources)
	if err != nil {
		var fe *audit.FileError
		if errors.As(err, &fe) {
			fmt.Fprintf(e.Stderr, "pillar %s: %v\n", cmd, err)
			return nil, &exitError{ExitFailure}
		}
		return nil, usagef(cmd, "", "%v", err)
	}
	return rep, nil
}

// playbookDrafts plans [from, to) for the playbook with each slot's draft
// from the --drafts inputs, read with the strategy's drafts.mapping.
func playbookDrafts(e *Env, cmd string, s *strategy.Strategy, path string, inputs []string, root string, from, to strategy.Date) (*planner.Calendar, []render.SlotDraft, error) {
	main := strategyFile(s, path)
	mapping, err := strategyMapping(s, filepath.Dir(main), draftsRoot(main, root))
	if err != nil {
		return nil, nil, usagef(cmd, "", "%s: %v", main, err)
	}
	ro, err := auditOptions{mapping: mapping}.readOptions()
	if err != nil {
		return nil, nil, retag(err, cmd)
	}
	rep, err := slotDrafts(e, cmd, s, path, inputs, ro, root, from, to)
	if err != nil {
		return nil, nil, err
	}
	out := make([]render.SlotDraft, len(rep.SlotDrafts))
	for i, d := range rep.SlotDrafts {
		out[i] = render.SlotDraft{ID: d.ID, Lead: d.Lead, File: d.File, Line: d.Line}
	}
	fmt.Fprintf(e.Stderr, "pillar %s: %d of %s have a draft\n", cmd, rep.Filled, numfmt.Count(rep.Slots, "slot", ""))
	return rep.Calendar, out, nil
}
