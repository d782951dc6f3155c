package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// workflowFiles are the workflows and the action this repository ships,
// relative to its root: what a user copies or runs.
func workflowFiles(t *testing.T) []string {
	t.Helper()
	files := []string{"action.yml"}
	for _, pattern := range []string{"examples/workflows/*.yml", ".github/workflows/*.yml"} {
		m, err := filepath.Glob(filepath.Join(root, pattern))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range m {
			rel, _ := filepath.Rel(root, f)
			files = append(files, filepath.ToSlash(rel))
		}
	}
	sort.Strings(files)
	if len(files) < 4 {
		t.Fatalf("found only %v", files)
	}
	return files
}

var (
	usesLine   = regexp.MustCompile(`(?m)^\s*(?:-\s+)?uses:\s*(\S+)[ \t]*(.*)$`)
	pinnedSHA  = regexp.MustCompile(`^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$`)
	versionTag = regexp.MustCompile(`^# v\d+\.\d+\.\d+$`)
	release    = regexp.MustCompile(`^pillar-strategy/pillar@v\d+\.\d+\.\d+$`)
	unpinned   = regexp.MustCompile(`@(main|master|HEAD)\b`)
)

// TestWorkflowsAreHardened: every workflow and the action pin third-party
// actions by commit SHA with the version in a comment, never follow a
// branch, check out without leaving the token behind, keep runs of one
// workflow from overlapping, give each job only the permissions it needs,
// and never run on pull_request_target.
func TestWorkflowsAreHardened(t *testing.T) {
	for _, file := range workflowFiles(t) {
		t.Run(file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(root, file))
			if err != nil {
				t.Fatal(err)
			}
			text := string(b)
			if m := unpinned.FindString(text); m != "" {
				t.Errorf("%s follows a branch (%s)", file, m)
			}
			lines := usesLine.FindAllStringSubmatch(text, -1)
			for _, m := range lines {
				uses, comment := m[1], strings.TrimSpace(m[2])
				switch {
				case strings.HasPrefix(uses, "./"):
				case release.MatchString(uses) && strings.HasPrefix(file, "examples/"):
					// Pillar itself, at a release: the action downloads and
					// checks its archive (see action.yml).
				case !pinnedSHA.MatchString(uses):
					t.Errorf("%s: uses %s: pin it to a commit SHA", file, uses)
				case !versionTag.MatchString(comment):
					t.Errorf("%s: uses %s %s: say the version it is in a comment, e.g. # v1.2.3", file, uses, comment)
				}
			}
			doc := yamlDoc(t, file)
			var all []map[string]any // every step
			if file == "action.yml" {
				for _, s := range at(t, doc, "runs", "steps").([]any) {
					all = append(all, s.(map[string]any))
				}
			} else {
				checkWorkflow(t, file, doc, text)
				for _, job := range at(t, doc, "jobs").(map[string]any) {
					for _, s := range at(t, job, "steps").([]any) {
						all = append(all, s.(map[string]any))
					}
				}
			}
			uses := 0
			for _, s := range all {
				u, _ := s["uses"].(string)
				if u == "" {
					continue
				}
				uses++
				if strings.HasPrefix(u, "actions/checkout@") && at(t, s, "with", "persist-credentials") != false {
					t.Errorf("%s: actions/checkout keeps the token in .git/config: give it persist-credentials: false", file)
				}
			}
			if uses != len(lines) {
				t.Errorf("%s: %d steps use an action, %d uses: lines were checked", file, uses, len(lines))
			}
		})
	}
}

// checkWorkflow checks a workflow's triggers, concurrency and permissions.
func checkWorkflow(t *testing.T, file string, doc map[string]any, text string) {
	t.Helper()
	if strings.Contains(text, "pull_request_target") {
		// It runs with a write token and secrets on a pull request
		// author's files; pillar reads those files (SECURITY.md).
		if _, ok := at(t, doc, "on").(map[string]any)["pull_request_target"]; ok {
			t.Errorf("%s runs on pull_request_target", file)
		}
	}
	if g := fmt.Sprint(at(t, doc, "concurrency", "group")); !strings.Contains(g, "${{ github.workflow }}") {
		t.Errorf("%s: concurrency group %q does not hold the workflow's name, so it can cancel another workflow's runs", file, g)
	}
	if p, ok := at(t, doc, "permissions").(map[string]any); !ok || len(p) != 0 {
		t.Errorf("%s: permissions %v at the top; want {} and each job asking for its own", file, at(t, doc, "permissions"))
	}
	for name, job := range at(t, doc, "jobs").(map[string]any) {
		perms, ok := at(t, job, "permissions").(map[string]any)
		if !ok || len(perms) == 0 {
			t.Errorf("%s: job %s sets no permissions of its own", file, name)
		}
		for scope, level := range perms {
			if level != "read" && level != "write" && level != "none" {
				t.Errorf("%s: job %s: permissions.%s = %v", file, name, scope, level)
			}
			if scope == "contents" && level == "write" && file != ".github/workflows/release.yml" {
				t.Errorf("%s: job %s may write the repository's contents", file, name)
			}
		}
	}
}
