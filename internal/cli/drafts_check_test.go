package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/internal/golden"
)

// pillar drafts PATH checks the strategy's drafts.files, read with its
// drafts.mapping: the same findings as naming the files and the mapping.
func TestDraftsOfTheStrategy(t *testing.T) {
	repo(t)
	run := func(args ...string) (int, string, string) {
		e, out, errb := testEnv(nil, false)
		code := Run(context.Background(), append([]string{"drafts"}, args...), e)
		return code, out.String(), errb.String()
	}
	code, own, errs := run("examples/nordlys", "--today", "2027-01-05")
	if code != ExitFindings {
		t.Fatalf("exit %d; stderr:\n%s", code, errs)
	}
	golden.Check(t, filepath.Join("internal", "cli", "testdata", "drafts", "strategy-files.text"), []byte(own))
	_, named, _ := run("examples/nordlys", "examples/nordlys/drafts/january.csv", "examples/nordlys/drafts/posts",
		"--mapping", "examples/mappings/content-calendar.yaml", "--today", "2027-01-05")
	if own != named {
		t.Errorf("drafts.files found other findings than naming the files:\n%s\n---\n%s", own, named)
	}
	for _, want := range []string{"examples/nordlys/drafts/january.csv:", "examples/nordlys/drafts/posts/"} {
		if !strings.Contains(own, want) {
			t.Errorf("no finding in %s", want)
		}
	}
}

// A strategy's drafts section comes with a pull request: where it leads
// outside the repository root, or names nothing, the run says so and
// exits 2 without reading anything.
func TestDraftsOfTheStrategyRefused(t *testing.T) {
	root := t.TempDir()
	os.Mkdir(filepath.Join(root, ".git"), 0o755)
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret.csv"), []byte("channel,scheduled_at,text\ninstagram,2027-01-04 09:00,x\n"), 0o644)
	write := func(drafts string) string {
		dir := filepath.Join(root, "s")
		os.MkdirAll(dir, 0o755)
		os.Symlink(outside, filepath.Join(dir, "link"))
		y := "version: 1\nbrand: {name: T, timezone: Europe/Oslo}\npillars:\n  - {id: brand, name: B, weight: 100}\n" +
			"channels:\n  - {id: instagram, platform: instagram, handle: \"@t\", cadence: [{days: [mon], times: [\"09:00\"], min_per_week: 1}]}\n" + drafts
		os.WriteFile(filepath.Join(dir, "strategy.yaml"), []byte(y), 0o644)
		return dir
	}
	for _, tc := range []struct{ name, drafts, want string }{
		{"up and out", "drafts: {files: [\"../../x/*.csv\"]}\n", `drafts.files "../../x/*.csv" leads outside the repository root`},
		{"through a link", "drafts: {files: [\"link/*.csv\"]}\n", `leads outside the repository root through a symbolic link`},
		{"nothing there", "drafts: {files: [\"drafts/*.csv\"]}\n", `drafts.files (drafts/*.csv) match no file`},
		{"a mapping through a link", "drafts: {files: [strategy.yaml], mapping: link/secret.csv}\n", `drafts.mapping "link/secret.csv" leads outside the repository root through a symbolic link`},
		{"a mapping that is not there", "drafts: {files: [strategy.yaml], mapping: nope.yaml}\n", `drafts.mapping "nope.yaml" is neither a preset`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := write(tc.drafts)
			e, out, errb := testEnv(nil, false)
			code := Run(context.Background(), []string{"drafts", dir}, e)
			all := out.String() + errb.String()
			if code != ExitFailure || !strings.Contains(all, tc.want) {
				t.Errorf("exit %d, output:\n%s\nwant %q", code, all, tc.want)
			}
			if strings.Contains(all, outside) {
				t.Errorf("the output names where the link leads:\n%s", all)
			}
		})
	}
}
