package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/pillar-strategy/pillar/github"
	"github.com/pillar-strategy/pillar/github/githubtest"
)

// e2eToken is a distinctive token: output holding it leaks it.
const e2eToken = "ghs_endToEndToken5a4b3c2d1e"

// pillarWith runs the binary in dir with the environment of a GitHub
// Actions step plus env.
func pillarWith(t *testing.T, dir string, env []string, args ...string) run {
	t.Helper()
	r := pillarAt(t, dir, append(append([]string{}, gitEnv...), env...), args...)
	if strings.Contains(r.stdout+r.stderr, e2eToken) {
		t.Errorf("the token was printed:\n%s%s", r.stdout, r.stderr)
	}
	return r
}

func revParse(t *testing.T, dir, rev string) string {
	t.Helper()
	out, err := exec.Command("git", "-C", dir, "rev-parse", rev).Output()
	if err != nil {
		t.Fatalf("git rev-parse %s: %v", rev, err)
	}
	return strings.TrimSpace(string(out))
}

// stepEnv is the environment GitHub Actions gives a step on pull request
// number of octo/nordlys, from base to head, with the API at srv.
func stepEnv(t *testing.T, srv *githubtest.Server, number int, base, head string) (env []string, summary string) {
	t.Helper()
	tmp := t.TempDir()
	event := filepath.Join(tmp, "event.json")
	body := fmt.Sprintf(`{"action": "synchronize", "number": %d, "pull_request": {"number": %d,
  "head": {"sha": %q, "ref": "fewer-posts", "repo": {"full_name": "octo/nordlys"}},
  "base": {"sha": %q, "ref": "main", "repo": {"full_name": "octo/nordlys"}}},
  "repository": {"full_name": "octo/nordlys"}}`, number, number, head, base)
	if err := os.WriteFile(event, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	summary = filepath.Join(tmp, "step-summary.md")
	return []string{
		"GITHUB_ACTIONS=true",
		"GITHUB_EVENT_NAME=pull_request",
		"GITHUB_EVENT_PATH=" + event,
		"GITHUB_REPOSITORY=octo/nordlys",
		"GITHUB_SHA=" + strings.Repeat("e", 40), // the merge commit, which pillar must not use
		"GITHUB_API_URL=" + srv.URL,
		"GITHUB_SERVER_URL=https://github.com",
		"GITHUB_STEP_SUMMARY=" + summary,
		"GITHUB_TOKEN=" + e2eToken,
	}, summary
}

// normalize replaces the commit ids of a temporary repository, which
// change from run to run, with names.
func normalize(s, head string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, head, "<head>"), head[:7], "<head7>")
}

func TestGitHubPullRequestEndToEnd(t *testing.T) {
	dir, git := strategyRepo(t)
	reviewChange(t, dir, git)
	base, head := revParse(t, dir, "HEAD~1"), revParse(t, dir, "HEAD")
	srv := githubtest.NewServer(t, "")
	srv.Token = e2eToken
	env, summaryFile := stepEnv(t, srv, 14, base, head)
	args := []string{"github", "--today", "2026-11-23", "--from", "2027-01-01", "--to", "2027-04-01"}

	r := pillarWith(t, dir, env, args...)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// The new YouTube channel has no role and no example posts: warnings,
	// annotated in the log.
	if !strings.HasSuffix(r.stdout, "\n1 strategy valid (4 files), 5 warnings\n") ||
		!strings.Contains(r.stdout, "\n::warning file=strategy.yaml,line=151,col=9,endColumn=16,title=channel-no-role::the channel \"youtube\" has no role in the strategy%0AAdd role:") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	var got []string
	for _, req := range srv.Requests() {
		got = append(got, req.Method+" "+req.Path)
		if req.Authorization != "Bearer "+e2eToken {
			t.Errorf("%s %s: Authorization %q", req.Method, req.Path, req.Authorization)
		}
	}
	// The review comments are listed first, to find earlier suggestions
	// (none here, and nothing to suggest); then the check run, so that
	// the comment can link to it.
	want := []string{"GET /repos/octo/nordlys/pulls/14/comments",
		"GET /repos/octo/nordlys/commits/" + head + "/check-runs", "POST /repos/octo/nordlys/check-runs",
		"GET /repos/octo/nordlys/issues/14/comments", "POST /repos/octo/nordlys/issues/14/comments"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	comments := srv.Comments(14)
	if len(comments) != 1 {
		t.Fatalf("%d comments", len(comments))
	}
	goldenFile(t, filepath.Join("testdata", "github", "comment.md"), normalize(comments[0].Body, head))
	summary, err := os.ReadFile(summaryFile)
	if err != nil {
		t.Fatal(err)
	}
	goldenFile(t, filepath.Join("testdata", "github", "summary.md"), normalize(string(summary), head))
	runs := srv.CheckRuns()
	if len(runs) != 1 || runs[0].HeadSHA != head || runs[0].Conclusion != "neutral" || runs[0].Title != "1 strategy valid, 5 warnings" || len(runs[0].Annotations) != 5 {
		t.Errorf("check runs %+v", runs)
	}
	for _, want := range []string{"| Merkevare | 40% | **35%** |", "YouTube", "14 fewer posts"} {
		if !strings.Contains(comments[0].Body+runs[0].Text, want) {
			t.Errorf("neither the comment nor the check run says %q", want)
		}
	}

	// The next push breaks the weights: annotations on the line, the same
	// comment edited, a failing check run, exit 1.
	edit(t, filepath.Join(dir, "strategy.yaml"), "    name: Merkevare\n    weight: 35", "    name: Merkevare\n    weight: 45")
	git("commit", "-q", "-am", "More brand")
	head2 := revParse(t, dir, "HEAD")
	env, summaryFile = stepEnv(t, srv, 14, base, head2)
	r = pillarWith(t, dir, env, args...)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "::error file=strategy.yaml,line=") || !strings.Contains(r.stdout, "title=pillar-weights-sum::") {
		t.Errorf("no workflow annotation for the weights:\n%s", r.stdout)
	}
	comments = srv.Comments(14)
	if len(comments) != 1 || comments[0].Edits != 1 || !strings.Contains(comments[0].Body, "pillar-weights-sum") {
		t.Errorf("want the one comment edited to show the error, got %d comments:\n%+v", len(comments), comments)
	}
	runs = srv.CheckRuns()
	if len(runs) != 2 || runs[1].HeadSHA != head2 || runs[1].Conclusion != "failure" || len(runs[1].Annotations) != 6 ||
		runs[1].Annotations[0].Path != "strategy.yaml" || runs[1].Annotations[0].AnnotationLevel != "failure" || runs[1].Annotations[0].Title != "pillar-weights-sum" {
		t.Errorf("second check run %+v", runs[1:])
	}
	if b, _ := os.ReadFile(summaryFile); !strings.Contains(string(b), "pillar-weights-sum") {
		t.Errorf("the job summary lacks the error:\n%s", b)
	}
}

func TestGitHubWithoutTokenEndToEnd(t *testing.T) {
	dir, git := strategyRepo(t)
	reviewChange(t, dir, git)
	srv := githubtest.NewServer(t, "/api/v3")
	env, summaryFile := stepEnv(t, srv, 3, revParse(t, dir, "HEAD~1"), revParse(t, dir, "HEAD"))
	env = env[:len(env)-1] // no GITHUB_TOKEN: the workflow did not pass it
	r := pillarWith(t, dir, env, "github", "--today", "2026-11-23")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "pillar github: no token: set GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }} in the step's env to get a PR comment and check run.") {
		t.Errorf("stderr: %s", r.stderr)
	}
	if len(srv.Requests()) != 0 {
		t.Error("requests were sent without a token")
	}
	if b, err := os.ReadFile(summaryFile); err != nil || !strings.Contains(string(b), "| Merkevare | 40% | **35%** |") {
		t.Errorf("job summary: %v\n%s", err, b)
	}
	// A dry run shows what a token would have done, on GitHub Enterprise's
	// root.
	r = pillarWith(t, dir, append(env, "GITHUB_TOKEN="+e2eToken), "github", "--today", "2026-11-23", "--dry-run")
	if r.code != 0 || !strings.Contains(r.stdout, "POST "+srv.URL+"/repos/octo/nordlys/issues/3/comments\nAuthorization: [redacted]\n") {
		t.Errorf("dry run: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if len(srv.Requests()) != 0 {
		t.Error("the dry run sent requests")
	}
}

func TestGitHubHelp(t *testing.T) {
	r := pillar(t, nil, "github", "--help")
	if r.code != 0 || !strings.Contains(r.stdout, "Usage: pillar github [PATH...]") || !strings.Contains(r.stdout, "Examples:") {
		t.Errorf("exit %d\n%s", r.code, r.stdout)
	}
	r = pillar(t, nil, "--help")
	if !strings.Contains(r.stdout, "github ") {
		t.Errorf("the main help does not list github:\n%s", r.stdout)
	}
}

// yamlDoc reads a YAML file into nested maps.
func yamlDoc(t *testing.T, path string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, path))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("%s is not YAML: %v", path, err)
	}
	return doc
}

// at walks a path of keys and list indexes through a YAML document.
func at(t *testing.T, v any, path ...any) any {
	t.Helper()
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("at %v: %v is not a mapping", path, p)
			}
			v = m[k]
		case int:
			l, ok := v.([]any)
			if !ok || k >= len(l) {
				t.Fatalf("at %v: no item %d", path, k)
			}
			v = l[k]
		}
	}
	return v
}

// step finds the step of a job that uses action (its name before @).
func step(t *testing.T, steps any, action string) map[string]any {
	t.Helper()
	list, _ := steps.([]any)
	for _, s := range list {
		m, _ := s.(map[string]any)
		if uses, _ := m["uses"].(string); strings.HasPrefix(uses, action+"@") {
			return m
		}
	}
	t.Fatalf("no step uses %s", action)
	return nil
}

// runSteps lists the steps of a list that run a script.
func runSteps(t *testing.T, steps any) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, s := range steps.([]any) {
		if m := s.(map[string]any); m["run"] != nil {
			out = append(out, m)
		}
	}
	return out
}

// bashScript runs script as a GitHub Actions step with shell: bash does
// (bash --noprofile --norc -eo pipefail), in dir, with env, and returns its
// output and exit code.
func bashScript(t *testing.T, dir, script string, env ...string) (string, int) {
	t.Helper()
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not installed")
	}
	f := filepath.Join(t.TempDir(), "step.sh")
	if err := os.WriteFile(f, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bash, "--noprofile", "--norc", "-eo", "pipefail", f)
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}, env...)
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return string(out), 0
	case errors.As(err, &ee):
		return string(out), ee.ExitCode()
	}
	t.Fatalf("run bash: %v", err)
	return "", 0
}

// stub writes an executable script to path.
func stub(t *testing.T, path, script string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+script), 0o755); err != nil {
		t.Fatal(err)
	}
}

// TestActionAndWorkflows keeps action.yml and the example workflows from
// rotting: they parse, say what the README says they do, and their scripts
// run.
func TestActionAndWorkflows(t *testing.T) {
	action := yamlDoc(t, "action.yml")
	if at(t, action, "runs", "using") != "composite" {
		t.Error("action.yml is not a composite action")
	}
	inputs, _ := at(t, action, "inputs").(map[string]any)
	for _, in := range []string{"path", "token", "strict", "args"} {
		if inputs[in] == nil {
			t.Errorf("action.yml has no input %q", in)
		}
	}
	if at(t, action, "inputs", "token", "default") != "${{ github.token }}" || at(t, action, "inputs", "path", "default") != "." {
		t.Error("action.yml: token should default to the job's token and path to .")
	}
	steps := at(t, action, "runs", "steps")
	with := step(t, steps, "actions/setup-go")["with"].(map[string]any)
	if !strings.Contains(fmt.Sprint(with["go-version-file"]), "github.action_path") {
		t.Errorf("setup-go should read the Go version from the action's go.mod: %v", with)
	}
	if with["cache"] != false {
		t.Errorf("setup-go caches (%v): its cache would clash with the workflow's own", with)
	}
	var script string
	var stepEnv map[string]any
	for _, m := range runSteps(t, steps) {
		if m["shell"] != "bash" {
			t.Errorf("action step %q: shell %v, want bash", m["name"], m["shell"])
		}
		if run, _ := m["run"].(string); strings.Contains(run, " github ") {
			script = run
			stepEnv, _ = m["env"].(map[string]any)
		}
	}
	if script == "" {
		t.Fatal("no step runs pillar github")
	}
	if stepEnv["GITHUB_TOKEN"] != "${{ inputs.token }}" {
		t.Errorf("the token is not passed as GITHUB_TOKEN: %v", stepEnv)
	}
	for _, in := range []string{"path", "strict", "args"} {
		name := "PILLAR_" + strings.ToUpper(in)
		if stepEnv[name] != "${{ inputs."+in+" }}" || !strings.Contains(script, "$"+name) {
			t.Errorf("input %s does not reach the command through %s", in, name)
		}
	}
	if strings.Contains(script, "${{") {
		t.Error("the script pastes expressions into the shell; pass them through env")
	}
	help := pillar(t, nil, "github", "--help").stdout
	if strings.Contains(script, "--strict") && !strings.Contains(help, "-strict") {
		t.Error("the action passes --strict, which pillar github does not know")
	}
	t.Run("action script", func(t *testing.T) {
		// A stub pillar prints its arguments, one a line, in a folder
		// where * would match files if the script let the shell glob.
		dir, temp := t.TempDir(), t.TempDir()
		for _, f := range []string{"a.yaml", "b.yaml"} {
			if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		stub(t, filepath.Join(temp, "pillar-action", "pillar"), `for a in "$@"; do echo "[$a]"; done`+"\n")
		for _, tc := range []struct {
			path, strict, args string
			want               string
		}{
			{".", "false", "", "[github] [--] [.]"},
			{"", "true", "", "[github] [--strict] [--]"},
			{"brands  *.yaml\nteams/nordics", "true", "--config .pillar.yaml\n\t--dry-run",
				"[github] [--strict] [--config] [.pillar.yaml] [--dry-run] [--] [brands] [*.yaml] [teams/nordics]"},
			// Quotes are not interpreted: documented, so pinned.
			{`"my brand"`, "false", "--pr=$HOME", `[github] [--pr=$HOME] [--] ["my] [brand"]`},
		} {
			out, code := bashScript(t, dir, script, "RUNNER_TEMP="+temp, "PILLAR_PATH="+tc.path, "PILLAR_STRICT="+tc.strict, "PILLAR_ARGS="+tc.args)
			if got := strings.Join(strings.Fields(out), " "); code != 0 || got != tc.want {
				t.Errorf("path %q, args %q: exit %d, pillar got\n%s\nwant\n%s", tc.path, tc.args, code, got, tc.want)
			}
		}
	})

	pr := yamlDoc(t, "examples/workflows/pillar-pull-request.yml")
	if _, ok := at(t, pr, "on").(map[string]any)["pull_request"]; !ok {
		t.Error("the pull-request workflow does not run on pull_request")
	}
	if at(t, pr, "concurrency", "group") != "${{ github.workflow }}-${{ github.event.pull_request.number || github.ref }}" || at(t, pr, "concurrency", "cancel-in-progress") != true {
		t.Errorf("the pull-request workflow lets runs overlap: concurrency %v", at(t, pr, "concurrency"))
	}
	jobs, _ := at(t, pr, "jobs").(map[string]any)
	for name, job := range jobs {
		perms, _ := at(t, job, "permissions").(map[string]any)
		want := map[string]any{"contents": "read", "pull-requests": "write", "checks": "write"}
		if fmt.Sprint(perms) != fmt.Sprint(want) {
			t.Errorf("job %s: permissions %v, want %v", name, perms, want)
		}
		steps := at(t, job, "steps")
		if depth := at(t, step(t, steps, "actions/checkout"), "with", "fetch-depth"); depth != 0 {
			t.Errorf("job %s: checkout fetch-depth = %v, want 0 so the base and head commits are there", name, depth)
		}
		use := step(t, steps, "pillar-strategy/pillar")
		with, _ := use["with"].(map[string]any)
		for k := range with {
			if inputs[k] == nil {
				t.Errorf("job %s passes %q, which action.yml does not take", name, k)
			}
		}
	}

	audit := yamlDoc(t, "examples/workflows/pillar-monthly-audit.yml")
	on, _ := at(t, audit, "on").(map[string]any)
	if _, ok := on["workflow_dispatch"]; !ok || at(t, on, "schedule", 0, "cron") != "0 6 1 * *" {
		t.Errorf("the audit workflow runs on %v, want the first of the month at 06:00 and by hand", on)
	}
	env, _ := at(t, audit, "env").(map[string]any)
	for _, k := range []string{"STRATEGY", "POSTS", "MENTIONS", "COMPARE", "PILLAR_VERSION"} {
		if _, ok := env[k]; !ok {
			t.Errorf("the audit workflow has no env %s to set", k)
		}
	}
	if v := fmt.Sprint(env["PILLAR_VERSION"]); !regexp.MustCompile(`^v\d+\.\d+\.\d+$`).MatchString(v) {
		t.Errorf("the audit workflow installs pillar %s; want a release, vX.Y.Z", v)
	}
	var install, auditScript string
	var uploads bool
	for _, job := range at(t, audit, "jobs").(map[string]any) {
		steps := at(t, job, "steps")
		if v := at(t, step(t, steps, "actions/setup-go"), "with", "go-version"); v == nil || strings.Contains(fmt.Sprint(v), "file") {
			t.Errorf("setup-go needs a fixed go-version: a strategy repository has no go.mod (%v)", v)
		}
		for _, m := range runSteps(t, steps) {
			if m["shell"] != "bash" {
				t.Errorf("audit step %q: shell %v, want bash", m["name"], m["shell"])
			}
			run, _ := m["run"].(string)
			if strings.Contains(run, "go install") {
				install = run
			}
			if strings.Contains(run, "pillar audit") {
				auditScript = run
			}
		}
		for _, s := range steps.([]any) {
			m := s.(map[string]any)
			if uses, _ := m["uses"].(string); strings.HasPrefix(uses, "actions/upload-artifact@") {
				uploads = m["if"] == "always()" && at(t, m, "with", "path") == "audit.md"
			}
		}
	}
	if !strings.Contains(install, `go install "github.com/pillar-strategy/pillar/cmd/pillar@$PILLAR_VERSION"`) || strings.Contains(install+auditScript, "./cmd/pillar") {
		t.Errorf("the audit workflow should install pillar, not build it from the checkout:\n%s", install)
	}
	var command string
	for _, line := range strings.Split(auditScript, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "pillar audit ") {
			command = line
		}
	}
	if command == "" || strings.Contains(command, "examples/") || strings.Contains(command, "--from") {
		t.Errorf("the audit step should audit the user's strategy over last month, pillar audit's default:\n%s", auditScript)
	}
	if !uploads {
		t.Error("the audit workflow does not always upload audit.md")
	}
	t.Run("audit script", func(t *testing.T) {
		// A stub pillar writes its arguments as the report and exits as
		// told: the report reaches the job summary, and the exit code the
		// job.
		bin := t.TempDir()
		stub(t, filepath.Join(bin, "pillar"), `out=""; prev=""
for a in "$@"; do if [ "$prev" = "-o" ]; then out="$a"; fi; prev="$a"; done
echo "report: $*" > "$out"
exit "$STUB_EXIT"
`)
		for _, tc := range []struct {
			exit              int
			mentions, compare string
			want              string
		}{
			{0, "history/mentions.csv", "", "report: audit brands/nordlys --posts history/posts.csv --mentions history/mentions.csv --format md -o audit.md"},
			{1, "", "", "report: audit brands/nordlys --posts history/posts.csv --format md -o audit.md"},
			{2, "history/mentions.csv", "", "report: audit"},
			{1, "history/mentions.csv", "previous", "report: audit brands/nordlys --posts history/posts.csv --mentions history/mentions.csv --compare previous --format md -o audit.md"},
		} {
			dir := t.TempDir()
			summary := filepath.Join(dir, "summary.md")
			_, code := bashScript(t, dir, auditScript, "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "GITHUB_STEP_SUMMARY="+summary,
				"STRATEGY=brands/nordlys", "POSTS=history/posts.csv", "MENTIONS="+tc.mentions, "COMPARE="+tc.compare, fmt.Sprintf("STUB_EXIT=%d", tc.exit))
			b, _ := os.ReadFile(summary)
			if code != tc.exit || !strings.HasPrefix(string(b), tc.want) {
				t.Errorf("pillar exits %d: the step exits %d, job summary %q, want it to start %q", tc.exit, code, b, tc.want)
			}
		}
	})
}

// TestCommentMarker pins the marker: changing it would make every
// repository get a second comment.
func TestCommentMarker(t *testing.T) {
	if github.Marker != "<!-- pillar:pr-comment -->" {
		t.Errorf("Marker = %q", github.Marker)
	}
}
